// Parameters read in their style and coerced to their schema before ajv judges them: arrays (form,
// exploded or not, space- and pipe-delimited), deepObject, headers, cookies, JSON `content`, booleans.
import { describe, expect, it } from "@effect/vitest"
import { call, useMock } from "./support/mock.js"

const spec = {
  openapi: "3.1.0",
  info: { title: "parameters", version: "1" },
  paths: {
    "/search": {
      get: {
        parameters: [
          { name: "ids", in: "query", schema: { type: "array", items: { type: "integer" } } },
          { name: "tags", in: "query", explode: false, schema: { type: "array", maxItems: 2, items: { type: "string" } } },
          { name: "words", in: "query", style: "spaceDelimited", explode: false, schema: { type: "array", items: { type: "string", minLength: 2 } } },
          { name: "pipes", in: "query", style: "pipeDelimited", explode: false, schema: { type: "array", items: { type: "number" } } },
          { name: "filter", in: "query", style: "deepObject", schema: { type: "object", properties: { min: { type: "integer" }, max: { type: "integer" } }, additionalProperties: false } },
          { name: "flag", in: "query", schema: { type: "boolean" } },
          { name: "q", in: "query", content: { "application/json": { schema: { type: "object", required: ["a"], properties: { a: { type: "integer" } } } } } },
          { name: "X-Page", in: "header", required: true, schema: { type: "integer", minimum: 1 } },
          { name: "session", in: "cookie", schema: { type: "string", pattern: "^s_[a-z]+$" } }
        ],
        responses: { "200": { description: "ok", content: { "application/json": { example: { ok: true } } } } }
      }
    },
    "/files/{name}.{ext}": {
      get: {
        parameters: [
          { name: "name", in: "path", required: true, schema: { type: "string" } },
          { name: "ext", in: "path", required: true, schema: { enum: ["txt", "md"] } }
        ],
        responses: { "200": { description: "ok", content: { "text/plain": { example: "hello" } } } }
      }
    }
  }
}

describe("openapi-mock: parameters", () => {
  const mock = useMock(spec)

  const valid: ReadonlyArray<readonly [string, string, Record<string, string>]> = [
    ["exploded array", "/search?ids=1&ids=2", {}],
    ["comma-separated array", "/search?tags=a,b", {}],
    ["space-delimited array", "/search?words=ab%20cd", {}],
    ["pipe-delimited array", "/search?pipes=1.5|2", {}],
    ["deepObject", "/search?filter[min]=1&filter[max]=9", {}],
    ["boolean", "/search?flag=false", {}],
    ["JSON content", `/search?q=${encodeURIComponent('{"a":1}')}`, {}],
    ["cookie", "/search", { cookie: "other=1; session=s_abc" }]
  ]
  it.each(valid)("valid: %s", async (_, path, headers) => {
    const answer = await call(mock(), { path, headers: { "x-page": "1", ...headers } })
    expect(answer.status, answer.text).toBe(200)
  })

  const invalid: ReadonlyArray<readonly [string, string, Record<string, string>, Record<string, unknown>]> = [
    ["an item of an exploded array", "/search?ids=1&ids=x", {}, { in: "query", name: "ids", pointer: "#/1", keyword: "type" }],
    ["too many items", "/search?tags=a,b,c", {}, { in: "query", name: "tags", pointer: "#", keyword: "maxItems" }],
    ["a space-delimited item too short", "/search?words=ab%20c", {}, { in: "query", name: "words", pointer: "#/1", keyword: "minLength" }],
    ["a pipe-delimited item not a number", "/search?pipes=1|x", {}, { in: "query", name: "pipes", pointer: "#/1", keyword: "type" }],
    ["a deepObject member of the wrong type", "/search?filter[min]=1&filter[max]=x", {}, { in: "query", name: "filter", pointer: "#/max", keyword: "type" }],
    ["a deepObject member not declared", "/search?filter[nope]=1", {}, { in: "query", name: "filter", pointer: "#", keyword: "additionalProperties" }],
    ["a boolean spelled yes", "/search?flag=yes", {}, { in: "query", name: "flag", keyword: "type" }],
    ["JSON content missing a property", `/search?q=${encodeURIComponent("{}")}`, {}, { in: "query", name: "q", pointer: "#/a", keyword: "required" }],
    ["a required header missing", "/search", { "x-page": "" }, { in: "header", name: "X-Page", keyword: "required" }],
    ["a header below its minimum", "/search", { "x-page": "0" }, { in: "header", name: "X-Page", keyword: "minimum" }],
    ["a cookie not matching its pattern", "/search", { cookie: "session=abc" }, { in: "cookie", name: "session", keyword: "pattern" }]
  ]
  it.each(invalid)("invalid: %s", async (_, path, headers, error) => {
    const sent = { "x-page": "1", ...headers }
    const answer = await call(mock(), { path, headers: Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== "")) })
    expect(answer.status).toBe(422)
    expect((answer.body as { errors: Array<unknown> }).errors).toEqual([expect.objectContaining(error)])
  })

  it("a path template with two parameters in one segment", async () => {
    expect((await call(mock(), { path: "/files/readme.md" })).text).toBe("hello")
    const bad = await call(mock(), { path: "/files/readme.pdf" })
    expect(bad.status).toBe(422)
    expect((bad.body as { errors: Array<unknown> }).errors).toEqual([expect.objectContaining({ in: "path", name: "ext", keyword: "enum" })])
  })
})
