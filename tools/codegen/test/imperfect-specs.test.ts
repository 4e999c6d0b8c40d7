/**
 * Real, imperfect specs (test/specs/imperfect/): the generator refuses only what it cannot generate
 * from, warns about the rest with its pointer, and what it generates parses and type-checks.
 */
import { execFile } from "node:child_process"
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { generateClient, SpecRefused } from "../src/client/generate.js"
import { typeErrors } from "./support/typecheck.js"

const root = path.resolve(import.meta.dirname, "../../..")
const specs = path.join(root, "tools/codegen/test/specs/imperfect")
const bin = path.join(root, "tools/codegen/dist/effect-openapi.js")
const run = (args: ReadonlyArray<string>, options: { cwd?: string; node?: ReadonlyArray<string> } = {}) =>
  promisify(execFile)(process.execPath, [...(options.node ?? []), bin, ...args], { cwd: options.cwd ?? root }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr })
  )

/** The specs that generate, by name. */
const generated = ["no-operations", "webhooks-only", "loose-metadata", "ref-cycles", "deep-refs", "nullable-30", "mixed-31", "mappings-and-patterns", "swagger-2", "split/openapi"] as const
type Name = (typeof generated)[number]

// Inside the workspace (its git-ignored tmp/), so that the generated imports resolve as a package's would.
const out = path.join(root, "tmp", `imperfect-specs-${process.pid}`)
const warnings = new Map<Name, ReadonlyArray<string>>()
const dirOf = (name: Name) => path.join(out, name.replace("/", "-"))

beforeAll(async () => {
  for (const name of generated) {
    const result = await generateClient({ spec: path.join(specs, `${name}.yaml`), specLabel: `imperfect/${name}.yaml`, name: name.replace("/", "-") })
    warnings.set(name, result.warnings)
    await mkdir(dirOf(name), { recursive: true })
    for (const file of result.files) await writeFile(path.join(dirOf(name), file.file), file.source)
  }
}, 180_000)
afterAll(() => rm(out, { recursive: true, force: true }))

const warningsOf = (name: Name) => warnings.get(name)!.join("\n")

/** The generated validator of a response (`GetTree200`), by the name validators.ts gives it. */
const validator = async (name: Name, hint: string): Promise<((value: unknown) => boolean) & { errors?: unknown }> => {
  const module = (await import(path.join(dirOf(name), "validators.ts"))) as Record<string, (value: unknown) => boolean>
  const found = Object.entries(module).find(([key]) => key.endsWith(`_${hint}`))
  if (found === undefined) throw new Error(`no validator *_${hint} in ${Object.keys(module).join(", ")}`)
  return found[1]
}

describe("imperfect specs generate clients that type-check", () => {
  it("every generated client parses and type-checks (tsc, the workspace's options)", () => {
    const files = generated.flatMap((name) => ["index.ts", "client.ts", "types.ts", "validators.ts", "fetch-client.ts"].map((file) => path.join(dirOf(name), file)))
    expect(typeErrors(files)).toEqual([])
  }, 120_000)

  it("each validator is exported with its type (tsc infers none from a body it may not survive: a big schema overflows its stack)", async () => {
    const validators = await readFile(path.join(dirOf("nullable-30"), "validators.ts"), "utf8")
    expect(validators).toMatch(/^export const v0_\w+: Validator = validate\d+;/m)
    expect(validators).not.toMatch(/export const \w+ = validate\d+;/)
  })

  it("no operations (components only, webhooks only): a client with no methods, no stray comma", async () => {
    for (const name of ["no-operations", "webhooks-only"] as const) {
      const client = await readFile(path.join(dirOf(name), "client.ts"), "utf8")
      expect(client).not.toMatch(/^,$/m)
      expect(client).toContain("export const operationSpecs: Readonly<Record<never, R.OperationSpec>> = {\n\n}")
    }
    // openapi-to-postmanv2 wants paths: a webhooks-only spec still has its (empty) collection.
    expect(JSON.parse(await readFile(path.join(dirOf("webhooks-only"), "postman-collection.json"), "utf8")).info.name).toBe("Pet events")
  })

  it("a numeric info.version, no info.title, a response without description, odd schema names: warnings, and the validators resolve the odd names", async () => {
    const text = warningsOf("loose-metadata")
    expect(text).toContain("warn struct #/info The field `title` must be present on this level.")
    expect(text).toContain("warn struct #/info/version Expected type `string` but got `integer`.")
    expect(text).toContain("warn struct #/paths/~1pets/get/responses/200 The field `description` must be present on this level.")
    expect(text).toContain('warn spec-components-invalid-map-name #/components/schemas/Pet Record The map key in schemas "Pet Record"')
    expect(text).toContain('warn spec-components-invalid-map-name #/components/schemas/Tagged<Pet>')
    const tagged = await validator("loose-metadata", "ListTagged200")
    expect(tagged({ tag: "t", pet: { name: "Rex" } })).toBe(true)
    expect(tagged({ tag: "t", pet: {} })).toBe(false)
    // No title: the Postman collection is named after the API.
    expect(JSON.parse(await readFile(path.join(dirOf("loose-metadata"), "postman-collection.json"), "utf8")).info.name).toBe("loose-metadata")
  })

  it("a recursive schema: a recursive type and a validator that follows it down; a $ref cycle with no schema between: any value, with a warning", async () => {
    const types = await readFile(path.join(dirOf("ref-cycles"), "types.ts"), "utf8")
    expect(types).toContain('children?: components["schemas"]["Node"][];')
    const tree = await validator("ref-cycles", "GetTree200")
    expect(tree({ name: "root", children: [{ name: "a", children: [{ name: "a1" }] }, { name: "b" }] })).toBe(true)
    expect(tree({ name: "root", children: [{ name: "a", children: [{ children: [] }] }] })).toBe(false)
    expect(warningsOf("ref-cycles")).toContain(
      "warn ref-cycle #/components/schemas/A $ref cycle with no schema between (#/components/schemas/A → #/components/schemas/B → #/components/schemas/A): read as any value"
    )
    const alias = await validator("ref-cycles", "GetAlias200")
    expect(alias({ anything: 1 })).toBe(true)
  })

  it("$refs into paths/... and into a schema's items or properties: copied where they point (a recursive one named), so types.ts indexes nothing that is not there", async () => {
    const types = await readFile(path.join(dirOf("deep-refs"), "types.ts"), "utf8")
    expect(types).not.toMatch(/\]\["(items|properties|schema)"\]/)
    expect(types).not.toContain('paths["/pets"]["get"]["responses"]')
    expect(warningsOf("deep-refs")).toContain("warn ref-into-schema #/components/schemas/Drive/properties/root a recursive schema reached by a $ref into it: its type is named components/schemas/Drive_root")
    const first = await validator("deep-refs", "FirstPet200")
    expect(first({ name: "Rex" })).toBe(true)
    expect(first({})).toBe(false)
    const id = await validator("deep-refs", "FirstOwnerId200")
    expect(id(3)).toBe(true)
    expect(id("3")).toBe(false)
  })
})

describe("the most faithful reading, with a warning for each", () => {
  it("OpenAPI 3.0: nullable without type, schema: null, 3.1 type lists, paths that differ only by parameter name, nullable parameters, nullable beside allOf, a duplicate operationId, an undeclared path parameter, required: true on a property", async () => {
    const text = warningsOf("nullable-30")
    for (const line of [
      "warn nullable-without-type #/components/schemas/Pet/properties/status/nullable nullable without type: read as also allowing null",
      "warn null-schema #/paths/~1pets~1{id}/get/parameters/3/schema schema: null: read as no schema (any value)",
      "warn null-schema #/paths/~1pets~1{id}/get/responses/404/content/application~1json/schema schema: null: read as no schema (any value)",
      'warn openapi-3.1-in-3.0 #/components/schemas/Pet/properties/note/type a list of types (["string","null"]) in an OpenAPI 3.0 document: read as in 3.1',
      "warn no-identical-paths #/paths/~1pets~1{petId} The path already exists which differs only by path parameter name(s)",
      'warn operation-operationId-unique #/paths/~1pets~1{petId}/delete/operationId operationId "getPet" is not unique: this one is read as "getPet2"',
      'warn path-parameters-defined #/paths/~1owners~1{ownerId}~1pets/get path parameter "ownerId" not declared: read as required string',
      'warn required-boolean #/components/schemas/Pet/properties/id/required required: true on a property: read as the parent requiring "id"'
    ]) expect(text).toContain(line)
    const pet = await validator("nullable-30", "GetPet200")
    expect(pet({ name: "Rex", id: "1", owner: null, status: null, note: null, nickname: null })).toBe(true)
    expect(pet({ name: "Rex", id: "1", owner: {}, status: "sold", note: "n" })).toBe(true)
    expect(pet({ name: "Rex", id: "1", status: "lost" })).toBe(false)
    expect(pet({ name: "Rex" })).toBe(false) // id: required: true
    const params = await validator("nullable-30", "GetPetParams")
    expect(params({ path: { id: "1" }, query: { tag: null, since: null } })).toBe(true)
    expect(params({ path: { id: "1" }, query: { tag: 3 } })).toBe(false)
    const client = await readFile(path.join(dirOf("nullable-30"), "client.ts"), "utf8")
    expect(client).toContain("readonly getPet2: ")
    expect(client).toContain('{ name: "ownerId", in: "path" }')
  })

  it("OpenAPI 3.1 with 3.0's nullable and boolean exclusiveMinimum, and Swagger's type: file", async () => {
    const text = warningsOf("mixed-31")
    expect(text).toContain("warn openapi-3.0-in-3.1 #/components/schemas/Thing/properties/label/nullable nullable (OpenAPI 3.0) in a 3.1 document: read as also allowing null")
    expect(text).toContain("warn type-file #/components/schemas/Thing/properties/kind/type type: file (Swagger 2.0): read as a binary string (type: string, format: binary)")
    const things = await validator("mixed-31", "ListThings200")
    expect(things([{ label: null, size: 1 }])).toBe(true)
    expect(things([{ size: 0 }])).toBe(false)
  })

  it("a discriminator mapping by schema name (read as its pointer), one that names nothing (left out); patterns in the legacy RegExp syntax (read as Unicode ones), one that is no RegExp (not checked)", async () => {
    const text = warningsOf("mappings-and-patterns")
    expect(text).toContain('warn discriminator-mapping #/paths/~1pets/post/requestBody/content/application~1json/schema/discriminator/mapping/bird "Bird" is neither a schema\'s name nor a pointer to one: this mapping is left out')
    expect(text).not.toContain("mapping/cat")
    expect(text).toContain('warn pattern #/paths/~1ids~1{id}/get/parameters/0/schema/pattern "^(?:{[0-9a-f]{4}}|[0-9a-f]{4})$" is not a Unicode regular expression (as JSON Schema means it): read as "^(?:\\\\{[0-9a-f]{4}\\\\}|[0-9a-f]{4})$"')
    expect(text).toContain('warn pattern #/paths/~1ids~1{id}/get/parameters/2/schema/pattern "([" is not a regular expression: not checked')
    const params = await validator("mappings-and-patterns", "GetIdParams")
    expect(params({ path: { id: "{beef}" }, query: { code: "a_b", broken: "anything" } })).toBe(true)
    expect(params({ path: { id: "beef" } })).toBe(true)
    expect(params({ path: { id: "{beef" } })).toBe(false)
    expect(params({ path: { id: "beef" }, query: { code: "A" } })).toBe(false)
    const body = await validator("mappings-and-patterns", "CreatePetBody")
    expect(body({ kind: "cat", purrs: true })).toBe(true)
    expect(body({ kind: "cat", purrs: "loud" })).toBe(false)
  })

  it("Swagger 2.0: converted by swagger2openapi and generated like any other (bodies, form data, servers, security)", async () => {
    expect(warningsOf("swagger-2")).toContain("warn swagger-2.0 #/swagger a Swagger 2.0 document: converted to OpenAPI 3.0 by swagger2openapi")
    const client = await readFile(path.join(dirOf("swagger-2"), "client.ts"), "utf8")
    for (const method of ["listPets", "createPet", "uploadPhoto"]) expect(client).toContain(`readonly ${method}: `)
    expect(client).toContain('["content"]["multipart/form-data"] | FormData')
    expect(client).toContain('export const defaultBaseUrl = "https://pets.example.test/v1"')
    expect(client).toContain('"apiKey":{"type":"apiKey","in":"header","name":"X-Api-Key"}')
    const created = await validator("swagger-2", "CreatePet201")
    expect(created({ id: 1, name: "Rex" })).toBe(true)
    expect(created({ name: "Rex" })).toBe(false)
  })
})

describe("split specs", () => {
  it("are bundled: $refs resolve against the file that holds them, the operationIds of the referenced files are kept, warnings name their file", async () => {
    const client = await readFile(path.join(dirOf("split/openapi"), "client.ts"), "utf8")
    for (const method of ["listPets", "createPet", "showPetById"]) expect(client).toContain(`readonly ${method}: `)
    expect(warningsOf("split/openapi")).toContain("warn security-defined paths/pets.yaml#/get ")
    // One validator per distinct schema: showPetById's 200 is the createPet body's (both ../schemas/pet.yaml).
    const pet = await validator("split/openapi", "CreatePetBody")
    expect(pet({ id: 1, name: "Rex", owner: { name: "Ada" } })).toBe(true)
    expect(pet({ id: 1, name: "Rex", owner: { name: 3 } })).toBe(false)
  })

  it("generate the same from any working directory, the spec named relative to it or absolute", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "effect-openapi-split-"))
    const fromSpecs = await run(["generate", "--spec", "imperfect/split/openapi.yaml", "--name", "split", "--out", path.join(dir, "a"), "--no-postman"], { cwd: path.join(root, "tools/codegen/test/specs") })
    const fromTmp = await run(["generate", "--spec", path.join(specs, "split/openapi.yaml"), "--name", "split", "--out", path.join(dir, "b"), "--no-postman"], { cwd: dir })
    expect([fromSpecs.code, fromTmp.code], fromSpecs.stderr + fromTmp.stderr).toEqual([0, 0])
    // The same files but for the header, which names the spec as given.
    const body = async (file: string) => (await readFile(file, "utf8")).split("\n").slice(3).join("\n")
    for (const file of ["types.ts", "validators.ts", "client.ts"]) expect(await body(path.join(dir, "a", file))).toBe(await body(path.join(dir, "b", file)))
    expect(await readFile(path.join(dir, "b/client.ts"), "utf8")).toContain("readonly showPetById: ")
  })

  it("a dangling $ref in a referenced file is refused, named by its file and pointer", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "effect-openapi-split-"))
    await mkdir(path.join(dir, "paths"))
    await writeFile(path.join(dir, "openapi.yaml"), "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /pets:\n    $ref: ./paths/pets.yaml\n")
    await writeFile(path.join(dir, "paths/pets.yaml"), "get:\n  operationId: listPets\n  responses:\n    '200':\n      description: ok\n      content:\n        application/json:\n          schema:\n            $ref: ../schemas/missing.yaml\n")
    const error = await generateClient({ spec: path.join(dir, "openapi.yaml"), name: "x" }).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(SpecRefused)
    expect((error as Error).message).toContain("error no-unresolved-refs paths/pets.yaml#/get/responses/200/content/application~1json/schema Can't resolve $ref ../schemas/missing.yaml; fix: define ../schemas/missing.yaml")
  })
})

describe("refusals and crashes", () => {
  it("a schema it cannot read is refused (exit 2), each named with its pointer and the fix", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "effect-openapi-"))
    const result = await run(["generate", "--spec", "tools/codegen/test/specs/imperfect/unreadable.yaml", "--name", "u", "--out", dir])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("is refused (3 schemas it cannot read)")
    expect(result.stderr).toContain('error unreadable-schema #/paths/~1pets/get/parameters/0/schema a schema must be an object, not "integer"; fix: ')
    expect(result.stderr).toContain('error unreadable-schema #/components/schemas/Pet/properties/id/type type "int" is not a type; fix: one of string, number, integer, boolean, array, object, null')
    expect(result.stderr).toContain("error unreadable-schema #/components/schemas/Pet/properties/tags/allOf allOf must be a list of schemas")
    expect(result.stderr).not.toContain("    at ")
  })

  it("not OpenAPI 3.0/3.1 nor Swagger 2.0 is refused (exit 2)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "effect-openapi-"))
    await writeFile(path.join(dir, "asyncapi.yaml"), "asyncapi: 2.6.0\ninfo: { title: t, version: '1' }\nchannels: {}\n")
    const result = await run(["generate", "--spec", path.join(dir, "asyncapi.yaml"), "--name", "a", "--out", path.join(dir, "out")])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('not an OpenAPI 3.0 or 3.1 document, nor Swagger 2.0 (no "openapi: 3.0.x" or "3.1.x"); fix: declare the version it follows')
  })

  it("an --out that cannot be written is bad usage (exit 2), not a crash", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "effect-openapi-"))
    await writeFile(path.join(dir, "file"), "")
    const result = await run(["generate", "--spec", "tools/codegen/test/specs/imperfect/no-operations.yaml", "--name", "n", "--out", path.join(dir, "file/out")])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`effect-openapi: cannot write to ${path.join(dir, "file/out")} (ENOTDIR)`)
  })

  it("a crash (a bug of ours) says what failed and asks for a report, exit 70", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "effect-openapi-"))
    // structuredClone fails: the generator reads the spec, then crashes where it copies it.
    const inject = `data:text/javascript,globalThis.structuredClone = () => { throw new Error("injected failure") }`
    const result = await run(["generate", "--spec", "tools/codegen/test/specs/redocly-museum.yaml", "--name", "m", "--out", dir], { node: ["--import", inject] })
    expect(result.code).toBe(70)
    expect(result.stderr).toContain("effect-openapi crashed: injected failure")
    expect(result.stderr).toContain("command: effect-openapi generate --spec tools/codegen/test/specs/redocly-museum.yaml")
    expect(result.stderr).toContain("This is a bug of effect-openapi, not a problem of your spec. Please report it")
  })
})
