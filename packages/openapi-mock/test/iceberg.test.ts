// The Apache Iceberg REST catalog spec (OpenAPI 3.0, most schemas without examples) served by the
// mock: every declared response of every operation, checked by the generated client's own validators
// (ajv standalone code, apart from the mock's), and 3.0 request validation (form bodies, 5XX).
import { beforeAll, describe, expect, it } from "@effect/vitest"
import { operationSpecs } from "../../../tools/codegen/test/generated/iceberg-rest-catalog/client.js"
import { loadSpec, type Spec } from "../src/index.js"
import { generate } from "../src/generate.js"
import type { MediaType, Response } from "../src/openapi.js"
import { child, deref } from "../src/pointer.js"
import { makeValidate } from "../src/validate.js"
import { bearer, call, specs, useMock } from "./support/mock.js"

type Validator = ((value: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null }
type OperationSpec = {
  readonly method: string
  readonly path: string
  readonly body?: { readonly content: ReadonlyArray<{ readonly mediaType: string }> }
  readonly responses: Readonly<Record<string, { readonly content: ReadonlyArray<{ readonly mediaType: string; readonly validate?: Validator }> }>>
}

/** Path parameter values the spec accepts. */
const pathValues: Record<string, string> = { prefix: "p", namespace: "accounting", table: "paid", view: "v1", "plan-id": "plan-1" }

const cases = Object.entries(operationSpecs as unknown as Record<string, OperationSpec>).filter(([, op]) => op.method !== "head").flatMap(([id, op]) =>
  Object.entries(op.responses).flatMap(([status, response]) =>
    response.content.filter((c) => c.validate !== undefined).map((c) => ({ id, op, status, validate: c.validate! }))
  )
)

describe("openapi-mock: Iceberg REST catalog (schemas without examples, OpenAPI 3.0)", () => {
  const mock = useMock(specs.iceberg)
  let spec: Spec
  beforeAll(async () => {
    spec = await loadSpec(specs.iceberg)
  })

  /** A valid request body for an operation, generated from its schema the way the mock generates responses. */
  const requestBody = (op: OperationSpec): { text: string; type: string } | undefined => {
    const mediaType = op.body?.content[0]?.mediaType
    if (mediaType === undefined) return undefined
    const pointer = child("#/paths", op.path, op.method, "requestBody", "content", mediaType, "schema")
    const schema = (spec.document.paths?.[op.path]?.[op.method] as { requestBody: { content: Record<string, { schema: unknown }> } }).requestBody.content[mediaType]!.schema
    const value = generate(spec.document, makeValidate(spec), pointer, schema)
    const text = mediaType === "application/json" ? JSON.stringify(value) : new URLSearchParams(value as Record<string, string>).toString()
    return { text, type: mediaType }
  }

  it("covers every operation of the spec but the three HEAD ones", () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(27)
    expect(cases.length).toBeGreaterThan(200)
  })

  /** The example the spec gives the response's JSON media type, if it gives one. */
  const exampleOf = (op: OperationSpec, status: string): { value: unknown } | undefined => {
    const doc = spec.document
    const response = deref<Response>(doc, (doc.paths?.[op.path]?.[op.method] as { responses: Record<string, unknown> }).responses[status], "#").value
    const media = response.content?.["application/json"] as MediaType
    if (media.example !== undefined) return { value: media.example }
    const first = Object.values(media.examples ?? {})[0]
    return first === undefined ? undefined : { value: deref<{ value: unknown }>(doc, first, "#").value.value }
  }

  it.each(cases.map((c) => [`${c.id} ${c.status}`, c] as const))("%s: the spec's example as written, else a generated value the client's validator passes", async (_, { op, status, validate }) => {
    const body = requestBody(op)
    // A range (5XX) is asked for with a status in it that the operation does not declare exactly.
    const code = /XX$/i.test(status) ? String([...Array(100).keys()].map((i) => Number(status[0]) * 100 + i).find((c) => !(String(c) in op.responses))) : status
    const answer = await call(mock(), {
      method: op.method.toUpperCase(),
      path: op.path.replace(/\{([^}]+)\}/g, (_, p: string) => pathValues[p]!),
      headers: { ...bearer, prefer: `code=${code}`, ...(body === undefined ? {} : { "content-type": body.type }) },
      ...(body === undefined ? {} : { text: body.text })
    })
    expect(answer.status, answer.text).toBe(Number(code))
    const example = exampleOf(op, status)
    // Some of Iceberg's examples break their own schema (an IcebergErrorResponse where the schema
    // is ErrorModel, and the reverse): served as written all the same, as Prism does.
    if (example !== undefined) expect(answer.body).toEqual(example.value)
    else expect(validate(answer.body), JSON.stringify(validate.errors)).toBe(true)
  })

  it("the generated values are valid even where a schema's own example is not (PrimitiveType's, DataFile.partition's)", async () => {
    const table = await call(mock(), { path: "/v1/p/namespaces/accounting/tables/paid", headers: bearer })
    const types = (table.body as { metadata: { schemas: Array<{ fields: Array<{ type: unknown }> }> } }).metadata.schemas[0]!.fields.map((f) => f.type)
    expect(types.every((t) => typeof t === "string" || (t !== null && typeof t === "object"))).toBe(true)
    expect(operationSpecs.loadTable.responses["200"]!.content[0]!.validate!(table.body)).toBe(true)
  })

  // The status is Prism's: the operation's 422 if it declares one (updateProperties does), else its 400.
  const invalid: ReadonlyArray<readonly [string, string, string, string, number, ReadonlyArray<Record<string, unknown>>]> = [
    ["a property of the wrong type", "POST", "/v1/p/namespaces", JSON.stringify({ namespace: "accounting" }), 400, [{ in: "body", pointer: "#/namespace", keyword: "type" }]],
    ["a required property missing", "POST", "/v1/p/namespaces", JSON.stringify({ properties: {} }), 400, [{ in: "body", pointer: "#/namespace", keyword: "required" }]],
    ["an array that must hold unique items", "POST", "/v1/p/namespaces/accounting/properties", JSON.stringify({ removals: ["a", "a"] }), 422, [{ in: "body", pointer: "#/removals", keyword: "uniqueItems" }]],
    ["a query integer below its minimum", "GET", "/v1/p/namespaces?pageSize=0", "", 400, [{ in: "query", name: "pageSize", pointer: "#", keyword: "minimum" }]]
  ]
  it.each(invalid)("%s: problem+json", async (_, method, path, text, status, errors) => {
    const answer = await call(mock(), { method, path, headers: { ...bearer, "content-type": "application/json" }, ...(text === "" ? {} : { text }) })
    expect(answer.status, answer.text).toBe(status)
    const problem = answer.body as { errors: Array<Record<string, unknown>> }
    expect(problem.errors).toHaveLength(errors.length)
    errors.forEach((e, i) => expect(problem.errors[i]).toMatchObject(e))
  })

  it("valid requests are answered: an empty query value where allowed, a JSON body", async () => {
    const answer = await call(mock(), { method: "GET", path: "/v1/p/namespaces?parent=", headers: bearer })
    expect(answer.status).toBe(200)
    const rename = await call(mock(), { method: "POST", path: "/v1/p/tables/rename", headers: bearer, json: { source: { namespace: ["a"], name: "t" }, destination: { namespace: ["b"], name: "t" } } })
    expect(rename.status, rename.text).toBe(204)
  })

  it("a form body (application/x-www-form-urlencoded) is read, coerced and validated", async () => {
    const ok = await call(mock(), { method: "POST", path: "/v1/oauth/tokens", headers: { ...bearer, "content-type": "application/x-www-form-urlencoded" }, text: "grant_type=client_credentials&client_id=id&client_secret=s" })
    expect(ok.status, ok.text).toBe(200)
    const bad = await call(mock(), { method: "POST", path: "/v1/oauth/tokens", headers: { ...bearer, "content-type": "application/x-www-form-urlencoded" }, text: "grant_type=password" })
    expect(bad.status).toBe(400)
    expect((bad.body as { type: string }).type).toBe("urn:openapi-mock:invalid-request")
  })

  it("a concrete path wins over a templated one (/v1/config, not /v1/{prefix}/...)", async () => {
    const answer = await call(mock(), { path: "/v1/config", headers: bearer })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ overrides: { warehouse: "s3://bucket/warehouse/" } })
  })

  it("a range status (5XX) answers a Prefer: code= inside it", async () => {
    const answer = await call(mock(), { path: "/v1/config", headers: { ...bearer, prefer: "code=502" } })
    expect(answer.status).toBe(502)
  })

  it("an OAuth2-or-bearer operation without credentials: 401 with a Bearer challenge", async () => {
    const answer = await call(mock(), { path: "/v1/config" })
    expect(answer.status).toBe(401)
    expect(answer.headers["www-authenticate"]).toBe("Bearer")
  })
})
