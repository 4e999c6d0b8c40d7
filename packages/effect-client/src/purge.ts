import type { DeletedUser } from "@deleted-users/types"
import { Effect, Stream } from "effect"
import { fileCheckpoint, memoryCheckpoint } from "./checkpoint.js"
import type { Checkpoint } from "./checkpoint.js"
import type { ZendeskError } from "./errors.js"
import { checkId } from "./input.js"
import { AlreadyGone, Purged, Refused, Skipped, WouldPurge, type PurgeOutcome } from "./outcomes.js"
import { makeLimiter, type Limiter, type PurgeBudget } from "./rate-limit.js"

/** Options of `purge`. */
export interface PurgeOptions {
  /** Deletions in flight at once (default 4). */
  readonly concurrency?: number
  /** Show each user and purge none. */
  readonly dryRun?: boolean
  /** The purge's own budget (default 700 per 10 minutes, Zendesk's limit). */
  readonly budget?: PurgeBudget
  /** A checkpoint, or the path of a checkpoint file: ids finished there are skipped. */
  readonly checkpoint?: Checkpoint | string
  /** Called with the limiter, e.g. to report time spent waiting on the rate limit. */
  readonly onLimiter?: (limiter: Limiter) => void
}

/** What `purge` needs of the client. */
export interface PurgeDeps {
  readonly show: (id: number) => Effect.Effect<DeletedUser, ZendeskError>
  /** A permanent deletion that acquires from the limiter before each attempt and feeds it what the server says. */
  readonly deleteLimited: (id: number, limiter: Limiter) => Effect.Effect<DeletedUser | undefined, ZendeskError>
}

/**
 * Purges ids within Zendesk's limits: a refused user is reported and the purge goes on; an auth
 * failure or an exhausted retry ends it. Finished ids go to the checkpoint, so a restart neither
 * purges anyone twice nor skips anyone. Outcomes come in the order of the ids.
 */
export const purgeIds = (
  deps: PurgeDeps,
  ids: Stream.Stream<number, ZendeskError> | Iterable<number>,
  options: PurgeOptions = {}
): Stream.Stream<PurgeOutcome, ZendeskError> =>
  Stream.unwrapScoped(
    Effect.gen(function* () {
      const limiter = yield* makeLimiter(options.budget)
      options.onLimiter?.(limiter)
      const checkpoint = typeof options.checkpoint === "string"
        ? yield* fileCheckpoint(options.checkpoint)
        : options.checkpoint ?? (yield* memoryCheckpoint())

      const one = (raw: number): Effect.Effect<PurgeOutcome, ZendeskError> =>
        Effect.gen(function* () {
          const checked = yield* Effect.either(checkId("PermanentlyDeleteUser", raw))
          if (checked._tag === "Left") return new Refused({ id: raw, error: checked.left })
          const id = checked.right
          if (yield* checkpoint.isDone(id)) return new Skipped({ id })
          if (options.dryRun) {
            return yield* deps.show(id).pipe(
              Effect.map((user): PurgeOutcome => new WouldPurge({ id, user })),
              Effect.catchTag("NotFound", (error) => Effect.succeed(new AlreadyGone({ id, error })))
            )
          }
          return yield* deps.deleteLimited(id, limiter).pipe(
            Effect.map((user): PurgeOutcome => new Purged({ id, user })),
            Effect.catchTags({
              NotFound: (error) => Effect.succeed(new AlreadyGone({ id, error })),
              UnprocessableEntity: (error) => Effect.succeed(new Refused({ id, error })),
              Forbidden: (error) => Effect.succeed(new Refused({ id, error }))
            })
          )
        })

      // The checkpoint is written in order, as each outcome is handed on: an id finished out of order
      // and lost in a crash is tried again and comes back AlreadyGone, never skipped. Refusals are not
      // recorded (a 403 may be the credentials', and a 422 may pass later): a rerun tries them again.
      const record = (outcome: PurgeOutcome) =>
        outcome._tag === "Purged" || outcome._tag === "AlreadyGone" ? checkpoint.record(outcome.id, outcome._tag) : Effect.void

      const source: Stream.Stream<number, ZendeskError> = Stream.StreamTypeId in ids
        ? (ids as Stream.Stream<number, ZendeskError>)
        : Stream.fromIterable(ids as Iterable<number>)
      return source.pipe(Stream.mapEffect(one, { concurrency: options.concurrency ?? 4 }), Stream.tap(record))
    })
  )

