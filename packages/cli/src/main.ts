import { Command, ValidationError } from "@effect/cli"
import { Cause, Console, Effect, Exit } from "effect"
import { command } from "./commands.js"
import { ExitCode } from "./errors.js"

const cli = Command.run(command, { name: "deleted-users", version: "0.1.0" })

/** Runs the command line and settles on an exit code: 0, 1 (API error), 2 (usage, nothing sent). */
export const main = (argv: ReadonlyArray<string>) =>
  cli(argv).pipe(
    Effect.as(ExitCode.ok as number),
    Effect.catchAll((error: unknown) => {
      if (ValidationError.isValidationError(error)) return Effect.succeed(ExitCode.usage as number)
      const tagged = error as { _tag?: string; message?: string }
      const usage = tagged._tag === "UsageError" || tagged._tag === "InvalidInput"
      return Effect.as(Console.error(`deleted-users: ${tagged.message ?? String(error)}`), usage ? ExitCode.usage : ExitCode.api)
    })
  )

/** The process exit code of a finished run: interrupted runs exit 130. */
export const exitCodeOf = (exit: Exit.Exit<unknown, unknown>): number =>
  Exit.isSuccess(exit)
    ? typeof exit.value === "number" ? exit.value : ExitCode.ok
    : Cause.isInterruptedOnly(exit.cause) ? ExitCode.interrupted : ExitCode.api
