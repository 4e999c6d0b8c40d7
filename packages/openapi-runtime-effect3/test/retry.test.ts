/** The default retry policy by idempotency, Retry-After, and the pagination helpers (table-driven). */
import { describe, expect, it } from "vitest"
import * as Duration from "effect/Duration"
import { ClientError, NotFound, RateLimited, ServerError, TransportError, UnexpectedStatus, isRetryable, nextLink, parseRetryAfter, valueAt, type OperationError } from "@effect-openapi/runtime-effect3"

const fields = (status: number) => ({ operation: "op", status, body: undefined, headers: {}, requestId: undefined, retryAfter: undefined })
const transport = (reason: "Refused" | "Connection" | "Timeout" | "Body") => new TransportError({ operation: "op", reason, message: reason })

describe("isRetryable", () => {
  const cases: ReadonlyArray<readonly [string, OperationError, ReadonlyArray<string>]> = [
    ["429", new RateLimited(fields(429)), ["get", "head", "options", "put", "delete", "post", "patch"]],
    ["503", new ServerError(fields(503)), ["get", "head", "options", "put", "delete"]],
    ["502 off its schema (UnexpectedStatus)", new UnexpectedStatus({ ...fields(502), reason: "x" }), ["get", "head", "options", "put", "delete"]],
    ["500", new ServerError(fields(500)), []],
    ["404", new NotFound(fields(404)), []],
    ["418", new ClientError(fields(418)), []],
    ["a refused connection (nothing sent)", transport("Refused"), ["get", "head", "options", "put", "delete", "post", "patch"]],
    ["a reset connection (may have executed)", transport("Connection"), ["get", "head", "options", "put", "delete"]],
    ["a timeout", transport("Timeout"), ["get", "head", "options", "put", "delete"]]
  ]
  it.each(cases)("%s: retried for exactly the methods listed", (_name, error, methods) => {
    for (const method of ["get", "head", "options", "put", "delete", "post", "patch"]) expect(isRetryable(method, error), method).toBe(methods.includes(method))
  })
})

describe("parseRetryAfter", () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0)
  it.each([
    ["seconds", "7", Duration.seconds(7)],
    ["an HTTP date", "Thu, 01 Jan 2026 12:00:30 GMT", Duration.millis(30_000)],
    ["a date in the past is zero", "Thu, 01 Jan 2026 11:00:00 GMT", Duration.millis(0)],
    ["garbage is absent", "soon", undefined],
    ["absent", undefined, undefined]
  ] as const)("%s", (_name, value, expected) => {
    expect(parseRetryAfter(value, now)).toEqual(expected)
  })
})

describe("pagination helpers", () => {
  it.each([
    ['<https://a/x?page=2>; rel="next"', "https://a/x?page=2"],
    ['<https://a/x?page=1>; rel="prev", <https://a/x?page=3>; rel="next"', "https://a/x?page=3"],
    ['<https://a/x?page=3>; rel="last next"', "https://a/x?page=3"],
    ['<https://a/x?page=1>; rel="prev"', undefined],
    ["", undefined]
  ])("Link %j → %s", (header, expected) => {
    expect(nextLink(header)).toBe(expected)
  })

  it("valueAt reads RFC 6901 pointers, ~1 and ~0 included", () => {
    expect(valueAt({ a: { "b/c": { "d~e": 1 } } }, "/a/b~1c/d~0e")).toBe(1)
    expect(valueAt({ a: [10, 20] }, "/a/1")).toBe(20)
    expect(valueAt({ a: null }, "/a/b")).toBeUndefined()
  })
})
