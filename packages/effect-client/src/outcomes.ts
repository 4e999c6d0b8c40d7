import type { DeletedUser } from "@deleted-users/types"
import { Data } from "effect"
import type { Forbidden, InvalidInput, NotFound, UnprocessableEntity } from "./errors.js"

/** The user was permanently deleted. `user` is undefined when a retry confirmed it (see `PurgeConfirmed`). */
export class Purged extends Data.TaggedClass("Purged")<{ readonly id: number; readonly user: DeletedUser | undefined }> {}

/** Zendesk answered 404: not soft-deleted, or already permanently deleted. */
export class AlreadyGone extends Data.TaggedClass("AlreadyGone")<{ readonly id: number; readonly error: NotFound }> {}

/** Zendesk refused this user (422, or 403 for this user); the purge goes on with the next. */
export class Refused extends Data.TaggedClass("Refused")<{ readonly id: number; readonly error: UnprocessableEntity | Forbidden | InvalidInput }> {}

/** Dry run: the user that would be purged; nothing was deleted. */
export class WouldPurge extends Data.TaggedClass("WouldPurge")<{ readonly id: number; readonly user: DeletedUser }> {}

/** The checkpoint says this id was finished by an earlier run; nothing was sent. */
export class Skipped extends Data.TaggedClass("Skipped")<{ readonly id: number }> {}

/** What happened to one id of a purge. */
export type PurgeOutcome = Purged | AlreadyGone | Refused | WouldPurge | Skipped
