// Loading specs: OpenAPI 3.0 and 3.1, YAML and JSON, split over files, text or an object; and the
// specs the mock refuses, each with one line saying why.
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { loadSpec, SpecError, startMock } from "../src/index.js"
import { call } from "./support/mock.js"

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "openapi-mock-spec-"))
  await mkdir(path.join(dir, "schemas"))
  // A 3.0 spec split over three files: the root, a schema file, a responses file in JSON.
  await writeFile(path.join(dir, "root.yaml"), [
    "openapi: 3.0.3",
    "info: { title: Pets, version: '1' }",
    "servers: [{ url: 'https://pets.test/api/v2' }]",
    "paths:",
    "  /pets/{id}:",
    "    parameters: [{ name: id, in: path, required: true, schema: { type: integer, format: int32 } }]",
    "    get:",
    "      responses:",
    "        '200': { $ref: './responses.json#/PetFound' }",
    "    put:",
    "      requestBody: { required: true, content: { application/json: { schema: { $ref: './schemas/pet.yaml#/Pet' } } } }",
    "      responses: { '204': { description: stored } }"
  ].join("\n"))
  await writeFile(path.join(dir, "schemas/pet.yaml"), [
    "Pet:",
    "  type: object",
    "  required: [name, age]",
    "  properties:",
    "    name: { type: string, example: Rex }",
    "    tag: { type: string, nullable: true }",
    "    age: { type: integer, minimum: 0, exclusiveMinimum: true, example: 3 }",
    "    code: { type: string, pattern: '^[A-Z]{2}-\\d{3}$' }"
  ].join("\n"))
  await writeFile(path.join(dir, "responses.json"), JSON.stringify({
    PetFound: { description: "found", content: { "application/json": { schema: { $ref: "./schemas/pet.yaml#/Pet" } } } }
  }))
  await writeFile(path.join(dir, "spec31.json"), JSON.stringify({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: { "/things": { get: { responses: { "200": { description: "ok", content: { "application/json": { schema: { type: ["string", "null"], const: "thing" } } } } } } } }
  }))
  await writeFile(path.join(dir, "swagger.yaml"), "swagger: '2.0'\ninfo: { title: t, version: '1' }\npaths: {}\n")
  await writeFile(path.join(dir, "broken-split.yaml"), "openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get:\n      responses:\n        '200': { $ref: './missing.yaml#/R' }\n")
  await writeFile(path.join(dir, "not-yaml.yaml"), "openapi: [3.1.0\n")
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe("openapi-mock: loading specs", () => {
  it("a 3.0 spec split over YAML and JSON files: bundled, served, validated (nullable, boolean exclusiveMinimum, int32)", async () => {
    const mock = await startMock({ spec: path.join(dir, "root.yaml") })
    try {
      const found = await call(mock, { path: "/pets/7" })
      expect(found.status).toBe(200)
      // Generated from the schema: its property examples, the pattern met, the nullable string a string.
      expect(found.body).toEqual({ name: "Rex", tag: "string", age: 3, code: "AA-000" })
      const cases: ReadonlyArray<readonly [unknown, number, string?]> = [
        [{ name: "Rex", age: 1, tag: null }, 204],
        [{ name: "Rex", age: 0 }, 422, "#/age"],
        [{ name: "Rex", age: 1, code: "rex" }, 422, "#/code"],
        [{ name: null, age: 1 }, 422, "#/name"]
      ]
      for (const [json, status, pointer] of cases) {
        const answer = await call(mock, { method: "PUT", path: "/pets/7", json })
        expect(answer.status, JSON.stringify(json)).toBe(status)
        if (pointer !== undefined) expect((answer.body as { errors: Array<{ pointer: string }> }).errors.map((e) => e.pointer)).toEqual([pointer])
      }
      expect((await call(mock, { path: "/pets/2147483648" })).status).toBe(422)
    } finally {
      await mock.close()
    }
  })

  it("the path of a server URL is accepted as a prefix, and so is the bare path", async () => {
    const mock = await startMock({ spec: path.join(dir, "root.yaml") })
    try {
      expect((await call(mock, { path: "/api/v2/pets/7" })).status).toBe(200)
      expect((await call(mock, { path: "/pets/7" })).status).toBe(200)
      expect((await call(mock, { path: "/api/v3/pets/7" })).status).toBe(404)
    } finally {
      await mock.close()
    }
  })

  const sources: ReadonlyArray<readonly [string, () => string | object]> = [
    ["a 3.1 JSON file", () => path.join(dir, "spec31.json")],
    ["a parsed object", () => ({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: { "/things": { get: { responses: { "200": { description: "ok", content: { "application/json": { example: "thing" } } } } } } } })],
    ["YAML text", () => "openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths:\n  /things:\n    get:\n      responses:\n        '200': { description: ok, content: { application/json: { example: thing } } }\n"]
  ]
  it.each(sources)("%s", async (_, spec) => {
    const mock = await startMock({ spec: spec() })
    try {
      const answer = await call(mock, { path: "/things" })
      expect([answer.status, answer.body]).toEqual([200, "thing"])
    } finally {
      await mock.close()
    }
  })

  const refused: ReadonlyArray<readonly [string, () => string | object, RegExp]> = [
    ["a file that does not exist", () => path.join(dir, "nope.yaml"), /^can't read the spec: .*nope\.yaml does not exist$/],
    ["Swagger 2.0", () => path.join(dir, "swagger.yaml"), /^not an OpenAPI 3\.0 or 3\.1 document \(swagger: 2\.0\)$/],
    ["an object without openapi", () => ({ info: {} }), /^not an OpenAPI 3\.0 or 3\.1 document \(no openapi field\)$/],
    ["a $ref to a file that does not exist", () => path.join(dir, "broken-split.yaml"), /^can't resolve \$ref \.\/missing\.yaml#\/R \(at #\/paths\/~1a\/get\/responses\/200\)$/],
    ["a $ref to a component that does not exist", () => ({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: { "/a": { get: { responses: { "200": { $ref: "#/components/responses/Nope" } } } } } }), /^can't resolve \$ref #\/components\/responses\/Nope/],
    ["YAML that does not parse", () => path.join(dir, "not-yaml.yaml"), /^can't read the spec: /]
  ]
  it.each(refused)("refuses %s with a SpecError of one line", async (_, spec, message) => {
    const error = await loadSpec(spec()).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(SpecError)
    expect((error as SpecError).message).toMatch(message)
    expect((error as SpecError).message).not.toContain("\n")
  })
})
