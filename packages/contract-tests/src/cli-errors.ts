/**
 * How the CLI ends on bad input or usage: one line on stderr, no stack trace, exit code 2.
 *
 * @module
 */
import * as ValidationError from "@effect/cli/ValidationError"
import * as Cause from "effect/Cause"
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
  Effect.catchAllDefect(action, (defect) =>
    Effect.zipRight(
      Console.error(isInputError(defect) ? `error: ${defect.message}` : `internal error (a bug): ${defect instanceof Error ? defect.stack : String(defect)}`),
      exitWith(usageExitCode)
    )
  )

/** Ends a whole CLI run: a usage error (bad option, missing argument; @effect/cli has printed it) exits 2. */
export const usageErrorsExit2 = <A, E, R>(run: Effect.Effect<A, E, R>): Effect.Effect<A | void, never, R> =>
  Effect.catchAllCause(run, (cause) => {
    const failure = Cause.failureOption(cause)
    if (failure._tag === "Some" && ValidationError.isValidationError(failure.value)) return exitWith(usageExitCode)
    if (failure._tag === "Some" && isInputError(failure.value)) return Effect.zipRight(Console.error(`error: ${failure.value.message}`), exitWith(usageExitCode))
    return Effect.failCause(cause as Cause.Cause<never>)
  })
