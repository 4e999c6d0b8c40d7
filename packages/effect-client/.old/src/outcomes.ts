import type { DeletedUser } from "@deleted-users/types"
import * as Data from "effect/Data"
import type { Forbidden, InvalidInput, NotFound, UnprocessableEntity, ZendeskError } from "./errors.js"

/**
 * The user was permanently deleted. `user` is undefined when a retry confirmed it (see `PurgeConfirmed`),
 * or when `afterRestart` is set: an earlier run sent the deletion and was stopped (a crash, a kill)
 * before it could record the answer, and this run found the user gone.
 */
export class Purged extends Data.TaggedClass("Purged")<{
  /** The user's id. */
  readonly id: number
  /** The user as the deletion returned it, when this run saw the answer. */
  readonly user: DeletedUser | undefined
  /** Set when an earlier run sent the deletion and this run found the user gone. */
  readonly afterRestart?: true
}> {}

/** Zendesk answered 404: not soft-deleted, or already permanently deleted. */
export class AlreadyGone extends Data.TaggedClass("AlreadyGone")<{
  /** The user's id. */
  readonly id: number
  /** Zendesk's 404. */
  readonly error: NotFound
}> {}

/** Zendesk refused this user (422, or 403 for this user); the purge goes on with the next. */
export class Refused extends Data.TaggedClass("Refused")<{
  /** The user's id. */
  readonly id: number
  /** Why: Zendesk's 422 or 403, or an id that is not valid (nothing sent). */
  readonly error: UnprocessableEntity | Forbidden | InvalidInput
}> {}

/** Dry run: the user that would be purged; nothing was deleted. */
export class WouldPurge extends Data.TaggedClass("WouldPurge")<{
  /** The user's id. */
  readonly id: number
  /** The user, as Zendesk shows it now. */
  readonly user: DeletedUser
}> {}

/** The checkpoint says this id was finished by an earlier run; nothing was sent. */
export class Skipped extends Data.TaggedClass("Skipped")<{
  /** The user's id. */
  readonly id: number
}> {}

/**
 * The deletion failed after the retry policy gave up (a 5xx, a 400, a 409, a timeout, ...): the
 * purge goes on with the next id, the audit log records the failure, and a rerun tries it again.
 */
export class Failed extends Data.TaggedClass("Failed")<{
  /** The user's id. */
  readonly id: number
  /** The last error, once the retry policy gave up. */
  readonly error: ZendeskError
}> {}

/** What happened to one id of a purge. */
export type PurgeOutcome = Purged | AlreadyGone | Refused | WouldPurge | Skipped | Failed
