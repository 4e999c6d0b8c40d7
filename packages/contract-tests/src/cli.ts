#!/usr/bin/env node
import { Args, Command, Options } from "@effect/cli"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Console, Effect } from "effect"
import { writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { coverage, formatCoverage } from "./coverage.js"
import { diffSpecs, formatBreakingChanges } from "./diff.js"
import { formatJson, formatJunit, formatText } from "./report.js"
import { loadSpec } from "./spec-index.js"
import { verify } from "./verify.js"

/** The monorepo's spec (this file sits at `packages/contract-tests/dist/cli.js`). */
const specPath = fileURLToPath(new URL("../../../specs/zendesk/deleted-users.yml", import.meta.url))

const fail = (code: number) => Effect.sync(() => (process.exitCode = code))
const spec = Options.file("spec").pipe(Options.withDefault(specPath), Options.withDescription("The OpenAPI spec (default: specs/zendesk/deleted-users.yml)"))

const lint = Command.make("lint", { file: Args.file({ name: "spec" }).pipe(Args.withDefault(specPath)) }, ({ file }) =>
  Effect.gen(function* () {
    // The linter (Redocly) loads only for this command, so verify and diff start fast.
    const { errorsOf, formatProblems, lintSpec } = yield* Effect.promise(() => import("@deleted-users/codegen"))
    const problems = yield* Effect.promise(() => lintSpec(file))
    if (problems.length > 0) yield* Console.log(formatProblems(problems))
    const errors = errorsOf(problems).length
    yield* Console.error(`${file}: ${errors} errors, ${problems.length - errors} warnings`)
    if (errors > 0) yield* fail(1)
  })
).pipe(Command.withDescription("Lint a spec: valid OpenAPI 3.1, every $ref resolves, unique operationIds, examples valid closed-world, Redocly's recommended rules."))

const verifyCommand = Command.make(
  "verify",
  {
    target: Args.path({ name: "file.har|dir" }),
    spec,
    strict: Options.boolean("strict").pipe(Options.withDescription("Also flag undocumented properties, enum values and query parameters")),
    format: Options.choice("format", ["text", "json", "junit"]).pipe(Options.withDefault("text" as const)),
    output: Options.file("output").pipe(Options.optional, Options.withDescription("Write the report here instead of stdout"))
  },
  ({ target, spec, strict, format, output }) =>
    Effect.gen(function* () {
      const report = verify(target, { spec, strict })
      const text = format === "json" ? formatJson(report) : format === "junit" ? formatJunit(report) : formatText(report)
      if (output._tag === "Some") writeFileSync(output.value, text)
      else yield* Console.log(text)
      if (report.summary.failed > 0) yield* fail(1)
    })
).pipe(Command.withDescription("Verify recorded HAR traffic against the spec; exit 1 on any violation."))

const diff = Command.make("diff", { before: Args.file({ name: "old-spec" }), after: Args.file({ name: "new-spec" }) }, ({ before, after }) =>
  Effect.gen(function* () {
    const changes = diffSpecs(loadSpec(before), loadSpec(after))
    if (changes.length > 0) {
      yield* Console.log(formatBreakingChanges(changes))
      yield* fail(1)
    } else yield* Console.error("no breaking change")
  })
).pipe(Command.withDescription("Breaking changes for a client between two specs; exit 1 on any."))

const coverageCommand = Command.make("coverage", { target: Args.path({ name: "dir" }), spec }, ({ target, spec }) =>
  Effect.gen(function* () {
    const cells = coverage(loadSpec(spec), target)
    yield* Console.log(formatCoverage(cells))
    if (cells.some((c) => c.fixtures.length === 0)) yield* fail(1)
  })
).pipe(Command.withDescription("Operations × documented statuses, with the fixtures that exercise each; exit 1 when one has none."))

const command = Command.make("deleted-users-contract").pipe(Command.withSubcommands([lint, verifyCommand, diff, coverageCommand]))

Command.run(command, { name: "deleted-users-contract", version: "0.1.0" })(process.argv).pipe(Effect.provide(NodeContext.layer), NodeRuntime.runMain)
