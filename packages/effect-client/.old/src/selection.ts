import type { DeletedUser } from "@deleted-users/types"

/** The name Zendesk gives a user once permanently deleted (its list still holds such users). */
export const permanentlyDeletedName = "Permanently Deleted User"

/** Whether a listed user is already permanently deleted. */
export const isPermanentlyDeleted = (user: DeletedUser): boolean => user.name === permanentlyDeletedName

/**
 * Whether a listed user is soft-deleted (not yet purged) and was deleted before `cutoff` (epoch ms).
 * A soft delete updates the user, so `updated_at` is its deletion time.
 */
export const softDeletedBefore = (cutoff: number) => (user: DeletedUser): boolean =>
  !isPermanentlyDeleted(user) && Date.parse(user.updated_at) < cutoff
