import type { DeletedUser } from "@deleted-users/types"
import type * as Arr from "effect/Array"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Result from "effect/Result"
import * as Stream from "effect/Stream"
import { fileAuditLog, type AuditLog } from "./audit.js"
import { fileCheckpoint, memoryCheckpoint, readOnlyFileCheckpoint } from "./checkpoint.js"
import type { Checkpoint, FinishedAs } from "./checkpoint.js"
import type { ZendeskError } from "./errors.js"
import { checkId } from "./input.js"
import { AlreadyGone, Failed, Purged, Refused, Skipped, WouldPurge, type PurgeOutcome } from "./outcomes.js"
import type { PurgeError, PurgeFileError } from "./purge-errors.js"
import { lockPurgeFile } from "./purge-lock.js"
import { makeLimiter, type Limiter, type PurgeBudget, type SharedBudget } from "./rate-limit.js"

/** Options of `purge`. */
export interface PurgeOptions {
  /** Deletions in flight at once (default 4). */
  readonly concurrency?: number
  /** Show each user and purge none. */
  readonly dryRun?: boolean
  /**
   * The budget of deletions (default 700 per 10 minutes, Zendesk's limit), kept per account in the
   * client's `rateLimitStore` (see `DeletedUsersOptions`): every purge of the account that uses the same
   * store shares it, whatever its checkpoint; `maxPause` caps how long it waits when Zendesk asks.
   */
  readonly budget?: PurgeBudget
  /**
   * A checkpoint, or the path of a checkpoint file: ids finished there are skipped. A file is read line
   * by line (8 bytes an id in memory) and locked for the purge (`<path>.lock`): a second purge with the
   * same file fails with `PurgeLocked` and sends nothing; a lock left by a dead purge is taken over.
   */
  readonly checkpoint?: Checkpoint | string
  /**
   * The path of an NDJSON audit log: a `Sending` line before each deletion, and a line per outcome,
   * each synced to disk before the checkpoint is written. On a rerun, ids an earlier run sent but
   * never recorded are tried first (even if no longer selected) and a 404 for them is `Purged`
   * (`afterRestart`), so every id the server purged has exactly one `Purged` line. Read once, line by
   * line, on start (flat memory at any size), and locked like the checkpoint; a line that cannot be
   * written in full (a full disk) stops the purge with `PurgeFileError` before anything more is sent.
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
  /**
   * A permanent deletion that acquires from the limiter before each attempt and feeds it what the
   * server says; `beforeSend` runs once, after the first slot is taken and before the request goes out
   * (the purge writes its `Sending` line there). Fails with the limiter's and `beforeSend`'s errors as
   * they are, never retried.
   */
  readonly deleteLimited: (
    id: number,
    limiter: Limiter,
    beforeSend?: Effect.Effect<void, PurgeFileError>
  ) => Effect.Effect<DeletedUser | undefined, ZendeskError | PurgeError>
  /** The account's shared deletion budget: the store and the account's key. Without it, the purge keeps its own. */
  readonly shared?: SharedBudget
}

/** Ids of a purge's input as it goes through them: a run of ids the checkpoint holds, or one id to work on. */
type Segment = { readonly skipped: ReadonlyArray<number> } | { readonly id: number }

/** Errors that end a purge at once rather than fail one id: the credentials are wrong for every id. */
const endsThePurge = (error: ZendeskError): boolean => error._tag === "Unauthorized"

const purgeErrorTags: ReadonlySet<string> = new Set(["PurgeFileError", "PurgeLocked", "PauseTooLong", "BudgetStoreError"])

/** Whether an error stops the purge (its files, its lock, a pause past the cap, the budget's store) rather than fail one id. */
export const isPurgeError = (error: ZendeskError | PurgeError): error is PurgeError => purgeErrorTags.has(error._tag)

/**
 * Purges ids within Zendesk's limits: a refused user is reported and the purge goes on, and so does
 * a failed one (see `maxErrors`); an auth failure ends it. Each outcome goes to the audit log (synced)
 * and then to the checkpoint as soon as it is known, so a restart neither purges anyone twice, nor
 * skips anyone, nor loses an audit line. Outcomes come in the order of the ids.
 *
 * The purge stops with a `PurgeError` when its checkpoint or audit log is in use by another live purge
 * (`PurgeLocked`, before anything is sent), when one of its files cannot be written in full
 * (`PurgeFileError`, e.g. a full disk), when Zendesk asks for a pause past `budget.maxPause`
 * (`PauseTooLong`), or when the store of the account's budget fails (`BudgetStoreError`); a rerun resumes.
 */
export const purgeIds = (
  deps: PurgeDeps,
  ids: Stream.Stream<number, ZendeskError> | Iterable<number>,
  options: PurgeOptions = {}
): Stream.Stream<PurgeOutcome, ZendeskError | PurgeError> =>
  Stream.unwrap(
    Effect.gen(function* () {
      const dryRun = options.dryRun === true
      // One purge at a time per checkpoint and per audit log: a second one would take the first's
      // live `Sending` lines for a crashed run's. Locked before either file is read.
      if (typeof options.checkpoint === "string" && !dryRun) yield* lockPurgeFile("checkpoint", options.checkpoint)
      if (options.auditLog !== undefined && !dryRun) yield* lockPurgeFile("audit log", options.auditLog)
      // The store of the account's budget is reached before anything is sent (a Redis connection, held for the purge).
      if (deps.shared !== undefined && !dryRun) yield* deps.shared.store.hold
      const limiter = yield* makeLimiter(options.budget, deps.shared)
      options.onLimiter?.(limiter)
      const checkpoint = typeof options.checkpoint === "string"
        ? dryRun ? yield* readOnlyFileCheckpoint(options.checkpoint) : yield* fileCheckpoint(options.checkpoint)
        : options.checkpoint ?? (yield* memoryCheckpoint())
      const audit: AuditLog | undefined = options.auditLog === undefined || dryRun ? undefined : yield* fileAuditLog(options.auditLog)

      // Reconcile, going through the audit log once (flat memory at any size): what it knows and the
      // checkpoint does not (a crash between the two) goes to the checkpoint, and the ids it sent and
      // never answered are kept.
      const unanswered = new Set<number>()
      if (audit !== undefined) {
        yield* audit.scan((entries) =>
          Effect.gen(function* () {
            const missing = new Map<number, FinishedAs>()
            for (const entry of entries) {
              if (entry.outcome === "Sending") unanswered.add(entry.id)
              else if (entry.outcome === "Purged" || entry.outcome === "AlreadyGone") {
                unanswered.delete(entry.id)
                if (!missing.has(entry.id) && !(yield* checkpoint.isDone(entry.id))) missing.set(entry.id, entry.outcome)
              }
            }
            if (missing.size === 0) return
            if (checkpoint.recordMany !== undefined) yield* checkpoint.recordMany([...missing])
            else for (const [id, outcome] of missing) yield* checkpoint.record(id, outcome)
          })
        )
      }
      for (const id of unanswered) if (yield* checkpoint.isDone(id)) unanswered.delete(id)
      const retried = [...unanswered]

      // The run's span carries the counts so far (no ids: they are personal data's keys).
      const counts = { Purged: 0, AlreadyGone: 0, Refused: 0, Failed: 0, WouldPurge: 0, Skipped: 0 }
      const count = (tag: PurgeOutcome["_tag"], n = 1) =>
        Effect.annotateCurrentSpan(`purge.${spanCountName[tag]}`, (counts[tag] += n))
      const finish = (outcome: PurgeOutcome) =>
        Effect.gen(function* () {
          if (audit !== undefined && outcome._tag !== "Skipped") yield* audit.write(outcome, yield* Clock.currentTimeMillis)
          if (outcome._tag === "Purged" || outcome._tag === "AlreadyGone") yield* checkpoint.record(outcome.id, outcome._tag)
          yield* count(outcome._tag)
          return outcome
        })

      const one = (raw: number): Effect.Effect<PurgeOutcome, ZendeskError | PurgeError> =>
        Effect.gen(function* () {
          const checked = yield* Effect.result(checkId("PermanentlyDeleteUser", raw))
          if (Result.isFailure(checked)) return yield* finish(new Refused({ id: raw, error: checked.failure }))
          const id = checked.success
          if (yield* checkpoint.isDone(id)) return yield* Effect.as(count("Skipped"), new Skipped({ id }))
          if (dryRun) {
            return yield* deps.show(id).pipe(
              Effect.map((user): PurgeOutcome => new WouldPurge({ id, user })),
              Effect.catchTag("NotFound", (error) => Effect.succeed(new AlreadyGone({ id, error }))),
              Effect.tap((outcome) => count(outcome._tag))
            )
          }
          const earlierRunSent = unanswered.has(id)
          // The `Sending` line goes out once the slot is taken, just before the request: a purge stopped
          // while it waited for its slot leaves no line for an id it never sent.
          const sending = audit === undefined ? undefined : Effect.flatMap(Clock.currentTimeMillis, (now) => audit.sending(id, now))
          const outcome = yield* deps.deleteLimited(id, limiter, sending).pipe(
            Effect.map((user): PurgeOutcome => new Purged({ id, user })),
            Effect.catch((error): Effect.Effect<PurgeOutcome, ZendeskError | PurgeError> => {
              if (isPurgeError(error)) return Effect.fail(error)
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
      // The outcome that reaches maxErrors is handed on first (after those before it), then the stream fails with its error.
      const stopAtMaxErrors = (outcomes: ReadonlyArray<PurgeOutcome>): Stream.Stream<PurgeOutcome, ZendeskError> =>
        Stream.unwrap(
          Ref.modify(failures, (before): readonly [Stream.Stream<PurgeOutcome, ZendeskError>, number] => {
            let n = before
            for (let i = 0; i < outcomes.length; i++) {
              const outcome = outcomes[i]!
              if (outcome._tag === "Failed" && ++n >= maxErrors) return [Stream.concat(Stream.fromIterable(outcomes.slice(0, i + 1)), Stream.fail(outcome.error)), n]
            }
            return [Stream.fromIterable(outcomes), n]
          })
        )

      const source: Stream.Stream<number, ZendeskError> = Stream.isStream(ids)
        ? (ids as Stream.Stream<number, ZendeskError>)
        : Stream.fromIterable(ids as Iterable<number>)
      // Ids an earlier run sent and never recorded come first, whether or not they are still selected.
      const all = retried.length === 0 ? source : Stream.concat(Stream.fromIterable(retried), Stream.filter(source, (id) => !unanswered.has(id)))
      // Runs of ids the checkpoint already holds become their `Skipped` outcomes at once, a run at a
      // time; every other id goes through `one`. A rerun of a purge of millions goes through the done
      // ids in seconds, and the outcomes keep the order of the ids.
      const segments = Stream.mapArrayEffect(all, (chunk) =>
        Effect.gen(function* () {
          const out: Array<Segment> = []
          let run: Array<number> | undefined
          for (const id of chunk) {
            if (typeof id === "number" && Number.isSafeInteger(id) && id > 0 && (yield* checkpoint.isDone(id))) {
              ;(run ??= []).push(id)
              continue
            }
            if (run !== undefined) out.push({ skipped: run })
            run = undefined
            out.push({ id })
          }
          if (run !== undefined) out.push({ skipped: run })
          return out as unknown as Arr.NonEmptyReadonlyArray<Segment>
        })
      )
      return segments.pipe(
        Stream.mapEffect(
          (segment): Effect.Effect<ReadonlyArray<PurgeOutcome>, ZendeskError | PurgeError> =>
            "skipped" in segment
              ? Effect.as(count("Skipped", segment.skipped.length), segment.skipped.map((id) => new Skipped({ id })))
              : Effect.map(one(segment.id), (o) => [o]),
          { concurrency: options.concurrency ?? 4 }
        ),
        Stream.flatMap(stopAtMaxErrors)
      )
    })
  ).pipe(
    Stream.withSpan("ZendeskDeletedUsers.purge", {
      kind: "internal",
      attributes: { "purge.dry_run": options.dryRun === true, "purge.concurrency": options.concurrency ?? 4 }
    })
  )

/** The attribute name of each outcome's count on the purge's span (`purge.purged`, `purge.already_gone`, ...). */
const spanCountName: Record<PurgeOutcome["_tag"], string> = {
  Purged: "purged",
  AlreadyGone: "already_gone",
  Refused: "refused",
  Failed: "failed",
  WouldPurge: "would_purge",
  Skipped: "skipped"
}
