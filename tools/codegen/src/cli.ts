#!/usr/bin/env node
import { mkdir, writeFile } from "node:fs/promises"
import * as path from "node:path"
import { parseArgs } from "node:util"
import { checkDrift, formatDrift } from "./drift.js"
import { generateAll, SpecRefused } from "./generate.js"
import { errorsOf, formatProblems, lintSpec } from "@deleted-users/openapi-lint"
import { generatedDir, specPath } from "./paths.js"

const usage = `Usage:
  deleted-users-codegen generate [--spec FILE] [--out DIR]    write the generated types and spec module
  deleted-users-codegen check [--spec FILE] [--out DIR]       fail with a diff when they are stale
  deleted-users-codegen lint [FILE]                           lint a spec; exit 1 on any error`

const main = async (): Promise<number> => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { spec: { type: "string" }, out: { type: "string" }, help: { type: "boolean" } }
  })
  const [command, file] = positionals
  const spec = path.resolve(values.spec ?? specPath)
  const out = path.resolve(values.out ?? generatedDir)
  switch (values.help ? "help" : command) {
    case "generate": {
      await mkdir(out, { recursive: true })
      for (const { file, source } of await generateAll(spec, out)) {
        await writeFile(file, source)
        console.error(`wrote ${path.relative(process.cwd(), file)}`)
      }
      return 0
    }
    case "check": {
      const result = await checkDrift(spec, out)
      ;(result._tag === "UpToDate" ? console.error : console.log)(formatDrift(result))
      return result._tag === "UpToDate" ? 0 : 1
    }
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
    console.error(error instanceof SpecRefused ? error.message : error)
    process.exit(1)
  }
)
