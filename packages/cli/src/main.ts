import * as CliError from "effect/cli/CliError"
import * as CliOutput from "effect/cli/CliOutput"
import * as Command from "effect/cli/Command"
import type * as HelpDoc from "effect/cli/HelpDoc"
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import { hoistGlobalOptions } from "./argv.js"
import { command } from "./commands.js"
import { ExitCode } from "./errors.js"
import { describeFailure } from "./failure.js"
import { packageVersion } from "./version.js"


const cli = Command.runWith(command, { version: packageVersion })

/** An on/off flag takes no value after it (see `onOff`): its help shows `--yes`, as for any boolean flag, not `--yes [=boolean]`. */
const plainSwitches = (flags: ReadonlyArray<HelpDoc.FlagDoc>): ReadonlyArray<HelpDoc.FlagDoc> =>
  flags.map((flag) => (flag.type === "[=boolean]" ? { ...flag, type: "boolean" } : flag))

/**
 * What the runner prints itself: help on stdout (`--help`, or no subcommand) and the bare version
 * (`--version`); nothing for a bad invocation, whose one line `main` prints instead of the help.
 */
const presenter: CliOutput.Presenter = {
  present: (event) => {
    switch (event._tag) {
      case "Help": {
        const { flags, inheritedFlags } = event.helpDoc
        const helpDoc = { ...event.helpDoc, flags: plainSwitches(flags), ...(inheritedFlags === undefined ? {} : { inheritedFlags: plainSwitches(inheritedFlags) }) }
        return CliOutput.defaultPresenter.present({ ...event, helpDoc })
      }
      case "Version":
        return Console.log(event.version)
      case "InvalidInvocation":
        return Effect.void
    }
  }
}

/** Writes one line to stderr at once (not through `Console`, which the runner keeps quiet). */
const printError = (line: string) => Effect.sync(() => void process.stderr.write(`${line}\n`))

/** Help shown for no subcommand (a `ShowHelp` without errors): done, not a failure. */
const isHelpOnly = (error: unknown) => CliError.isCliError(error) && error._tag === "ShowHelp" && error.errors.length === 0

/**
 * Runs the command line (`argv` as `process.argv`: node, the script, then the arguments) and settles
 * on an exit code (0 done, 1 failed or partly failed, 2 usage or bad input, nothing sent): every
 * failure, typed or not, prints exactly one line.
 */
export const main = (argv: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    // The runner may print a failure itself (one it can show to a user); one line is printed instead, below.
    const console = yield* Console.Console
    return yield* cli(hoistGlobalOptions(argv).slice(2)).pipe(
      Effect.provideService(CliOutput.Presenter, presenter),
      Effect.provideService(Console.Console, { ...console, error: () => {} })
    )
  }).pipe(
    Effect.as(ExitCode.ok as number),
    Effect.catchCause((cause) => {
      if (Cause.hasInterruptsOnly(cause)) return Effect.failCause(cause)
      const failure = Cause.findErrorOption(cause)
      const error = Option.isSome(failure) ? failure.value : Cause.squash(cause)
      if (isHelpOnly(error)) return Effect.succeed(ExitCode.ok as number)
      const described = describeFailure(error)
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
    : Cause.hasInterruptsOnly(exit.cause) ? (signal === "SIGTERM" ? ExitCode.terminated : ExitCode.interrupted) : ExitCode.failed
