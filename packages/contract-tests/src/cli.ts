#!/usr/bin/env node
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import * as Argument from "effect/cli/Argument"
import * as CliOutput from "effect/cli/CliOutput"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { writeFileSync } from "node:fs"
import { exitWith, guarded, presenter, usageErrorsExit2 } from "./cli-errors.js"
import { configFileName, resolveSpecPath } from "./config.js"
import { diffSpecs, parseOverrides } from "./diff.js"
import { formatDiffJson, formatDiffMarkdown, formatDiffText } from "./diff-format.js"
import { InputError, reasonOf } from "./input-error.js"
import { readSpec, readSpecText } from "./spec-source.js"

/** Written into the bundled command by bundle-bin from package.json (a release bumps it); the unbundled build has none. */
declare const __PACKAGE_VERSION__: string | undefined
const packageVersion = typeof __PACKAGE_VERSION__ === "string" ? __PACKAGE_VERSION__ : "0.0.0-unbundled"

const specHelp = `The OpenAPI spec. Without it: the "spec" of the nearest ${configFileName} in this folder or one above (relative to that file); with neither, exit 2`

// Paths are read as text, not with Argument.File/Flag.File: those refuse /dev/fd/* (a pipe is not a file).
const spec = Flag.String("spec").pipe(Flag.optional, Flag.withDescription(specHelp))

/** The spec path from `--spec` (or the positional argument of `lint`), else from the config file. */
const specOf = (...given: ReadonlyArray<Option.Option<string>>): string => {
  const values = given.flatMap((o) => (o._tag === "Some" ? [o.value] : []))
  if (values.length > 1) throw new InputError("give the spec once: as an argument or with --spec, not both")
  return resolveSpecPath(values[0])
}

const lint = Command.make("lint", { file: Argument.String("spec").pipe(Argument.optional), spec }, ({ file, spec }) =>
  guarded(
    Effect.gen(function* () {
      const path = specOf(file, spec)
      readSpecText(path) // an unreadable spec is bad input (exit 2), not a lint finding
      // The linter (Redocly) loads only for this command, so verify and diff start fast.
      const { errorsOf, formatProblems, lintSpec } = yield* Effect.promise(() => import("@effect-openapi/lint"))
      const problems = yield* Effect.promise(() => lintSpec(path))
      if (problems.length > 0) yield* Console.log(formatProblems(problems))
      const errors = errorsOf(problems).length
      yield* Console.error(`${path}: ${errors} errors, ${problems.length - errors} warnings`)
      if (errors > 0) yield* exitWith(1)
    })
  )
).pipe(Command.withDescription("Lint a spec (the argument, --spec, or the config file's): valid OpenAPI 3.1, every $ref resolves, unique operationIds, examples valid closed-world, Redocly's recommended rules. Exit 0: no error; 1: errors; 2: no spec or bad usage."))

const write = (file: string, text: string) =>
  Effect.sync(() => {
    try {
      writeFileSync(file, text)
    } catch (e) {
      throw new InputError(`${file}: cannot write: ${reasonOf(e)}`)
    }
  })

const verifyCommand = Command.make(
  "verify",
  {
    target: Argument.String("file.har|dir"),
    spec,
    strict: Flag.Boolean("strict").pipe(Flag.withDefault(false), Flag.withDescription("Also flag undocumented properties, enum values and query parameters")),
    format: Flag.Literals("format", ["text", "json", "junit"]).pipe(Flag.withDefault("text" as const)),
    output: Flag.String("output").pipe(Flag.optional, Flag.withDescription("Write the report here instead of stdout"))
  },
  ({ target, spec, strict, format, output }) =>
    guarded(
      Effect.gen(function* () {
        // The validator (ajv) loads only for the commands that check traffic, so diff starts faster.
        const { exitCodeOf, verify } = yield* Effect.promise(() => import("./verify.js"))
        const { formatJson, formatJunit, formatText } = yield* Effect.promise(() => import("./report.js"))
        const report = verify(target, { spec: specOf(spec), strict })
        const text = format === "json" ? formatJson(report) : format === "junit" ? formatJunit(report) : formatText(report)
        if (output._tag === "Some") yield* write(output.value, text)
        else yield* Console.log(text)
        for (const e of report.errors) yield* Console.error(`error: ${e.message}`)
        yield* exitWith(exitCodeOf(report))
      })
    )
).pipe(Command.withDescription("Verify recorded HAR traffic against the spec. Exit 0: all conform; 1: a violation; 2: bad input (unreadable or invalid HAR, no entries, bad spec, bad option). The report is written in every case."))

const diff = Command.make(
  "diff",
  {
    specs: Argument.String("spec").pipe(Argument.between(1, 2)),
    base: Flag.String("base").pipe(Flag.optional, Flag.withDescription("Read the old spec from git at this ref (`git show <ref>:<path>`); then give only the new spec")),
    format: Flag.Literals("format", ["text", "json", "markdown"]).pipe(Flag.withDefault("text" as const)),
    failOn: Flag.Literals("fail-on", ["breaking", "type-breaking", "warning"]).pipe(Flag.withDefault("breaking" as const), Flag.withDescription("type-breaking: exit 1 on changes to generated types too; warning: on warnings too")),
    rules: Flag.String("rules").pipe(Flag.optional, Flag.withDescription("An override file (YAML or JSON): per rule id, { severity: breaking|type-breaking|warning|non-breaking|ignore, reason }, and deprecationDays: { beta, stable }"))
  },
  ({ specs, base, format, failOn, rules }) =>
    guarded(
      Effect.gen(function* () {
        if (base._tag === "Some" && specs.length !== 1) throw new InputError("diff --base <ref> takes one spec (the new one): the old one is read from git")
        if (base._tag === "None" && specs.length !== 2) throw new InputError("diff takes two specs (old, new), or --base <ref> and one")
        const before = base._tag === "Some" ? readSpec(specs[0]!, base.value) : readSpec(specs[0]!)
        const after = readSpec(specs[specs.length - 1]!)
        const overrides = rules._tag === "Some" ? parseOverrides(readSpecText(rules.value), rules.value) : undefined
        const result = diffSpecs(before, after, overrides === undefined ? {} : { overrides, ...(overrides.deprecationDays === undefined ? {} : { policy: { deprecationDays: overrides.deprecationDays } }) })
        yield* Console.log(format === "json" ? formatDiffJson(result) : format === "markdown" ? formatDiffMarkdown(result) : formatDiffText(result))
        const s = result.summary
        const failing = s.breaking + (failOn !== "breaking" ? s.typeBreaking : 0) + (failOn === "warning" ? s.warning : 0)
        yield* exitWith(failing > 0 ? 1 : 0)
      })
    )
).pipe(Command.withDescription("What breaks a client between two specs (or a spec and itself at --base <git-ref>). Each finding names its rule (see the README). Exit 0: no breaking change; 1: breaking changes (with --fail-on, type-breaking or warnings too); 2: bad input or usage (a bad --rules file too)."))

const coverageCommand = Command.make("coverage", { target: Argument.String("dir"), spec }, ({ target, spec }) =>
  guarded(
    Effect.gen(function* () {
      const { coverage, formatCoverage } = yield* Effect.promise(() => import("./coverage.js"))
      const { loadSpec } = yield* Effect.promise(() => import("./spec-index.js"))
      const cells = coverage(loadSpec(specOf(spec)), target)
      yield* Console.log(formatCoverage(cells))
      if (cells.some((c) => c.fixtures.length === 0)) yield* exitWith(1)
    })
  )
).pipe(Command.withDescription("Operations × documented statuses, with the fixtures that exercise each; exit 1 when one has none, 2 on bad input."))

const command = Command.make("openapi-contract").pipe(
  Command.withDescription(`Contract tests for an OpenAPI spec. lint, verify and coverage check the spec given with --spec FILE, else the "spec" of the nearest ${configFileName} ({ "spec": "path/to/openapi.yml" }, relative to that file) in the working folder or one above; with neither they exit 2. Exit codes: 0 ok, 1 findings, 2 bad input or usage.`),
  Command.withSubcommands([lint, verifyCommand, diff, coverageCommand])
)

Command.run(command, { version: packageVersion }).pipe(
  usageErrorsExit2,
  Effect.provideService(CliOutput.Presenter, presenter),
  Effect.provide(NodeServices.layer),
  NodeRuntime.runMain
)

