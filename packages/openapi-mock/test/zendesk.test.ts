// Our own spec, Zendesk's Deleted Users API (OpenAPI 3.1): named examples by Prefer, several media
// types by Accept, declared headers (Retry-After built to its pattern), bracketed query names,
// integer path ids, and either of two security schemes.
import { beforeAll, describe, expect, it } from "@effect/vitest"
import { loadSpec } from "../src/index.js"
import { basic, bearer, call, type Call, specs, useMock } from "./support/mock.js"

let examples: Record<string, { value: unknown }> = {}
beforeAll(async () => {
  examples = (await loadSpec(specs.zendesk)).document.components?.examples as typeof examples
})
const example = (name: string) => examples[name]!.value

describe("openapi-mock: Zendesk Deleted Users (our spec)", () => {
  const mock = useMock(specs.zendesk)

  const answered: ReadonlyArray<readonly [string, Call, number, string]> = [
    ["list: the first example", { path: "/api/v2/deleted_users" }, 200, "DeletedUsersResponseExample"],
    ["list, cursor pagination, Prefer: example=cursorLastPage", { path: "/api/v2/deleted_users?page[size]=100&page[after]=abc", headers: { prefer: "example=cursorLastPage" } }, 200, "DeletedUsersCursorLastPageExample"],
    ["list, offset pagination, Prefer: example=cursorPastTheEnd", { path: "/api/v2/deleted_users?page=2&per_page=100", headers: { prefer: "example=cursorPastTheEnd" } }, 200, "DeletedUsersCursorPastTheEndExample"],
    ["count", { path: "/api/v2/deleted_users/count" }, 200, "DeletedUsersCountResponseExample"],
    ["count, Prefer: example=refreshing", { path: "/api/v2/deleted_users/count", headers: { prefer: "example=refreshing" } }, 200, "DeletedUsersCountRefreshingExample"],
    ["show", { path: "/api/v2/deleted_users/35436" }, 200, "DeletedUserResponseExample"],
    ["permanently delete (200 with the user, not 204)", { method: "DELETE", path: "/api/v2/deleted_users/35436" }, 200, "DeletedUserResponseExample"],
    ["show, Prefer: code=404", { path: "/api/v2/deleted_users/35436", headers: { prefer: "code=404" } }, 404, "RecordNotFoundExample"],
    ["show, Prefer: code=404, example=invalidEndpoint", { path: "/api/v2/deleted_users/35436", headers: { prefer: "code=404, example=invalidEndpoint" } }, 404, "InvalidEndpointExample"],
    ["delete, Prefer: code=422", { method: "DELETE", path: "/api/v2/deleted_users/35436", headers: { prefer: "code=422" } }, 422, "RecordInvalidExample"],
    ["list, Prefer: code=400 example=invalidPaginationDepth", { path: "/api/v2/deleted_users", headers: { prefer: "code=400; example=invalidPaginationDepth" } }, 400, "InvalidPaginationDepthExample"]
  ]
  it.each(answered)("%s", async (_, request, status, name) => {
    const answer = await call(mock(), { ...request, headers: { ...bearer, ...request.headers } })
    expect(answer.status).toBe(status)
    expect(answer.body).toEqual(example(name))
    // Every declared header is sent, with a value of its schema.
    expect(answer.headers["x-zendesk-request-id"]).toBeTypeOf("string")
  })

  it("the success responses' rate-limit headers are integers", async () => {
    const answer = await call(mock(), { path: "/api/v2/deleted_users/count", headers: bearer })
    for (const name of ["x-rate-limit", "x-rate-limit-remaining", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"]) {
      expect(answer.headers[name], name).toMatch(/^-?\d+$/)
    }
  })

  const negotiated: ReadonlyArray<readonly [string, string | undefined, string, string]> = [
    ["no Accept: the first media type declared", undefined, "text/plain", "Too Many Requests"],
    ["Accept: application/json (its named example)", "application/json", "application/json", ""],
    ["Accept: text/html", "text/html", "text/html", "<html><body>Too Many Requests</body></html>"],
    ["Accept with q-values", "text/plain;q=0.1, text/html;q=0.9", "text/html", "<html><body>Too Many Requests</body></html>"]
  ]
  it.each(negotiated)("429 (Prefer: code=429), %s", async (_, accept, type, body) => {
    const answer = await call(mock(), { path: "/api/v2/deleted_users", headers: { ...bearer, prefer: "code=429", ...(accept === undefined ? {} : { accept }) } })
    expect(answer.status).toBe(429)
    expect(answer.headers["content-type"]).toBe(type)
    if (type === "application/json") expect(answer.body).toEqual(example("TooManyRequestsExample"))
    else expect(answer.text).toBe(body)
    // No example for Retry-After: generated, to its pattern `^(\d+|<HTTP date>)$`.
    expect(answer.headers["retry-after"]).toMatch(/^(\d+|[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT)$/)
  })

  const invalid: ReadonlyArray<readonly [string, string, ReadonlyArray<Record<string, unknown>>]> = [
    ["a path id that is not an integer", "/api/v2/deleted_users/abc", [{ in: "path", name: "deleted_user_id", pointer: "#", keyword: "type", schema: "#/components/parameters/DeletedUserId/schema" }]],
    ["a path id below its minimum", "/api/v2/deleted_users/0", [{ in: "path", name: "deleted_user_id", keyword: "minimum" }]],
    ["a bracketed query name over its maximum", "/api/v2/deleted_users?page[size]=101", [{ in: "query", name: "page[size]", keyword: "maximum" }]],
    ["two bad query values", "/api/v2/deleted_users?page=0&per_page=x", [{ in: "query", name: "page", keyword: "minimum" }, { in: "query", name: "per_page", keyword: "type" }]]
  ]
  it.each(invalid)("%s: the declared 400, problem+json naming it", async (_, path, errors) => {
    const answer = await call(mock(), { path, headers: basic })
    expect(answer.status).toBe(400)
    const problem = answer.body as { errors: Array<Record<string, unknown>> }
    expect(problem.errors).toHaveLength(errors.length)
    errors.forEach((e, i) => expect(problem.errors[i]).toMatchObject(e))
  })

  const credentials: ReadonlyArray<readonly [string, Record<string, string>, number]> = [
    ["HTTP Basic", basic, 200],
    ["a bearer token", bearer, 200],
    ["another scheme", { authorization: "Token abc" }, 401],
    ["none", {}, 401]
  ]
  it.each(credentials)("credentials: %s → %i", async (_, headers, status) => {
    const answer = await call(mock(), { path: "/api/v2/deleted_users/count", headers })
    expect(answer.status).toBe(status)
    if (status === 401) {
      expect(answer.headers["www-authenticate"]).toBe('Basic realm="openapi-mock", Bearer')
      expect((answer.body as { detail: string }).detail).toBe("credentials missing: send basicAuth (Authorization: Basic ...) or bearerAuth (Authorization: Bearer ...)")
    }
  })

  it("405 names the methods the path has", async () => {
    const answer = await call(mock(), { method: "POST", path: "/api/v2/deleted_users/1", headers: bearer })
    expect(answer.status).toBe(405)
    expect(answer.headers.allow).toBe("GET, DELETE")
  })
})
