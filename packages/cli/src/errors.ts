import * as Data from "effect/Data"

/** Bad usage or input caught before anything is sent: exit code 2. The message says what, why and what to do. */
export class UsageError extends Data.TaggedError("UsageError")<{
  /** What is wrong, why, and what to do. */
  readonly message: string
}> {}

/** A purge that ran to its end with ids refused or failed: exit code 1, after the summary. */
export class PurgeIncomplete extends Data.TaggedError("PurgeIncomplete")<{
  /** Ids Zendesk refused (422 or 403). */
  readonly refused: number
  /** Ids that failed after retries. */
  readonly failed: number
  /** Where the details are, when there is an audit log. */
  readonly auditLog: string | undefined
}> {
  /** How many were refused and failed, where to see which, and that a rerun retries only those. */
  override get message() {
    const where = this.auditLog === undefined ? "run again with --audit-log to see which and why" : `see ${this.auditLog} for which and why`
    return `purge incomplete: ${this.refused} refused, ${this.failed} failed (${where}); a rerun with the same --checkpoint tries only those again`
  }
}

/**
 * An answer the run cannot print (a value nested too deep for `JSON.stringify`, which would overflow
 * the stack): exit code 1. What was printed before it stays printed; nothing more is.
 */
export class OutputError extends Data.TaggedError("OutputError")<{
  /** What could not be printed, and why. */
  readonly message: string
}> {}

/** The exit codes of `deleted-users` (see the README). */
export const ExitCode = {
  /** Done. */
  ok: 0,
  /** Failed, or partly failed (a purge with refused or failed ids): the message says why. */
  failed: 1,
  /** @deprecated the same as `failed`. */
  api: 1,
  /** Bad usage or input (arguments, ids, configuration, output paths): nothing was sent. */
  usage: 2,
  /** Interrupted by SIGINT: the checkpoint and the audit log are consistent. */
  interrupted: 130,
  /** Terminated by SIGTERM: the checkpoint and the audit log are consistent. */
  terminated: 143
} as const
