/** The `effect-openapi` command and what it writes: drift, refusal, names, 3.0 conversion. */
import { execFile } from "node:child_process"
import { mkdtemp, readFile, writeFile } from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { promisify } from "node:util"
import { describe, expect, it } from "vitest"
import { Ajv2020 } from "ajv/dist/2020.js"
import { clientDrift } from "../src/client/drift.js"
import { generateClient } from "../src/client/generate.js"
import { toJsonSchema } from "../src/client/json-schema.js"
import { apiModel } from "../src/client/model.js"
import { lowerCamelCase, pascalCase } from "../src/client/names.js"

const root = path.resolve(import.meta.dirname, "../../..")
const bin = path.join(root, "tools/codegen/dist/effect-openapi.js")
const run = (args: ReadonlyArray<string>) =>
  promisify(execFile)(process.execPath, [bin, ...args], { cwd: root }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr })
  )

const registry = JSON.parse(await readFile(path.join(root, "apis.json"), "utf8")) as { apis: Array<{ name: string; spec: string; out: string; regenerate: string; effect?: 3 | 4; strict?: boolean; overlay?: string | ReadonlyArray<string> }> }

describe("generated clients in the workspace", () => {
  it.each(registry.apis.map((api) => [api.out, api.effect ?? 4, api] as const))("%s (Effect %s) is what its spec generates (no drift)", async (_out, effect, api) => {
    const diff = await clientDrift({ spec: path.join(root, api.spec), specLabel: api.spec, name: api.name, regenerate: api.regenerate, effect, strict: api.strict === true, overlays: [api.overlay ?? []].flat().map((file) => path.join(root, file)) }, path.join(root, api.out))
    expect(diff, `stale: run ${api.regenerate}`).toBe("")
  })

  it("each third-party spec is generated for both targets, each where its effect resolves", () => {
    for (const name of ["iceberg-rest-catalog", "redocly-museum", "uploads"]) {
      expect(registry.apis.filter((api) => api.name === name).map((api) => [api.effect, api.out])).toEqual([
        [4, `tools/codegen/test/generated/${name}`],
        [3, `packages/openapi-runtime-effect3/test/generated/${name}`]
      ])
    }
  })

  it("the check uses the target: the Effect 3 clients are drift for Effect 4, and the other way round", async () => {
    const museum = registry.apis.filter((api) => api.name === "redocly-museum")
    for (const api of museum) {
      const other = api.effect === 3 ? 4 : 3
      const diff = await clientDrift({ spec: path.join(root, api.spec), specLabel: api.spec, name: api.name, regenerate: api.regenerate, effect: other }, path.join(root, api.out))
      expect(diff).toContain(other === 3 ? "+import * as R from \"@effect-openapi/runtime-effect3\"" : "+import * as HttpClient from \"effect/http/HttpClient\"")
    }
  })

  it("a changed spec is drift: the check exits 1 with the diff and the command", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "effect-openapi-"))
    const spec = path.join(dir, "museum.yaml")
    const yaml = await readFile(path.join(root, "tools/codegen/test/specs/redocly-museum.yaml"), "utf8")
    await writeFile(spec, yaml.replace("operationId: getMuseumHours", "operationId: getOpeningHours"))
    const result = await run(["check", "--spec", spec, "--name", "redocly-museum", "--out", "tools/codegen/test/generated/redocly-museum"])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain("+  readonly getOpeningHours")
    expect(result.stderr).toContain("is stale. Run: effect-openapi generate")
  })
})

describe("effect-openapi generate", () => {
  it("writes Effect 4 code by default, Effect 3 code with --effect 3, and the header's default regenerate command names the target", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "effect-openapi-"))
    const spec = "tools/codegen/test/specs/redocly-museum.yaml"
    const four = await run(["generate", "--spec", spec, "--name", "redocly-museum", "--out", path.join(dir, "4"), "--no-postman"])
    expect(four.code).toBe(0)
    const client4 = await readFile(path.join(dir, "4/client.ts"), "utf8")
    expect(client4).toContain('import * as HttpClient from "effect/http/HttpClient"')
    expect(client4).toContain('import * as R from "@effect-openapi/runtime"\n')
    expect(client4).toContain('import { defaultTransport } from "@effect-openapi/runtime/default-transport"')
    expect(client4).not.toMatch(/from "node:|openapi-runtime\/node"/)
    expect(client4).toContain('export class RedoclyMuseum extends Context.Service<RedoclyMuseum, RedoclyMuseumApi>()("effect-openapi/redocly-museum") {')
    expect(client4).toContain("  static layerTest(handlers: RedoclyMuseumHandlers): Layer.Layer<RedoclyMuseum> {\n    return Layer.succeed(RedoclyMuseum, makeTest(handlers))")
    expect(client4).not.toContain("@effect/platform")
    expect(client4).not.toContain("Context.Tag")
    expect(client4).toContain(`// Change the spec, then run: effect-openapi generate --spec ${spec} --name redocly-museum --out <dir>\n`)
    expect(await readFile(path.join(dir, "4/README.md"), "utf8")).toContain("Written for Effect 4: it imports `effect`")

    const three = await run(["generate", "--spec", spec, "--name", "redocly-museum", "--out", path.join(dir, "3"), "--no-postman", "--effect", "3"])
    expect(three.code).toBe(0)
    const client3 = await readFile(path.join(dir, "3/client.ts"), "utf8")
    expect(client3).toContain('import * as HttpClient from "@effect/platform/HttpClient"')
    expect(client3).toContain('import * as R from "@effect-openapi/runtime-effect3"')
    expect(client3).toContain('import { defaultTransport } from "@effect-openapi/runtime-effect3/default-transport"')
    expect(client3).toContain('export class RedoclyMuseum extends Context.Tag("effect-openapi/redocly-museum")<RedoclyMuseum, RedoclyMuseumApi>() {')
    expect(client3).toContain(`// Change the spec, then run: effect-openapi generate --spec ${spec} --name redocly-museum --out <dir> --effect 3\n`)
    expect(client3).toContain("  static layerTest(handlers: RedoclyMuseumHandlers): Layer.Layer<RedoclyMuseum> {\n    return Layer.succeed(RedoclyMuseum, makeTest(handlers))")
    expect(await readFile(path.join(dir, "3/README.md"), "utf8")).toContain("Written for Effect 3: it imports `effect` and `@effect/platform`")

    // Only the client, its README and the headers differ: the same method and type names either way.
    const exported = (source: string) => [...source.matchAll(/^export (?:const|type|interface|class) (\w+)/gm)].map((m) => m[1])
    expect(exported(client3)).toEqual(exported(client4))
  })

  it("check follows --effect: Effect 4 code is up to date for the default and stale for --effect 3, whose fix names --effect 3", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "effect-openapi-"))
    const spec = "tools/codegen/test/specs/redocly-museum.yaml"
    const { files } = await generateClient({ spec: path.join(root, spec), specLabel: spec, name: "redocly-museum", postman: false })
    for (const { file, source } of files) await writeFile(path.join(dir, file), source)
    expect((await run(["check", "--spec", spec, "--name", "redocly-museum", "--out", dir, "--no-postman"])).code).toBe(0)
    const stale = await run(["check", "--spec", spec, "--name", "redocly-museum", "--out", dir, "--no-postman", "--effect", "3"])
    expect(stale.code).toBe(1)
    expect(stale.stdout).toContain('+import * as HttpClient from "@effect/platform/HttpClient"')
    expect(stale.stdout).toContain('-import * as HttpClient from "effect/http/HttpClient"')
    expect(stale.stderr).toContain(`is stale. Run: effect-openapi generate --spec ${spec} --name redocly-museum --out ${dir} --effect 3\n`)
  })

  it("an --effect other than 3 or 4 is a usage error (exit 2), and writes nothing", async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), "effect-openapi-"))
    const result = await run(["generate", "--spec", "tools/codegen/test/specs/uploads.yaml", "--name", "uploads", "--out", out, "--effect", "2"])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--effect must be 3 or 4, not "2"')
    await expect(readFile(path.join(out, "index.ts"))).rejects.toThrow()
  })

  it("refuses the seed spec (exit 2), naming each of its 7 dangling $refs, and writes nothing", async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), "effect-openapi-"))
    const result = await run(["generate", "--spec", "specs/zendesk/deleted-users.original.yml", "--name", "seed", "--out", out])
    expect(result.code).toBe(2)
    expect(result.stderr.match(/no-unresolved-refs/g)).toHaveLength(7)
    expect(result.stderr).toContain("#/components/schemas/DeletedUserObject")
    await expect(readFile(path.join(out, "index.ts"))).rejects.toThrow()
  })

  it("a duplicate operationId is a warning (the later one renumbered), a refusal with --strict; a schema it cannot read is refused; style warnings are printed", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "effect-openapi-"))
    const yaml = await readFile(path.join(root, "tools/codegen/test/specs/redocly-museum.yaml"), "utf8")
    const duplicate = path.join(dir, "dup.yaml")
    await writeFile(duplicate, yaml.replace("operationId: listSpecialEvents", "operationId: getMuseumHours"))
    const dup = await run(["generate", "--spec", duplicate, "--name", "m", "--out", path.join(dir, "a")])
    expect(dup.code).toBe(0)
    expect(dup.stderr).toContain('warning: warn operation-operationId-unique #/paths/~1special-events/get/operationId operationId "getMuseumHours" is not unique: this one is read as "getMuseumHours2"')
    expect(await readFile(path.join(dir, "a/client.ts"), "utf8")).toContain("readonly getMuseumHours2: ")
    const strict = await run(["generate", "--spec", duplicate, "--name", "m", "--out", path.join(dir, "a2"), "--strict"])
    expect(strict.code).toBe(2)
    expect(strict.stderr).toContain("error operation-operationId-unique")
    const badSchema = path.join(dir, "bad.yaml")
    await writeFile(badSchema, yaml.replace("    Error:\n      type: object", "    Error:\n      type: 42"))
    const bad = await run(["generate", "--spec", badSchema, "--name", "m", "--out", path.join(dir, "b")])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("error unreadable-schema #/components/schemas/Error/type type must be a type name, not 42; fix: one of string, number")
    const styled = await run(["generate", "--spec", "tools/codegen/test/specs/uploads.yaml", "--name", "uploads", "--out", path.join(dir, "c")])
    expect(styled.code).toBe(0)
    expect(styled.stderr).toContain("warning: warn operation-4xx-response")
    expect(await readFile(path.join(dir, "c/index.ts"), "utf8")).toContain('export * from "./client.js"')
  })

  it("a missing option is a usage error (exit 2); an unreadable spec is one line, exit 2", async () => {
    const usage = await run(["generate", "--spec", "x.yaml"])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/generate needs --(name|out)/)
    const missing = await run(["generate", "--spec", "no/such.yaml", "--name", "x", "--out", os.tmpdir()])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("no/such.yaml: cannot be read (ENOENT)")
    expect(missing.stderr).not.toContain("    at ")
  })
})

describe("names", () => {
  it.each([
    ["github-issues", pascalCase, "GithubIssues"],
    ["issues/list-for-repo", lowerCamelCase, "issuesListForRepo"],
    ["ListDeletedUsers", lowerCamelCase, "listDeletedUsers"],
    ["getHTTPStatus", lowerCamelCase, "getHTTPStatus"],
    ["repos/get-README", lowerCamelCase, "reposGetREADME"],
    ["2fa.enable", lowerCamelCase, "_2faEnable"]
  ] as const)("%s → %s", (input, f, expected) => {
    expect(f(input)).toBe(expected)
  })
})

describe("operation names", () => {
  it("operationIds that meet in one name get numbered methods and types; no operationId is method and path", () => {
    const api = apiModel({ openapi: "3.1.0", paths: { "/pets": { get: { operationId: "get-pets", responses: {} }, post: { operationId: "getPets", responses: {} }, put: { responses: {} } } } })
    expect(api.operations.map((o) => [o.id, o.methodName, o.typeName])).toEqual([
      ["get-pets", "getPets", "GetPets"],
      ["put /pets", "putPets", "PutPets"],
      ["getPets", "getPets2", "GetPets2"]
    ])
  })
})

describe("OpenAPI 3.0 schemas as JSON Schema", () => {
  const ajv = new Ajv2020({ strict: false })
  const accepts = (schema: unknown, value: unknown) => ajv.validate(toJsonSchema(schema, true) as object, value)
  it.each([
    ["nullable string", { type: "string", nullable: true }, null, true],
    ["non-nullable string", { type: "string" }, null, false],
    ["nullable allOf", { allOf: [{ type: "object", required: ["a"] }], nullable: true }, null, true],
    ["nullable allOf, object still checked", { allOf: [{ type: "object", required: ["a"] }], nullable: true }, {}, false],
    ["nullable oneOf", { oneOf: [{ type: "string" }, { type: "integer" }], nullable: true }, null, true],
    ["nullable oneOf, branches still checked", { oneOf: [{ type: "string" }, { type: "integer" }], nullable: true }, 1.5, false],
    ["nullable enum", { type: "string", enum: ["a"], nullable: true }, null, true],
    ["exclusiveMinimum true excludes the bound", { type: "number", minimum: 5, exclusiveMinimum: true }, 5, false],
    ["exclusiveMinimum true allows above", { type: "number", minimum: 5, exclusiveMinimum: true }, 5.1, true],
    ["exclusiveMaximum false keeps the bound", { type: "number", maximum: 5, exclusiveMaximum: false }, 5, true],
    ["nested nullable inside properties", { type: "object", properties: { p: { allOf: [{ type: "string" }], nullable: true } } }, { p: null }, true]
  ] as const)("%s", (_name, schema, value, ok) => {
    expect(accepts(schema, value)).toBe(ok)
  })
})
