/**
 * Each rule against a pair of small specs, asserting the exact set of findings (`severity rule
 * pointer`), its mirror beside it. The specs are OpenAPI 3.1, one operation: POST /things with a
 * request body and a 200 response.
 */
import { describe, expect, it } from "vitest"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { diffSpecs, ruleIds, rules, type DiffOptions } from "../src/index.js"
/* eslint-disable @typescript-eslint/no-explicit-any */
type Spec = any

const op = "#/paths/~1things/post"
const B = `${op}/requestBody/content/application~1json/schema`
const R = `${op}/responses/200/content/application~1json/schema`

/** A one-operation spec: `req` is the request body schema, `res` the 200 response schema; `edit` changes anything else. */
const spec = (req: unknown, res: unknown, edit: (s: Spec) => void = () => {}): Spec => {
  const s: Spec = {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/things": {
        post: {
          operationId: "Make",
          requestBody: { required: true, content: { "application/json": { schema: req } } },
          responses: { "200": { description: "ok", content: { "application/json": { schema: res } } } }
        }
      }
    }
  }
  edit(s)
  return s
}
const obj = { type: "object" }
const findings = (before: Spec, after: Spec, options: DiffOptions = {}) => {
  const result = diffSpecs(before, after, { ...options, policy: { today: "2026-06-01", ...options.policy } })
  for (const f of result.findings) expect(ruleIds).toContain(f.rule)
  return result.findings.map((f) => `${f.severity} ${f.rule} ${f.pointer}`)
}
/** The findings of a request-side pair (the schema in the request body) and of a response-side pair. */
const req = (a: unknown, b: unknown) => findings(spec(a, obj), spec(b, obj))
const res = (a: unknown, b: unknown) => findings(spec(obj, a), spec(obj, b))

type Row = readonly [name: string, run: () => Array<string>, expected: ReadonlyArray<string>]

const arr = { type: "array" }
const keywords31: ReadonlyArray<Row> = [
  ["prefixItems entry removed in a request", () => req({ ...arr, prefixItems: [{ type: "string" }, { type: "integer" }] }, { ...arr, prefixItems: [{ type: "string" }] }), [`breaking request-body-prefix-items-removed ${B}/prefixItems`]],
  ["prefixItems entry added in a response (mirror)", () => res({ ...arr, prefixItems: [{ type: "string" }] }, { ...arr, prefixItems: [{ type: "string" }, { type: "integer" }] }), [`breaking response-body-prefix-items-added ${R}/prefixItems`]],
  ["prefixItems entry retyped in a request", () => req({ ...arr, prefixItems: [{ type: "string" }] }, { ...arr, prefixItems: [{ type: "integer" }] }), [`breaking request-property-type-changed ${B}/prefixItems/0`]],
  ["contains added in a request", () => req(arr, { ...arr, contains: { type: "string" } }), [`breaking request-body-contains-added ${B}/contains`]],
  ["contains removed in a response (mirror)", () => res({ ...arr, contains: { type: "string" } }, arr), [`breaking response-body-contains-removed ${B.replace(B, R)}/contains`]],
  ["minContains raised in a request", () => req({ ...arr, contains: {}, minContains: 1 }, { ...arr, contains: {}, minContains: 2 }), [`breaking request-body-min-contains-increased ${B}`]],
  ["minContains lowered in a response (mirror)", () => res({ ...arr, contains: {}, minContains: 2 }, { ...arr, contains: {}, minContains: 1 }), [`breaking response-body-min-contains-decreased ${R}`]],
  ["maxContains lowered in a request", () => req({ ...arr, contains: {}, maxContains: 3 }, { ...arr, contains: {}, maxContains: 2 }), [`breaking request-body-max-contains-decreased ${B}`]],
  ["maxContains raised in a response (mirror)", () => res({ ...arr, contains: {}, maxContains: 2 }, { ...arr, contains: {} }), [`breaking response-body-max-contains-increased ${R}`]],
  ["dependentRequired added in a request", () => req(obj, { ...obj, dependentRequired: { a: ["b"] } }), [`breaking request-body-dependent-required-added ${B}`]],
  ["dependentRequired removed in a response (mirror)", () => res({ ...obj, dependentRequired: { a: ["b"] } }, obj), [`breaking response-body-dependent-required-removed ${R}`]],
  ["dependentRequired asks for more in a request", () => req({ ...obj, dependentRequired: { a: ["b"] } }, { ...obj, dependentRequired: { a: ["b", "c"] } }), [`breaking request-body-dependent-required-changed ${B}`]],
  ["dependentRequired asks for less in a response (mirror)", () => res({ ...obj, dependentRequired: { a: ["b", "c"] } }, { ...obj, dependentRequired: { a: ["b"] } }), [`breaking response-body-dependent-required-changed ${R}`]],
  ["dependentSchemas entry added in a request", () => req(obj, { ...obj, dependentSchemas: { a: { required: ["b"] } } }), [`breaking request-body-dependent-schema-added ${B}/dependentSchemas/a`]],
  ["dependentSchemas entry removed in a response (mirror)", () => res({ ...obj, dependentSchemas: { a: { required: ["b"] } } }, obj), [`breaking response-body-dependent-schema-removed ${R}/dependentSchemas/a`]],
  ["if/then/else added in a request", () => req(obj, { ...obj, if: { required: ["a"] }, then: { required: ["b"] }, else: { required: ["c"] } }), [`breaking request-body-else-added ${B}/else`, `breaking request-body-if-added ${B}/if`, `breaking request-body-then-added ${B}/then`]],
  ["if/then/else removed in a response (mirror)", () => res({ ...obj, if: { required: ["a"] }, then: { required: ["b"] }, else: { required: ["c"] } }, obj), [`breaking response-body-else-removed ${R}/else`, `breaking response-body-if-removed ${R}/if`, `breaking response-body-then-removed ${R}/then`]],
  ["a required property added inside then (request)", () => req({ ...obj, if: { required: ["a"] }, then: { required: [] } }, { ...obj, if: { required: ["a"] }, then: { required: ["b"] } }), [`breaking new-required-request-property ${B}/then/properties/b`]],
  ["a minimum raised inside else (request)", () => req({ ...obj, if: { required: ["a"] }, else: { properties: { n: { minimum: 1 } } } }, { ...obj, if: { required: ["a"] }, else: { properties: { n: { minimum: 5 } } } }), [`breaking request-property-min-increased ${B}/else/properties/n`]],
  ["a minimum lowered inside else (response mirror)", () => res({ ...obj, if: { required: ["a"] }, else: { properties: { n: { minimum: 5 } } } }, { ...obj, if: { required: ["a"] }, else: { properties: { n: { minimum: 1 } } } }), [`breaking response-property-min-decreased ${R}/else/properties/n`]],
  ["propertyNames added in a request", () => req(obj, { ...obj, propertyNames: { pattern: "^[a-z]+$" } }), [`breaking request-body-property-names-added ${B}/propertyNames`]],
  ["propertyNames removed in a response (mirror)", () => res({ ...obj, propertyNames: { pattern: "^[a-z]+$" } }, obj), [`breaking response-body-property-names-removed ${R}/propertyNames`]],
  ["propertyNames narrowed in a request", () => req({ ...obj, propertyNames: { maxLength: 10 } }, { ...obj, propertyNames: { maxLength: 5 } }), [`breaking request-property-max-length-decreased ${B}/propertyNames`]],
  ["patternProperties entry added in a request", () => req(obj, { ...obj, patternProperties: { "^x-": { type: "string" } } }), [`breaking request-body-pattern-property-added ${B}/patternProperties/^x-`]],
  ["patternProperties entry removed in a response (mirror)", () => res({ ...obj, patternProperties: { "^x-": { type: "string" } } }, obj), [`breaking response-body-pattern-property-removed ${R}/patternProperties/^x-`]],
  ["unevaluatedProperties: false added in a request", () => req(obj, { ...obj, unevaluatedProperties: false }), [`breaking request-body-unevaluated-properties-added ${B}`]],
  ["unevaluatedProperties: false removed in a response (mirror)", () => res({ ...obj, unevaluatedProperties: false }, obj), [`breaking response-body-unevaluated-properties-removed ${R}`]],
  ["unevaluatedItems schema added in a request", () => req(arr, { ...arr, unevaluatedItems: { type: "string" } }), [`breaking request-body-unevaluated-items-added ${B}`]],
  ["unevaluatedItems removed in a response (mirror)", () => res({ ...arr, unevaluatedItems: false }, arr), [`breaking response-body-unevaluated-items-removed ${R}`]],
  ["contentSchema added in a request", () => req({ type: "string" }, { type: "string", contentSchema: obj }), [`breaking request-body-content-schema-added ${B}/contentSchema`]],
  ["contentSchema removed in a response (mirror)", () => res({ type: "string", contentSchema: obj }, { type: "string" }), [`breaking response-body-content-schema-removed ${R}/contentSchema`]],
  ["contentMediaType and contentEncoding changed in a request", () => req({ type: "string", contentMediaType: "image/png", contentEncoding: "base64" }, { type: "string", contentMediaType: "image/jpeg", contentEncoding: "base32" }), [`breaking request-body-content-encoding-changed ${B}`, `breaking request-body-content-media-type-changed ${B}`]],
  ["contentMediaType removed in a response (mirror)", () => res({ type: "string", contentMediaType: "image/png" }, { type: "string" }), [`breaking response-body-content-media-type-changed ${R}`]]
]

const Cat = { type: "object", required: ["kind"], properties: { kind: { const: "cat" } } }
const Dog = { type: "object", required: ["kind"], properties: { kind: { const: "dog" } } }
const composition: ReadonlyArray<Row> = [
  ["a oneOf branch removed in a request", () => req({ oneOf: [Cat, Dog] }, { oneOf: [Cat] }), [`breaking request-body-one-of-removed ${B}`]],
  ["a oneOf branch added in a response (mirror)", () => res({ oneOf: [Cat] }, { oneOf: [Cat, Dog] }), [`breaking response-body-one-of-added ${R}/oneOf/1`]],
  ["an anyOf branch removed in a request", () => req({ anyOf: [{ type: "string" }, { type: "integer" }] }, { anyOf: [{ type: "string" }] }), [`breaking request-body-any-of-removed ${B}`]],
  ["a oneOf branch added in a request, removed in a response: additions only", () => [...req({ oneOf: [Cat] }, { oneOf: [Cat, Dog] }), ...res({ oneOf: [Cat, Dog] }, { oneOf: [Cat] })], [`non-breaking request-body-one-of-added ${B}`]],
  ["an allOf member added in a request", () => req({ allOf: [{ type: "object", properties: { a: { type: "string" } } }] }, { allOf: [{ type: "object", properties: { a: { type: "string" } } }, { required: ["a"] }] }), [`breaking request-property-became-required ${B}/allOf/0/properties/a`, `breaking request-body-all-of-added ${B}/allOf/1`]],
  ["an allOf member removed in a request (mirror: a warning)", () => req({ allOf: [{ type: "object" }, { description: "x", properties: { a: { type: "string" } } }] }, { allOf: [{ type: "object" }] }), [`warning request-body-all-of-removed ${B}`, `warning request-property-removed ${B}/allOf/1/properties/a`]],
  ["a request body wrapped in oneOf", () => req(Cat, { oneOf: [Cat, { type: "string" }] }), [`breaking request-body-wrapped-in-one-of ${B}`]],
  ["a response body wrapped in oneOf (mirror)", () => res(Cat, { oneOf: [Cat, { type: "string" }] }), [`breaking response-body-wrapped-in-one-of ${R}`, `breaking response-body-one-of-added ${R}/oneOf/1`]],
  ["a renamed discriminator propertyName alone changes nothing on the wire", () => req({ oneOf: [Cat, Dog], discriminator: { propertyName: "kind" } }, { oneOf: [Cat, Dog], discriminator: { propertyName: "type" } }), []]
]

const values: ReadonlyArray<Row> = [
  ["an x-extensible-enum value removed in a request", () => req({ type: "string", "x-extensible-enum": ["a", "b"] }, { type: "string", "x-extensible-enum": ["a"] }), [`breaking request-body-x-extensible-enum-value-removed ${B}`]],
  ["an x-extensible-enum value added in a response: expected, nothing", () => res({ type: "string", "x-extensible-enum": ["a"] }, { type: "string", "x-extensible-enum": ["a", "b"] }), []],
  ["a pattern widened to .* in a request", () => req({ type: "string", pattern: "^[a-z]+$" }, { type: "string", pattern: ".*" }), [`non-breaking request-body-pattern-generalized ${B}`]],
  ["a pattern changed in a request: a warning", () => req({ type: "string", pattern: "^[a-z]+$" }, { type: "string", pattern: "^[a-c]+$" }), [`warning request-body-pattern-changed ${B}`]],
  ["a pattern added in a request", () => req({ type: "string" }, { type: "string", pattern: "^[a-z]+$" }), [`breaking request-body-pattern-added ${B}`]],
  ["a pattern removed in a response (mirror: a warning)", () => res({ type: "string", pattern: "^[a-z]+$" }, { type: "string" }), [`warning response-body-pattern-removed ${R}`]],
  ["a const changed in a request", () => req({ const: "a" }, { const: "b" }), [`breaking request-body-const-changed ${B}`]],
  ["a const removed in a response (mirror)", () => res({ const: "a" }, { type: "string" }), [`breaking response-body-const-removed ${R}`]],
  ["a maximum set in a request: a warning", () => req({ type: "integer" }, { type: "integer", maximum: 5 }), [`warning request-body-max-set ${B}`]],
  ["a maximum removed in a response (mirror)", () => res({ type: "integer", maximum: 5 }, { type: "integer" }), [`breaking response-body-max-unset ${R}`]],
  ["a required readOnly property in a request asks nothing", () => req({ ...obj, properties: { id: { type: "string", readOnly: true } } }, { ...obj, required: ["id"], properties: { id: { type: "string", readOnly: true } } }), []],
  ["a writeOnly property no longer required in a response changes nothing", () => res({ ...obj, required: ["pw"], properties: { pw: { type: "string", writeOnly: true } } }, { ...obj, properties: { pw: { type: "string", writeOnly: true } } }), []],
  ["a required response property removed; an optional one is a warning", () => res({ ...obj, required: ["a"], properties: { a: { type: "string" }, b: { type: "string" } } }, obj), [`breaking response-required-property-removed ${R}/properties/a`, `warning response-optional-property-removed ${R}/properties/b`]]
]

const withParam = (p: Spec) => (s: Spec) => (s.paths["/things"].post.parameters = [p])
const reqOp = (a: (s: Spec) => void, b: (s: Spec) => void, options?: DiffOptions) => findings(spec(obj, obj, a), spec(obj, obj, b), options)
const P = `${op}/parameters/0`
const parameters: ReadonlyArray<Row> = [
  ["a parameter default changed", () => reqOp(withParam({ name: "n", in: "query", schema: { type: "integer", default: 10 } }), withParam({ name: "n", in: "query", schema: { type: "integer", default: 20 } })), [`breaking request-parameter-default-value-changed ${P}`]],
  ["a parameter default added, and one removed", () => [...reqOp(withParam({ name: "n", in: "query", schema: { type: "integer" } }), withParam({ name: "n", in: "query", schema: { type: "integer", default: 1 } })), ...reqOp(withParam({ name: "n", in: "query", schema: { type: "integer", default: 1 } }), withParam({ name: "n", in: "query", schema: { type: "integer" } }))], [`breaking request-parameter-default-value-added ${P}`, `breaking request-parameter-default-value-removed ${P}`]],
  ["a new optional parameter is an addition, not a removal", () => reqOp(withParam({ name: "a", in: "query", schema: { type: "string" } }), (s) => (s.paths["/things"].post.parameters = [{ name: "a", in: "query", schema: { type: "string" } }, { name: "b", in: "query", schema: { type: "string" } }])), [`non-breaking new-optional-request-parameter ${op}/parameters/1`]],
  ["a parameter moved to the path item changes nothing", () => reqOp(withParam({ name: "a", in: "query", schema: { type: "string" } }), (s) => (s.paths["/things"].parameters = [{ name: "a", in: "query", schema: { type: "string" } }])), []],
  ["a removed parameter is a warning; a new required one breaking", () => reqOp(withParam({ name: "a", in: "query", schema: { type: "string" } }), withParam({ name: "b", in: "query", required: true, schema: { type: "string" } })), [`breaking new-required-request-parameter ${P}`, `warning request-parameter-removed ${P}`]],
  ["a deprecated parameter removed before its sunset", () => reqOp(withParam({ name: "a", in: "query", deprecated: true, "x-sunset": "2027-01-01", schema: { type: "string" } }), () => {}), [`breaking request-parameter-removed-before-sunset ${P}`]],
  ["a deprecated parameter removed after its sunset", () => reqOp(withParam({ name: "a", in: "query", deprecated: true, "x-sunset": "2026-01-01", schema: { type: "string" } }), () => {}), [`non-breaking request-parameter-removed-with-deprecation ${P}`]],
  ["a parameter's sunset moved earlier, and one deleted", () => [
    ...reqOp(withParam({ name: "a", in: "query", deprecated: true, "x-sunset": "2027-01-01" }), withParam({ name: "a", in: "query", deprecated: true, "x-sunset": "2026-09-01" })),
    ...reqOp(withParam({ name: "a", in: "query", deprecated: true, "x-sunset": "2027-01-01" }), withParam({ name: "a", in: "query", deprecated: true }))
  ], [`breaking request-parameter-sunset-date-changed-too-small ${P}`, `breaking request-parameter-sunset-deleted ${P}`]]
]

const at = (method: string, extra: Spec) => (s: Spec) => Object.assign(s.paths["/things"].post, extra, method === "post" ? {} : {})
const gone = (s: Spec) => delete s.paths["/things"].post
const lifecycle: ReadonlyArray<Row> = [
  ["an operation removed without deprecation", () => reqOp(() => {}, gone), [`breaking api-removed-without-deprecation ${op}`]],
  ["a deprecated operation removed before its sunset", () => reqOp(at("post", { deprecated: true, "x-sunset": "2026-12-31" }), gone), [`breaking api-removed-before-sunset ${op}`]],
  ["a deprecated operation removed after its sunset: not breaking", () => reqOp(at("post", { deprecated: true, "x-sunset": "2026-05-31" }), gone), [`non-breaking api-removed-with-deprecation ${op}`]],
  ["an alpha operation removed: not breaking", () => reqOp(at("post", { "x-stability-level": "alpha" }), gone), [`non-breaking api-removed-unstable ${op}`]],
  ["a change inside an alpha operation: not breaking", () => reqOp(at("post", { "x-stability-level": "alpha" }), (s) => Object.assign(s.paths["/things"].post, { "x-stability-level": "alpha", requestBody: undefined })), [`non-breaking request-body-removed ${op}/requestBody`]],
  ["stability decreased, and increased", () => [...reqOp(at("post", { "x-stability-level": "stable" }), at("post", { "x-stability-level": "beta" })), ...reqOp(at("post", { "x-stability-level": "beta" }), () => {})], [`breaking api-stability-decreased ${op}`, `non-breaking api-stability-increased ${op}`]],
  ["an invalid stability level", () => reqOp(() => {}, at("post", { "x-stability-level": "gold" })), [`breaking api-invalid-stability-level ${op}`]],
  ["a sunset moved earlier, and one deleted", () => [...reqOp(at("post", { deprecated: true, "x-sunset": "2027-01-01" }), at("post", { deprecated: true, "x-sunset": "2026-07-01" })), ...reqOp(at("post", { deprecated: true, "x-sunset": "2027-01-01" }), at("post", { deprecated: true }))], [`breaking api-sunset-date-changed-too-small ${op}`, `breaking sunset-deleted ${op}`]],
  ["deprecated with no sunset under a 180-day policy, and with one too near", () => [
    ...reqOp(() => {}, at("post", { deprecated: true }), { policy: { deprecationDays: { beta: 31, stable: 180 } } }),
    ...reqOp(() => {}, at("post", { deprecated: true, "x-sunset": "2026-07-01" }), { policy: { deprecationDays: { beta: 31, stable: 180 } } })
  ], [`breaking api-deprecated-sunset-missing ${op}`, `non-breaking endpoint-deprecated ${op}`, `breaking api-sunset-date-too-small ${op}`, `non-breaking endpoint-deprecated ${op}`]],
  ["deprecated with an unparsable sunset", () => reqOp(() => {}, at("post", { deprecated: true, "x-sunset": "soon" })), [`breaking api-deprecated-sunset-parse ${op}`, `non-breaking endpoint-deprecated ${op}`]],
  ["a webhook removed, one added", () => reqOp((s) => (s.webhooks = { a: { post: { responses: {} } } }), (s) => (s.webhooks = { b: { post: { responses: {} } } })), [`breaking webhook-removed #/webhooks/a`, `non-breaking webhook-added #/webhooks/b`]],
  ["a new endpoint beside one with another path parameter name is an addition", () => reqOp((s) => (s.paths["/things/{id}"] = { get: { responses: {} } }), (s) => {
    s.paths["/things/{id}"] = { get: { responses: {} } }
    s.paths["/things/{name}"] = { get: { responses: {} } }
  }), [`non-breaking endpoint-added #/paths/~1things~1{name}/get`]]
]

const media = (mt: string, side: "req" | "res") => (s: Spec) => {
  const o = s.paths["/things"].post
  const holder = side === "req" ? o.requestBody : o.responses["200"]
  holder.content = { [mt]: holder.content["application/json"] }
}
const security: ReadonlyArray<Row> = [
  ["a request media type generalized: not breaking", () => reqOp(() => {}, media("application/*", "req")), [`non-breaking request-body-media-type-generalized ${op}/requestBody/content/application~1*`]],
  ["a response media type generalized (mirror): breaking", () => reqOp(() => {}, media("application/*", "res")), [`breaking response-media-type-name-generalized ${op}/responses/200/content/application~1*`]],
  ["authentication added where there was none: a warning", () => reqOp((s) => (s.components = { securitySchemes: { k: { type: "apiKey", in: "header", name: "K" } } }), (s) => {
    s.components = { securitySchemes: { k: { type: "apiKey", in: "header", name: "K" } } }
    s.security = [{ k: [] }]
  }), [`warning api-security-added #/security`]],
  ["an OAuth scope added: a warning", () => {
    const o = { components: { securitySchemes: { o: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://t", scopes: { read: "", write: "" } } } } } } }
    return reqOp((s) => Object.assign(s, structuredClone(o), { security: [{ o: ["read"] }] }), (s) => Object.assign(s, structuredClone(o), { security: [{ o: ["read", "write"] }] }))
  }, [`warning api-security-scope-added #/security`]]
]

describe("diff rules: the exact findings of each pair of small specs, with its mirror", () => {
  for (const [group, rows] of Object.entries({ "3.1 keywords": keywords31, composition, values, parameters, lifecycle, "media types and security": security })) {
    it.each(rows)(`${group}: %s`, (_, run, expected) => expect(run()).toEqual(expected))
  }
})

describe("the rule catalogue", () => {
  it("every rule has a mirror that is a rule, or says why it has none", () => {
    const ids = new Set(rules.map((r) => r.id))
    for (const r of rules) expect(ids.has(r.mirror) || r.mirror.startsWith("none:"), `${r.id} → ${r.mirror}`).toBe(true)
  })

  it("rule ids are unique and kebab-case", () => {
    expect(new Set(ruleIds).size).toBe(ruleIds.length)
    for (const id of ruleIds) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/)
  })
})

describe("the README documents the rules", () => {
  const readme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8")
  const rowIds = new Set([...readme.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!))

  it("lists every rule of the catalogue, with its severity and mirror", () => {
    for (const r of rules) expect(readme, r.id).toContain(`| \`${r.id}\` | ${r.severity} |`)
  })

  it("gives every rule oasdiff rates ERR a rule here: the same id, or one the table names", () => {
    const err = readFileSync(fileURLToPath(new URL("./oasdiff-err-rules.txt", import.meta.url)), "utf8").trim().split("\n")
    expect(err).toHaveLength(213)
    const mapped = new Map([...readme.matchAll(/^\| `([^`]+)` \| `([^`]+)` \| [^|]+ \|$/gm)].map((m) => [m[1]!, m[2]!]))
    for (const id of err) {
      const here = ruleIds.includes(id) ? id : mapped.get(id)
      expect(here, `${id} has a rule here`).toBeDefined()
      expect(ruleIds, `${id} → ${here}`).toContain(here)
    }
    expect(rowIds.size).toBeGreaterThan(rules.length)
  })
})
