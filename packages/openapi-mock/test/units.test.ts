// The small pieces on their own: Prefer, Accept, routing order, pattern strings, conforming values.
import { describe, expect, it } from "@effect/vitest"
import { conform, matching } from "../src/conform.js"
import { negotiate } from "../src/media-type.js"
import type { Document } from "../src/openapi.js"
import { parsePrefer } from "../src/prefer.js"
import { makeRouter } from "../src/route.js"
import { makeValidate } from "../src/validate.js"

describe("Prefer", () => {
  const cases: ReadonlyArray<readonly [string | undefined, ReturnType<typeof parsePrefer>]> = [
    [undefined, {}],
    ["code=404", { code: 404 }],
    ["example=cat", { example: "cat" }],
    ["code=400, example=tooDeep", { code: 400, example: "tooDeep" }],
    ['respond-async; code="503"; wait=10', { code: 503 }],
    ["code=abc, example=", {}],
    ["code=99", {}]
  ]
  it.each(cases)("%s", (header, preference) => {
    expect(parsePrefer(header)).toEqual(preference)
  })
})

describe("Accept", () => {
  const declared = ["text/plain", "application/problem+json", "image/png"]
  const cases: ReadonlyArray<readonly [string | undefined, string | undefined]> = [
    [undefined, "text/plain"],
    ["*/*", "text/plain"],
    ["image/*", "image/png"],
    ["application/json", "application/problem+json"],
    ["text/html;q=1, application/problem+json;q=0.5", "application/problem+json"],
    ["text/plain;q=0, image/png", "image/png"],
    ["text/html", undefined]
  ]
  it.each(cases)("%s → %s", (accept, chosen) => {
    expect(negotiate(declared, accept)).toBe(chosen)
  })

  it("a declared range (*/*, image/*) covers what is asked", () => {
    expect(negotiate(["*/*"], "application/json")).toBe("*/*")
    expect(negotiate(["image/*"], "image/webp")).toBe("image/*")
    expect(negotiate(["image/*"], "text/plain")).toBeUndefined()
  })
})

describe("routing", () => {
  const doc: Document = {
    openapi: "3.1.0",
    servers: [{ url: "https://{host}/base/{version}", variables: { host: { default: "x.test" }, version: { default: "v1" } } }],
    paths: {
      "/users/{id}": { get: {}, delete: {} },
      "/users/me": { get: {} },
      "/users/{id}/posts/{post}": { get: {} },
      "/a/{x}": { post: {} },
      "/{any}/b": { get: {} }
    }
  }
  const route = makeRouter(doc)
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    ["GET", "/users/me", "Found /users/me"],
    ["GET", "/users/42", "Found /users/{id}"],
    ["DELETE", "/users/me", "Found /users/{id}"],
    ["HEAD", "/users/42", "Found /users/{id}"],
    ["GET", "/users/42/posts/7", "Found /users/{id}/posts/{post}"],
    ["GET", "/base/v1/users/42", "Found /users/{id}"],
    ["GET", "/a/b", "Found /{any}/b"],
    ["PUT", "/users/42", "NoMethod GET, DELETE"],
    ["GET", "/users", "NoPath"],
    ["GET", "/users/42/", "NoPath"]
  ]
  it.each(cases)("%s %s → %s", (method, path, expected) => {
    const routed = route(method, path)
    const found = routed._tag === "Found" ? ` ${routed.route.template}` : routed._tag === "NoMethod" ? ` ${routed.allowed.join(", ")}` : ""
    expect(`${routed._tag}${found}`).toBe(expected)
  })

  it("decodes path parameters", () => {
    const routed = route("GET", "/users/a%20b")
    expect(routed._tag === "Found" && routed.route.pathParams).toEqual({ id: "a b" })
  })
})

describe("pattern strings", () => {
  const patterns = ["^([01]\\d|2[0-3]):?([0-5]\\d)$", "^(\\d+|[A-Za-z]{3}, \\d{2} [A-Za-z]{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT)$", "^[a-z]{2,5}-\\d+$", "^urn:[a-z]+:.+$"]
  it.each(patterns)("%s: matched, always the same string", (pattern) => {
    const s = matching(pattern)
    expect(s).toMatch(new RegExp(pattern))
    expect(matching(pattern)).toBe(s)
  })
})

describe("conforming generated values", () => {
  const doc: Document = {
    openapi: "3.1.0",
    components: {
      schemas: {
        Base: { type: "object", required: ["kind"], properties: { kind: { type: "string" } } },
        Cat: { allOf: [{ $ref: "#/components/schemas/Base" }], required: ["kind", "lives"], properties: { kind: { enum: ["cat"] }, lives: { type: "integer", minimum: 1, maximum: 9 } } },
        Code: { type: "string", example: ["a", "b"], pattern: "^[A-Z]{3}$" },
        Closed: { type: "object", additionalProperties: false, properties: { a: { type: "string", minLength: 3 } } },
        List: { type: "array", minItems: 2, uniqueItems: true, items: { type: "integer", const: 1 } }
      }
    }
  }
  const validate = makeValidate({ document: doc, version: "3.1" })
  const cases: ReadonlyArray<readonly [string, string, unknown, unknown]> = [
    ["an enum under allOf, a number under its minimum", "Cat", { kind: "string", lives: 0 }, { kind: "cat", lives: 1 }],
    ["a required property missing", "Cat", { kind: "cat" }, { kind: "cat", lives: 1 }],
    ["a schema's own example of the wrong type, and a pattern", "Code", ["a", "b"], "AAA"],
    ["an extra property, a string too short", "Closed", { a: "x", b: 1 }, { a: "xxx" }]
  ]
  it.each(cases)("%s", (_, schema, value, fixed) => {
    expect(conform(doc, validate, `#/components/schemas/${schema}`, value)).toEqual(fixed)
    expect(validate(`#/components/schemas/${schema}`, fixed)).toEqual([])
  })

  it("stops on what can't be fixed (two unique items where one value is allowed): each fix tried once, then it ends", () => {
    const value = conform(doc, validate, "#/components/schemas/List", [1])
    expect(validate("#/components/schemas/List", value).map((e) => e.keyword)).toEqual(["minItems"])
  })
})
