#!/usr/bin/env node
/**
 * `deleted-users-codegen`: deprecated alias, kept for this major, of the one pipeline. `generate` and `check` run
 * `effect-openapi generate|check --types-only` for `@deleted-users/types` (the Zendesk spec's `types.ts`, the same
 * module effect-openapi writes into the Zendesk client); `lint` is the full spec lint (`openapi-contract lint`:
 * exit 1 on any error of `@effect-openapi/lint`).
 *
 * @module
 */
import { spawnSync } from "node:child_process"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { errorsOf, formatProblems, lintSpec } from "@effect-openapi/lint"
import { generatedDir, regenerateCommand, specPath, typesApiName } from "./paths.js"

const usage = `Usage (deprecated: use effect-openapi with --types-only, or openapi-contract lint):
  deleted-users-codegen generate [--spec FILE] [--out DIR]    write the generated types (DIR/types.ts)
  deleted-users-codegen check [--spec FILE] [--out DIR]       fail with a diff when they are stale
  deleted-users-codegen lint [FILE]                           lint a spec; exit 1 on any error`

/** Runs `effect-openapi` (beside this file) with the arguments the types package is generated with. */
const effectOpenapi = (command: "generate" | "check", spec: string, out: string): number => {
  const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), "effect-openapi.js")
  const args = [command, "--spec", spec, "--name", typesApiName, "--out", out, "--types-only", "--strict", "--regenerate", regenerateCommand]
  return spawnSync(process.execPath, [bin, ...args], { stdio: "inherit" }).status ?? 70
}

const main = async (): Promise<number> => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { spec: { type: "string" }, out: { type: "string" }, help: { type: "boolean" } }
  })
  const [command, file] = positionals
  const spec = path.relative(process.cwd(), path.resolve(values.spec ?? specPath)) || "."
  const out = path.resolve(values.out ?? generatedDir)
  switch (values.help ? "help" : command) {
    case "generate":
    case "check":
      return effectOpenapi(command as "generate" | "check", spec, out)
    case "lint": {
      const problems = await lintSpec(path.resolve(file ?? spec))
      if (problems.length > 0) console.log(formatProblems(problems))
      const errors = errorsOf(problems).length
      console.error(`${errors} errors, ${problems.length - errors} warnings`)
      return errors > 0 ? 1 : 0
    }
    default:
      console.error(usage)
      return command === undefined || values.help ? 0 : 2
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
