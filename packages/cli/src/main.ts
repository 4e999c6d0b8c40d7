import * as Command from "@effect/cli/Command"
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import { hoistGlobalOptions } from "./argv.js"
import { command } from "./commands.js"
import { ExitCode } from "./errors.js"
import { describeFailure } from "./failure.js"

/** Written into the bundled command by bundle-bin from package.json (a release bumps it); the unbundled build has none. */
declare const __PACKAGE_VERSION__: string | undefined
const packageVersion = typeof __PACKAGE_VERSION__ === "string" ? __PACKAGE_VERSION__ : "0.0.0-unbundled"

const cli = Command.run(command, { name: "deleted-users", version: packageVersion })

/** Writes one line to stderr at once (not through `Console`, which the runner keeps quiet). */
const printError = (line: string) => Effect.sync(() => void process.stderr.write(`${line}\n`))

/**
 * Runs the command line and settles on an exit code (0 done, 1 failed or partly failed, 2 usage or
 * bad input, nothing sent): every failure, typed or not, prints exactly one line.
 */
export const main = (argv: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    // @effect/cli prints its own multi-line help for a bad argument; one line is printed instead, below.
    const console = yield* Console.consoleWith(Effect.succeed)
    return yield* cli(hoistGlobalOptions(argv)).pipe(Effect.withConsole({ ...console, error: () => Effect.void }))
  }).pipe(
    Effect.as(ExitCode.ok as number),
    Effect.catchAllCause((cause) => {
      if (Cause.isInterruptedOnly(cause)) return Effect.failCause(cause)
      const failure = Cause.failureOption(cause)
      const described = describeFailure(Option.isSome(failure) ? failure.value : Cause.squash(cause))
      return Effect.as(printError(described.line), described.code)
    })
  )

let signal: NodeJS.Signals | undefined

/** Remembers the signal that interrupts the run, for its exit code (130 for SIGINT, 143 for SIGTERM). */
export const noteSignal = (received: NodeJS.Signals): void => {
  signal ??= received
}

/** The process exit code of a finished run: interrupted runs exit 130 (SIGINT) or 143 (SIGTERM). */
export const exitCodeOf = (exit: Exit.Exit<unknown, unknown>): number =>
  Exit.isSuccess(exit)
    ? typeof exit.value === "number" ? exit.value : ExitCode.ok
    : Cause.isInterruptedOnly(exit.cause) ? (signal === "SIGTERM" ? ExitCode.terminated : ExitCode.interrupted) : ExitCode.failed
