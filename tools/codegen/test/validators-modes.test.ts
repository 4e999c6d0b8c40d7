/**
 * `--validators lazy` (schemas compiled by ajv on a validator's first call) accepts and rejects exactly
 * what `--validators compiled` (ajv's standalone code) does, with the same first error: every validator of
 * the Museum and Iceberg clients, on every example of their specs and on variants of each (a key left out,
 * a value of the wrong type).
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises"
import * as path from "node:path"
import { pathToFileURL } from "node:url"
import * as YAML from "yaml"
import { afterAll, describe, expect, it } from "vitest"
import { generateClient } from "../src/client/generate.js"

const root = path.resolve(import.meta.dirname, "../../..")
// Inside the workspace (its git-ignored tmp/), so that the generated imports resolve as a package's would.
const out = path.join(root, "tmp", `validators-modes-${process.pid}`)
afterAll(() => rm(out, { recursive: true, force: true }))

type Validator = ((data: unknown) => boolean) & { errors?: ReadonlyArray<{ instancePath: string; keyword: string; message?: string }> | null }

/** Every `example` and example `value` of a document. */
const examplesOf = (node: unknown, into: Array<unknown> = []): Array<unknown> => {
  if (Array.isArray(node)) for (const child of node) examplesOf(child, into)
  else if (node !== null && typeof node === "object") {
    for (const [key, child] of Object.entries(node)) {
      if (key === "example") into.push(child)
      else if (key === "value" && "summary" in node) into.push(child)
      examplesOf(child, into)
    }
  }
  return into
}

/** Each example, each without one of its keys, and with one key's value of the wrong type; and a few plain values. */
const samplesOf = (examples: ReadonlyArray<unknown>): Array<unknown> => {
  const samples: Array<unknown> = [null, {}, [], "text", 0, 1.5, true, { path: {}, query: {} }]
  for (const example of examples) {
    samples.push(example, { body: example }, { query: example }, { path: example })
    if (example === null || typeof example !== "object" || Array.isArray(example)) continue
    for (const key of Object.keys(example)) {
      const { [key]: value, ...rest } = example as Record<string, unknown>
      samples.push(rest, { ...example, [key]: typeof value === "string" ? 42 : "wrong" })
    }
  }
  return samples
}

const generate = async (spec: string, mode: "compiled" | "lazy") => {
  const dir = path.join(out, `${path.basename(spec, ".yaml")}-${mode}`)
  const { files } = await generateClient({ spec, name: "modes", postman: false, validators: mode })
  await mkdir(dir, { recursive: true })
  for (const file of files) await writeFile(path.join(dir, file.file), file.source)
  return { source: files.find((f) => f.file === "validators.ts")!.source, module: (await import(pathToFileURL(path.join(dir, "validators.ts")).href)) as Record<string, Validator> }
}

describe("lazy and compiled validators", () => {
  for (const name of ["redocly-museum", "iceberg-rest-catalog"]) {
    it(`reject and accept the same values: ${name}`, async () => {
      const spec = path.join(root, "tools/codegen/test/specs", `${name}.yaml`)
      const compiled = await generate(spec, "compiled")
      const lazy = await generate(spec, "lazy")
      expect(compiled.source).toContain("function validate")
      expect(lazy.source).not.toContain("function validate")
      expect(lazy.source).toContain("getSchema(name)")
      const names = Object.keys(compiled.module).filter((k) => typeof compiled.module[k] === "function")
      expect(Object.keys(lazy.module).filter((k) => typeof lazy.module[k] === "function").sort()).toEqual(names.sort())
      const samples = samplesOf(examplesOf(YAML.parse(await readFile(spec, "utf8"))))
      let accepted = 0
      let rejected = 0
      for (const validator of names) {
        for (const sample of samples) {
          const a = compiled.module[validator]!(sample)
          const b = lazy.module[validator]!(sample)
          expect(b, `${validator} on ${JSON.stringify(sample)}`).toBe(a)
          if (a) accepted++
          else {
            rejected++
            const first = (v: Validator) => ({ instancePath: v.errors?.[0]?.instancePath, keyword: v.errors?.[0]?.keyword, message: v.errors?.[0]?.message })
            expect(first(lazy.module[validator]!), `${validator} on ${JSON.stringify(sample)}`).toEqual(first(compiled.module[validator]!))
          }
        }
      }
      // Not a comparison of two refusals only: both verdicts occur, many times.
      expect(accepted).toBeGreaterThan(50)
      expect(rejected).toBeGreaterThan(50)
    }, 180_000)
  }
})
