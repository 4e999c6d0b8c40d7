import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import type { BudgetStoreError } from "@effect-openapi/runtime"

/** Which file of a purge an I/O error concerns. */
export type PurgeFileRole = "audit log" | "checkpoint" | "budget file"

/**
 * A file of the purge (its audit log, its checkpoint, or the file of the budget it shares) could not
 * be opened, read, written in full or synced, e.g. `ENOSPC` on a full disk or `EIO`. The purge stops
 * at once: what the files hold is consistent (a partly written line is cut off or ignored on reading),
 * and a rerun with the same files resumes.
 */
export class PurgeFileError extends Data.TaggedError("PurgeFileError")<{
  /** The file's role. */
  readonly file: PurgeFileRole
  /** Its path. */
  readonly path: string
  /** What was being done: `open`, `read`, `write`, `sync` or `lock`. */
  readonly operation: "open" | "read" | "write" | "sync" | "lock"
  /** The system's error code (`ENOSPC`, `EIO`, `EACCES`, ...). */
  readonly code: string
  /** The system's description of it, e.g. `no space left on device`. */
  readonly reason: string
}> {
  /** One line: which file, what failed and why, and what to do. */
  override get message() {
    return `cannot ${this.operation} the ${this.file} ${this.path}: ${this.code} (${this.reason}); the purge stopped, and its files are consistent: ` +
      `fix the cause${this.code === "ENOSPC" ? " (free some space)" : ""}, then run it again with the same checkpoint and audit log to resume`
  }
}

/** Another purge, alive, is using the same audit log or checkpoint: this one sent nothing. */
export class PurgeLocked extends Data.TaggedError("PurgeLocked")<{
  /** The file's role. */
  readonly file: PurgeFileRole
  /** The file in use. */
  readonly path: string
  /** The process id of the purge holding it. */
  readonly pid: number
  /** The host it runs on. */
  readonly host: string
  /** Since when it holds it (ISO 8601). */
  readonly since: string
}> {
  /** One line: who holds the file, and what to do. */
  override get message() {
    return `the ${this.file} ${this.path} is in use by another purge (pid ${this.pid} on ${this.host}, since ${this.since}); nothing was sent: ` +
      `wait for it to end, or give this purge a checkpoint and an audit log of its own`
  }
}

/** Says how long a duration is, in the largest unit that reads well ("31.7 years", "2.5 days", "15m"). */
export const describeDuration = (duration: Duration.Duration): string => {
  const ms = Duration.toMillis(duration)
  if (!Number.isFinite(ms)) return "forever"
  const days = ms / 86_400_000
  if (days >= 365) return `${(days / 365.25).toFixed(1)} years`
  if (days >= 2) return `${days.toFixed(1)} days`
  return Duration.format(Duration.millis(Math.round(ms)))
}

/**
 * Zendesk asked the purge to wait longer than the cap (`PurgeBudget.maxPause`), by `Retry-After` or
 * by a rate-limit reset with nothing remaining: the purge stops rather than sleep, and a rerun resumes.
 */
export class PauseTooLong extends Data.TaggedError("PauseTooLong")<{
  /** How long Zendesk asked to wait. */
  readonly asked: Duration.Duration
  /** The longest pause the purge takes. */
  readonly cap: Duration.Duration
  /** What asked for it: a 429's `Retry-After`, or the reset of a rate limit reported exhausted. */
  readonly source: "Retry-After" | "rate-limit reset"
}> {
  /** One line: what Zendesk asked, the cap, and what to do. */
  override get message() {
    return `Zendesk asked to wait ${describeDuration(this.asked)} (${this.source}), longer than the ${describeDuration(this.cap)} a purge pauses at most: ` +
      `the purge stopped; run it again later with the same checkpoint to resume`
  }
}

/**
 * The store that keeps the account's shared budget (e.g. a Redis server) failed: nothing more is sent.
 * Defined by the runtime, which keeps the stores (`@effect-openapi/runtime`), re-exported here.
 */
export { BudgetStoreError } from "@effect-openapi/runtime"

/** Errors that stop a purge (rather than fail one id): its files, another purge, a pause past the cap, the budget's store. */
export type PurgeError = PurgeFileError | PurgeLocked | PauseTooLong | BudgetStoreError
