/**
 * How the CLI ends on bad input or usage: one line on stderr, no stack trace, exit code 2.
 *
 * @module
 */
import * as Cause from "effect/Cause"
import * as CliError from "effect/cli/CliError"
import * as CliOutput from "effect/cli/CliOutput"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { isInputError } from "./input-error.js"

/** The exit code for bad input or usage. */
export const usageExitCode = 2

/** Sets the process's exit code (the last one set wins). */
export const exitWith = (code: number): Effect.Effect<void> => Effect.sync(() => void (process.exitCode = code))

/**
 * Runs a command's action: an `InputError` thrown anywhere in it (a defect to Effect) becomes its
 * message on stderr and exit 2. Any other defect is a bug: its stack trace goes to stderr, and it
 * exits 2 too, never 1, so CI cannot read a crash as "breaking changes found" or "violations".
 */
export const guarded = <A, E, R>(action: Effect.Effect<A, E, R>): Effect.Effect<A | void, E, R> =>
  Effect.catchDefect(action, (defect) =>
    Effect.andThen(
      Console.error(isInputError(defect) ? `error: ${defect.message}` : `internal error (a bug): ${defect instanceof Error ? defect.stack : String(defect)}`),
      exitWith(usageExitCode)
    )
  )

/**
 * What the CLI prints for help, `--version` and bad usage: help and the version on stdout; for bad
 * usage (an unknown option, a missing or extra argument, a bad value) only the errors, one a line,
 * on stderr, so stdout stays empty.
 */
export const presenter: CliOutput.Presenter = {
  present: (event) =>
    event._tag === "InvalidInvocation"
      ? Console.error(event.errors.map((error) => error.message.replace(/\s*\n\s*/g, " ")).join("\n"))
      : event._tag === "Version"
      ? Console.log(event.version)
      : CliOutput.defaultPresenter.present(event)
}

/**
 * Ends a whole CLI run: a usage error (bad option, missing argument; the presenter has printed it)
 * exits 2; help shown for a command run without its subcommand exits 0.
 */
export const usageErrorsExit2 = <A, E, R>(run: Effect.Effect<A, E, R>): Effect.Effect<A | void, never, R> =>
  Effect.catchCause(run, (cause) => {
    const failure = Cause.findErrorOption(cause)
    if (failure._tag === "Some" && CliError.isCliError(failure.value) && failure.value._tag === "ShowHelp") {
      return exitWith(failure.value.errors.length > 0 ? usageExitCode : 0)
    }
    if (failure._tag === "Some" && CliError.isCliError(failure.value)) return exitWith(usageExitCode)
    if (failure._tag === "Some" && isInputError(failure.value)) return Effect.andThen(Console.error(`error: ${failure.value.message}`), exitWith(usageExitCode))
    return Effect.failCause(cause as Cause.Cause<never>)
  })
