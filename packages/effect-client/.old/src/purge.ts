import type { DeletedUser } from "@deleted-users/types"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Result from "effect/Result"
import * as Stream from "effect/Stream"
import { fileAuditLog, type AuditLog } from "./audit.js"
import { fileCheckpoint, memoryCheckpoint } from "./checkpoint.js"
import type { Checkpoint } from "./checkpoint.js"
import type { ZendeskError } from "./errors.js"
import { checkId } from "./input.js"
import { AlreadyGone, Failed, Purged, Refused, Skipped, WouldPurge, type PurgeOutcome } from "./outcomes.js"
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
  /**
   * The path of an NDJSON audit log: a `Sending` line before each deletion, and a line per outcome,
   * each synced to disk before the checkpoint is written. On a rerun, ids an earlier run sent but
   * never recorded are tried first (even if no longer selected) and a 404 for them is `Purged`
   * (`afterRestart`), so every id the server purged has exactly one `Purged` line.
   */
  readonly auditLog?: string
  /**
   * Failed ids (after retries) the purge goes on past (default: no limit); at this many the stream
   * fails with the last error. A 401 ends the purge at once: every id would fail the same way.
   */
  readonly maxErrors?: number
  /** Called with the limiter, e.g. to report time spent waiting on the rate limit. */
  readonly onLimiter?: (limiter: Limiter) => void
}

/** What `purge` needs of the client. */
export interface PurgeDeps {
  readonly show: (id: number) => Effect.Effect<DeletedUser, ZendeskError>
  /** A permanent deletion that acquires from the limiter before each attempt and feeds it what the server says. */
  readonly deleteLimited: (id: number, limiter: Limiter) => Effect.Effect<DeletedUser | undefined, ZendeskError>
}

/** Errors that end a purge at once rather than fail one id: the credentials are wrong for every id. */
const endsThePurge = (error: ZendeskError): boolean => error._tag === "Unauthorized"

/**
 * Purges ids within Zendesk's limits: a refused user is reported and the purge goes on, and so does
 * a failed one (see `maxErrors`); an auth failure ends it. Each outcome goes to the audit log (synced)
 * and then to the checkpoint as soon as it is known, so a restart neither purges anyone twice, nor
 * skips anyone, nor loses an audit line. Outcomes come in the order of the ids.
 */
export const purgeIds = (
  deps: PurgeDeps,
  ids: Stream.Stream<number, ZendeskError> | Iterable<number>,
  options: PurgeOptions = {}
): Stream.Stream<PurgeOutcome, ZendeskError> =>
  Stream.unwrap(
    Effect.gen(function* () {
      const limiter = yield* makeLimiter(options.budget)
      options.onLimiter?.(limiter)
      const checkpoint = typeof options.checkpoint === "string"
        ? yield* fileCheckpoint(options.checkpoint)
        : options.checkpoint ?? (yield* memoryCheckpoint())
      const audit: AuditLog | undefined = options.auditLog === undefined || options.dryRun ? undefined : yield* fileAuditLog(options.auditLog)

      // Reconcile: what the audit log knows and the checkpoint does not (a crash between the two) goes to the checkpoint.
      const unanswered = new Set(audit?.history.unanswered ?? [])
      for (const [id, outcome] of audit?.history.finished ?? []) {
        if (!(yield* checkpoint.isDone(id))) yield* checkpoint.record(id, outcome)
      }
      for (const id of unanswered) if (yield* checkpoint.isDone(id)) unanswered.delete(id)
      const retried = [...unanswered]

      const finish = (outcome: PurgeOutcome) =>
        Effect.gen(function* () {
          if (audit !== undefined && outcome._tag !== "Skipped") yield* audit.write(outcome, yield* Clock.currentTimeMillis)
          if (outcome._tag === "Purged" || outcome._tag === "AlreadyGone") yield* checkpoint.record(outcome.id, outcome._tag)
          return outcome
        })

      const one = (raw: number): Effect.Effect<PurgeOutcome, ZendeskError> =>
        Effect.gen(function* () {
          const checked = yield* Effect.result(checkId("PermanentlyDeleteUser", raw))
          if (Result.isFailure(checked)) return yield* finish(new Refused({ id: raw, error: checked.failure }))
          const id = checked.success
          if (yield* checkpoint.isDone(id)) return new Skipped({ id })
          if (options.dryRun) {
            return yield* deps.show(id).pipe(
              Effect.map((user): PurgeOutcome => new WouldPurge({ id, user })),
              Effect.catchTag("NotFound", (error) => Effect.succeed(new AlreadyGone({ id, error })))
            )
          }
          const earlierRunSent = unanswered.has(id)
          if (audit !== undefined) yield* audit.sending(id, yield* Clock.currentTimeMillis)
          const outcome = yield* deps.deleteLimited(id, limiter).pipe(
            Effect.map((user): PurgeOutcome => new Purged({ id, user })),
            Effect.catch((error): Effect.Effect<PurgeOutcome, ZendeskError> => {
              switch (error._tag) {
                case "NotFound":
                  return Effect.succeed(earlierRunSent ? new Purged({ id, user: undefined, afterRestart: true }) : new AlreadyGone({ id, error }))
                case "UnprocessableEntity":
                case "Forbidden":
                  return Effect.succeed(new Refused({ id, error }))
                default:
                  return endsThePurge(error) ? Effect.fail(error) : Effect.succeed(new Failed({ id, error }))
              }
            })
          )
          return yield* finish(outcome)
        })

      // Refusals and failures are not checkpointed (a 403 may be the credentials', a 422 or a 5xx may pass later): a rerun tries them again.
      const failures = yield* Ref.make(0)
      const maxErrors = options.maxErrors ?? Infinity
      // The outcome that reaches maxErrors is handed on first, then the stream fails with its error.
      const stopAtMaxErrors = (outcome: PurgeOutcome): Stream.Stream<PurgeOutcome, ZendeskError> =>
        outcome._tag !== "Failed"
          ? Stream.succeed(outcome)
          : Stream.unwrap(
              Effect.map(Ref.updateAndGet(failures, (n) => n + 1), (n) =>
                n >= maxErrors ? Stream.concat(Stream.succeed(outcome), Stream.fail(outcome.error)) : Stream.succeed(outcome)
              )
            )

      const source: Stream.Stream<number, ZendeskError> = Stream.isStream(ids)
        ? (ids as Stream.Stream<number, ZendeskError>)
        : Stream.fromIterable(ids as Iterable<number>)
      // Ids an earlier run sent and never recorded come first, whether or not they are still selected.
      const all = retried.length === 0 ? source : Stream.concat(Stream.fromIterable(retried), Stream.filter(source, (id) => !unanswered.has(id)))
      return all.pipe(Stream.mapEffect(one, { concurrency: options.concurrency ?? 4 }), Stream.flatMap(stopAtMaxErrors))
    })
  )
