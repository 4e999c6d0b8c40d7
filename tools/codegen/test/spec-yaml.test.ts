/**
 * `parseSpecFile` reads YAML with js-yaml (fast) under a YAML 1.2 Core Schema, and hands what js-yaml
 * cannot read exactly as the `yaml` library would (a `null` key, aliases that blow the document up, bad
 * YAML, an unknown tag) to `yaml`: every document reads as `yaml` reads it, and bad YAML fails with its
 * message, line and column.
 */
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import * as YAML from "yaml"
import { parseSpecFile, SpecUnreadable } from "../src/client/load.js"

const root = path.resolve(import.meta.dirname, "../../..")
const rebilly = path.join(root, "node_modules/@redocly/openapi-core/src/benchmark/benches/rebilly.yaml")

const yamlFile = async (text: string): Promise<string> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "spec-yaml-"))
  const file = path.join(dir, "spec.yaml")
  await writeFile(file, text)
  return file
}

/** The document as the `yaml` library reads it, with the options the reader used before js-yaml. */
const byYaml = (text: string): unknown => YAML.parse(text, { maxAliasCount: 1000, intAsBigInt: false })

const yamlSpecs = async (dir: string): Promise<Array<string>> =>
  (await readdir(dir, { recursive: true })).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f))

describe("parseSpecFile (YAML)", () => {
  it("reads every YAML spec of the workspace, and Rebilly's (anchors and aliases), as the yaml library does", async () => {
    const files = [...(await yamlSpecs(path.join(root, "tools/codegen/test/specs"))), ...(await yamlSpecs(path.join(root, "specs"))), rebilly]
    expect(files.length).toBeGreaterThan(10)
    for (const file of files) {
      expect(await parseSpecFile(file), file).toStrictEqual(byYaml(await readFile(file, "utf8")))
    }
  })

  it("an alias is the node it names, as in the yaml library (one object, not a copy)", async () => {
    const doc = (await parseSpecFile(await yamlFile("a: &x { type: string }\nb: *x\n"))) as Record<string, unknown>
    expect(doc).toStrictEqual({ a: { type: "string" }, b: { type: "string" } })
    expect(doc.a).toBe(doc.b)
  })

  it("reads plain scalars by the YAML 1.2 Core Schema, as the yaml library does", async () => {
    const text = `values: [0o17, 0x1F, 0b101, -0x1F, -0o7, 012, +12, -7, 1e3, 1.5e-3, -.5, .5, 1., .inf, -.Inf, +.INF, .NaN, 1_000, 0x_1,
  ~, null, Null, NULL, "", true, True, TRUE, false, FaLse, yes, no, on, off, 2024-01-01, 2024-01-01T10:00:00Z, 123456789012345678901234567890, "12", '0x1F']
200: ok
1.50: half
true: t
`
    const doc = (await parseSpecFile(await yamlFile(text))) as { values: Array<unknown> }
    expect(doc).toStrictEqual(byYaml(text))
    expect(doc.values.slice(0, 6)).toStrictEqual([15, 31, "0b101", "-0x1F", "-0o7", 12])
    expect(Object.keys(doc)).toStrictEqual(["200", "values", "1.5", "true"])
  })

  it("a null key reads as the yaml library reads it (an empty name)", async () => {
    const text = "properties:\n  null: { type: string }\n  other: { nested: {~: 1} }\n"
    expect(await parseSpecFile(await yamlFile(text))).toStrictEqual(byYaml(text))
    expect(await parseSpecFile(await yamlFile("x: 1\nnull: 2\n"))).toStrictEqual({ x: 1, "": 2 })
  })

  it("an unknown tag reads as the yaml library reads it", async () => {
    const text = "a: !custom value\nb: !!str 12\n"
    expect(await parseSpecFile(await yamlFile(text))).toStrictEqual(byYaml(text))
  })

  it("refuses aliases that expand exponentially (a billion laughs) with the yaml library's message, quickly", async () => {
    const lines = [`a: &a [${Array(9).fill('"lol"').join(", ")}]`]
    for (let i = 1; i < 9; i++) {
      const name = String.fromCharCode(97 + i)
      lines.push(`${name}: &${name} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`)
    }
    const file = await yamlFile(`${lines.join("\n")}\n`)
    await expect(parseSpecFile(file)).rejects.toThrow(SpecUnreadable)
    await expect(parseSpecFile(file)).rejects.toThrow(`${file}: not YAML or JSON (Excessive alias count indicates a resource exhaustion attack)`)
  })

  it("bad YAML fails with one line that names the line and column", async () => {
    const unclosed = await yamlFile("openapi: 3.0.3\npaths: [1, 2\ninfo: {}\n")
    await expect(parseSpecFile(unclosed)).rejects.toThrow(/not YAML or JSON \(.* at line 3, column 1:\)$/)
    const duplicate = await yamlFile("openapi: 3.0.3\ninfo: {}\ninfo: {}\n")
    await expect(parseSpecFile(duplicate)).rejects.toThrow(`${duplicate}: not YAML or JSON (Map keys must be unique at line 3, column 1:)`)
    const quote = await yamlFile("openapi: '3.0.3\n")
    await expect(parseSpecFile(quote)).rejects.toThrow(/not YAML or JSON \(Missing closing 'quote at line 2, column 1:\)/)
  })
})
