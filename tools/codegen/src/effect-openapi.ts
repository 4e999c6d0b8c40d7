#!/usr/bin/env node
/**
 * `effect-openapi`: generate an Effect client from an OpenAPI 3.0 or 3.1 spec (or Swagger 2.0), check a
 * committed one for drift, lint a spec. Exit codes: 0 done, 1 drift or lint errors, 2 usage or a refused
 * spec, 70 a crash (a bug of effect-openapi: it says what failed and asks for a report).
 *
 * @module
 */
import { mkdir, writeFile } from "node:fs/promises"
import * as path from "node:path"
import { parseArgs } from "node:util"
import { clientDrift } from "./client/drift.js"
import { SpecRefused, generateClient } from "./client/generate.js"
import { structuralProblems } from "./client/check.js"
import { SpecUnreadable, loadSpec } from "./client/load.js"
import { effectFlag, parseEffectVersion, UnknownEffectVersion, type EffectVersion } from "./client/target.js"
import { breakRefCycles } from "./client/repair.js"
import type { ValidatorsMode } from "./client/validators.js"

const usage = `Usage:
  effect-openapi generate --spec FILE --name NAME --out DIR [--overlay OVERLAY]... [--effect 4|3] [--regenerate CMD] [--postman|--no-postman] [--validators compiled|lazy] [--strict] [--types-only]
      write the client (DIR/index.ts is the entry) and DIR/postman-collection.json (by default only
      for a spec of at most 200 operations: --postman always, --no-postman never); --validators:
      compiled to code now (the default up to 200 operations), or lazy (schemas ajv compiles on each
      validator's first call, the default above: a smaller module that type-checks fast);
      FILE is OpenAPI 3.0 or 3.1 (or Swagger 2.0, converted), YAML or JSON, its $refs to other files
      resolved against the file that holds them. A spec is refused only when it cannot be generated
      from (not OpenAPI, a $ref that does not resolve, a schema that cannot be read); every other
      problem is a warning, with its JSON pointer. --strict: refuse any structural lint error too.
      --overlay: an OpenAPI Overlay 1.0 document (YAML or JSON) applied to the spec before anything else,
      repeatable (applied in order); an action that selects nothing is a warning, an invalid overlay refused.
      --effect 4 (the default) imports effect and @effect-openapi/runtime, --effect 3 imports
      effect, @effect/platform and @effect-openapi/runtime-effect3. --types-only: write DIR/types.ts
      alone (the spec's paths, components and operations types, for a types package)
  effect-openapi check --spec FILE --name NAME --out DIR [--overlay OVERLAY]... [--effect 4|3] [--strict] [--types-only]
      exit 1 with a diff when DIR is not what the spec generates
  effect-openapi lint FILE
      structural errors (exit 1) and style warnings
Exit codes: 0 done; 1 drift or structural errors; 2 usage (an --out that cannot be written too), or a
spec refused by generate;
70 a crash: a bug of effect-openapi, not of the spec (it prints what failed: please report it).`

class Usage extends Error {}
/** What `--types-only` writes: the openapi-typescript module alone. */
const typesOnly: ReadonlyArray<string> = ["types.ts"]
/** An `--out` that cannot be written: bad usage too (exit 2), not a crash. */
class CannotWrite extends Error {}

const main = async (): Promise<number> => {
  let parsed
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { spec: { type: "string" }, name: { type: "string" }, out: { type: "string" }, regenerate: { type: "string" }, effect: { type: "string" }, validators: { type: "string" }, postman: { type: "boolean" }, "no-postman": { type: "boolean" }, strict: { type: "boolean" }, overlay: { type: "string", multiple: true }, "types-only": { type: "boolean" }, help: { type: "boolean", short: "h" } }
    })
  } catch (error) {
    throw new Usage((error as Error).message)
  }
  const { positionals, values } = parsed
  const [command, file] = positionals
  if (values.help === true || command === undefined) {
    console.log(usage)
    return 0
  }
  const need = (key: "spec" | "name" | "out"): string => {
    const value = values[key]
    if (value === undefined || value === "") throw new Usage(`${command} needs --${key}`)
    return value
  }
  const overlays = values.overlay === undefined || values.overlay.length === 0 ? {} : { overlays: values.overlay }
  const validatorsMode = (): { validators?: ValidatorsMode } => {
    const mode = values.validators
    if (mode === undefined) return {}
    if (mode !== "compiled" && mode !== "lazy") throw new Usage(`--validators must be compiled or lazy, not ${JSON.stringify(mode)}`)
    return { validators: mode }
  }
  const effect = (): EffectVersion => {
    try {
      return parseEffectVersion(values.effect)
    } catch (error) {
      throw error instanceof UnknownEffectVersion ? new Usage(error.message) : error
    }
  }
  // --types-only: the same generation, of which only types.ts is written (and checked).
  const only = values["types-only"] === true ? typesOnly : undefined
  // --no-postman (or --types-only) wins; neither flag: the generator's default (written for a spec of at most 200 operations).
  const postman = values["no-postman"] === true || only !== undefined ? { postman: false } : values.postman === true ? { postman: true } : {}
  switch (command) {
    case "generate": {
      const spec = need("spec")
      const out = path.resolve(need("out"))
      const options = { spec, name: need("name"), specLabel: spec, effect: effect(), ...postman, ...validatorsMode(), strict: values.strict === true, ...overlays, ...(values.regenerate === undefined ? {} : { regenerate: values.regenerate }) }
      const { files, warnings } = await generateClient(options)
      for (const warning of warnings) console.error(`warning: ${warning}`)
      try {
        await mkdir(out, { recursive: true })
        for (const { file: name, source } of files) if (only === undefined || only.includes(name)) await writeFile(path.join(out, name), source)
      } catch (error) {
        throw new CannotWrite(`effect-openapi: cannot write to ${need("out")} (${(error as { code?: string }).code ?? String(error)})`)
      }
      console.error(`wrote ${only?.length ?? files.length} files to ${path.relative(process.cwd(), out) || "."} (${warnings.length} warnings)`)
      return 0
    }
    case "check": {
      const spec = need("spec")
      const version = effect()
      const diff = await clientDrift({ spec, name: need("name"), specLabel: spec, effect: version, ...postman, ...validatorsMode(), strict: values.strict === true, ...overlays, ...(values.regenerate === undefined ? {} : { regenerate: values.regenerate }) }, need("out"), only)
      if (diff === "") {
        console.error(`${need("out")} is up to date with ${spec}`)
        return 0
      }
      console.log(diff)
      console.error(`${need("out")} is stale. Run: ${values.regenerate ?? `effect-openapi generate --spec ${spec} --name ${need("name")} --out ${need("out")}${effectFlag(version)}${only === undefined ? "" : " --types-only"}`}`)
      return 1
    }
    case "lint": {
      if (file === undefined) throw new Usage("lint needs a FILE")
      const doc = await loadSpec(file)
      const cycles = breakRefCycles(doc).map((f) => `warn ${f.rule} ${f.pointer} ${f.message}`)
      const { errors, warnings } = await structuralProblems(file, doc)
      for (const line of cycles) console.log(line)
      for (const line of [...errors, ...warnings]) console.log(line)
      console.error(`${errors.length} structural errors, ${warnings.length + cycles.length} warnings`)
      return errors.length > 0 ? 1 : 0
    }
    default:
      throw new Usage(`unknown command ${JSON.stringify(command)}`)
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof Usage) {
      console.error(`effect-openapi: ${error.message}\n\n${usage}`)
      process.exit(2)
    }
    if (error instanceof SpecRefused || error instanceof SpecUnreadable || error instanceof CannotWrite) {
      console.error(error.message)
      process.exit(2)
    }
    // Anything else is a bug of ours, whatever the spec: say what failed, ask for a report, exit 70 (EX_SOFTWARE).
    console.error(
      [
        `effect-openapi crashed: ${error instanceof Error ? error.message : String(error)}`,
        ...(error instanceof Error && error.stack !== undefined ? [error.stack.split("\n").slice(1, 8).join("\n")] : []),
        `command: effect-openapi ${process.argv.slice(2).join(" ")}`,
        "This is a bug of effect-openapi, not a problem of your spec. Please report it to the maintainers of",
        "@effect-openapi/codegen with this message, the command and the spec (or the smallest part of it that",
        "still crashes)."
      ].join("\n")
    )
    process.exit(70)
  }
)
