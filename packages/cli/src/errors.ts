import { Data } from "effect"

/** Bad usage or input caught before anything is sent: exit code 2. */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}

/** The exit codes of `deleted-users`. */
export const ExitCode = {
  /** Success. */
  ok: 0,
  /** An API error: the message carries the status, Zendesk's error code and the request id. */
  api: 1,
  /** Bad input or usage: nothing was sent. */
  usage: 2,
  /** Interrupted (SIGINT): the checkpoint is flushed. */
  interrupted: 130
} as const
