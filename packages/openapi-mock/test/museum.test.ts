// The Redocly Museum spec (OpenAPI 3.1, examples everywhere) served by the mock: examples first,
// Prefer, content negotiation, routing, and request validation with problem+json pointers.
import { beforeAll, describe, expect, it } from "@effect/vitest"
import { loadSpec } from "../src/index.js"
import { basic, call, type Call, specs, useMock } from "./support/mock.js"

const eventId = "dad4bce8-f5cb-4078-a211-995864315e39"
let examples: Record<string, { value: unknown }> = {}
beforeAll(async () => {
  examples = (await loadSpec(specs.museum)).document.components?.examples as typeof examples
})
const example = (name: string) => examples[name]!.value

describe("openapi-mock: Redocly Museum (examples)", () => {
  const mock = useMock(specs.museum)

  const answered: ReadonlyArray<readonly [string, Call, number, string]> = [
    ["GET /museum-hours", { path: "/museum-hours" }, 200, "GetMuseumHoursResponseExample"],
    ["GET /special-events with valid query", { path: "/special-events?startDate=2023-02-23&limit=15&page=2" }, 200, "ListSpecialEventsResponseExample"],
    ["GET /special-events/{eventId}", { path: `/special-events/${eventId}` }, 200, "GetSpecialEventResponseExample"],
    ["POST /special-events", { method: "POST", path: "/special-events", json: { name: "n", location: "l", eventDescription: "d", dates: ["2023-09-05"], price: 1 } }, 201, "CreateSpecialEventResponseExample"],
    ["PATCH /special-events/{eventId}", { method: "PATCH", path: `/special-events/${eventId}`, json: { price: 15 } }, 200, "UpdateSpecialEventResponseExample"],
    ["POST /tickets: the first example", { method: "POST", path: "/tickets", json: { ticketType: "general", ticketDate: "2023-09-07" } }, 201, "BuyGeneralTicketsResponseExample"],
    ["POST /tickets with Prefer: example=event_entry", { method: "POST", path: "/tickets", headers: { prefer: "example=event_entry" }, json: { ticketType: "event", ticketDate: "2023-09-05" } }, 201, "BuyEventTicketsResponseExample"]
  ]
  it.each(answered)("%s answers with the spec's example", async (_, request, status, name) => {
    const answer = await call(mock(), { ...request, headers: { ...basic, ...request.headers } })
    expect(answer.status).toBe(status)
    expect(answer.headers["content-type"]).toBe("application/json")
    expect(answer.body).toEqual(example(name))
  })

  it("DELETE answers its 204 with no body", async () => {
    const answer = await call(mock(), { method: "DELETE", path: `/special-events/${eventId}`, headers: basic })
    expect([answer.status, answer.text, answer.headers["content-type"]]).toEqual([204, "", undefined])
  })

  it("a binary response (image/png) is sent with its media type", async () => {
    const answer = await call(mock(), { path: "/tickets/a54a57ca-36f8-421b-a6b4-2e8f26858a4c/qr", headers: basic })
    expect(answer.status).toBe(200)
    expect(answer.headers["content-type"]).toBe("image/png")
  })

  it("HEAD falls back to GET: its status and headers, no body", async () => {
    const answer = await call(mock(), { method: "HEAD", path: "/museum-hours", headers: basic })
    expect([answer.status, answer.text, answer.headers["content-type"]]).toEqual([200, "", "application/json"])
  })

  const preferred: ReadonlyArray<readonly [string, Call, number, unknown]> = [
    // The 404 has no example: its schema's property examples make the body.
    ["Prefer: code=404 (generated from the schema's examples)", { path: `/special-events/${eventId}`, headers: { prefer: "code=404" } }, 404, { type: "object", title: "Validation failed" }],
    ["Prefer: code=400, quoted and with other tokens", { path: "/museum-hours", headers: { prefer: 'respond-async, code="400"; wait=5' } }, 400, { type: "object", title: "Validation failed" }],
    ["Prefer: code=401 on DELETE", { method: "DELETE", path: `/special-events/${eventId}`, headers: { prefer: "code=401" } }, 401, { type: "object", title: "Validation failed" }]
  ]
  it.each(preferred)("%s", async (_, request, status, body) => {
    const answer = await call(mock(), { ...request, headers: { ...basic, ...request.headers } })
    expect(answer.status).toBe(status)
    expect(answer.headers["content-type"]).toBe("application/problem+json")
    expect(answer.body).toEqual(body)
  })

  const refused: ReadonlyArray<readonly [string, Call, number, string, RegExp]> = [
    ["an undocumented path", { path: "/nowhere" }, 404, "urn:openapi-mock:no-route", /no path of the spec matches \/nowhere/],
    ["a path one segment too long", { path: `/special-events/${eventId}/x` }, 404, "urn:openapi-mock:no-route", /no path/],
    ["an undocumented method", { method: "PUT", path: "/tickets" }, 405, "urn:openapi-mock:method-not-allowed", /PUT is not declared for \/tickets; allowed: POST/],
    ["Prefer: code= of an undeclared status", { path: "/museum-hours", headers: { prefer: "code=418" } }, 404, "urn:openapi-mock:no-such-response", /GET \/museum-hours declares no response 418; it declares 200, 400, 404/],
    ["Prefer: example= of an unknown example", { path: "/museum-hours", headers: { prefer: "example=nope" } }, 404, "urn:openapi-mock:no-such-example", /has no example 'nope'; it has default_example/],
    ["an Accept none of the media types meets", { path: "/museum-hours", headers: { accept: "text/html" } }, 406, "urn:openapi-mock:not-acceptable", /answers 200 with application\/json, not text\/html/],
    ["a body of an undeclared media type", { method: "POST", path: "/tickets", headers: { "content-type": "text/plain" }, text: "hi" }, 415, "urn:openapi-mock:unsupported-media-type", /takes application\/json, not text\/plain/]
  ]
  it.each(refused)("%s: %i problem+json", async (_, request, status, type, detail) => {
    const answer = await call(mock(), { ...request, headers: { ...basic, ...request.headers } })
    expect(answer.status).toBe(status)
    expect(answer.headers["content-type"]).toBe("application/problem+json")
    expect(answer.body).toMatchObject({ type, status })
    expect((answer.body as { detail: string }).detail).toMatch(detail)
    if (status === 405) expect(answer.headers.allow).toBe("POST")
  })

  it("a request without the credentials its security asks: 401, WWW-Authenticate, what to send", async () => {
    const answer = await call(mock(), { path: "/museum-hours" })
    expect(answer.status).toBe(401)
    expect(answer.headers["www-authenticate"]).toBe('Basic realm="openapi-mock"')
    expect(answer.body).toMatchObject({ type: "urn:openapi-mock:unauthorized", detail: "credentials missing: send MuseumPlaceholderAuth (Authorization: Basic ...)" })
  })

  /** Each invalid request, and the `errors` it must get (the museum declares 400, so 400). */
  const invalid: ReadonlyArray<readonly [string, Call, ReadonlyArray<Record<string, unknown>>]> = [
    ["a query value over its maximum", { path: "/museum-hours?limit=31" }, [{ in: "query", name: "limit", pointer: "#", keyword: "maximum", schema: "#/components/parameters/PaginationLimit/schema" }]],
    ["a query value of the wrong type", { path: "/museum-hours?page=two" }, [{ in: "query", name: "page", pointer: "#", keyword: "type" }]],
    ["a query date in the wrong format", { path: "/special-events?endDate=tomorrow" }, [{ in: "query", name: "endDate", pointer: "#", keyword: "format" }]],
    ["a path parameter that is not a uuid", { path: "/special-events/42" }, [{ in: "path", name: "eventId", pointer: "#", keyword: "format", schema: "#/components/parameters/EventId/schema" }]],
    ["a body missing a required property", { method: "POST", path: "/tickets", json: { ticketType: "general" } }, [{ in: "body", pointer: "#/ticketDate", keyword: "required", schema: "#/paths/~1tickets/post/requestBody/content/application~1json/schema" }]],
    ["a body with a value outside its enum, and another of the wrong type", { method: "POST", path: "/tickets", json: { ticketType: "vip", ticketDate: "2023-09-07", email: 7 } }, [
      { in: "body", pointer: "#/email", keyword: "type" },
      { in: "body", pointer: "#/ticketType", keyword: "enum" }
    ]],
    ["a nested body value of the wrong format", { method: "POST", path: "/special-events", json: { name: "n", location: "l", eventDescription: "d", dates: ["2023-09-05", "soon"], price: 1 } }, [{ in: "body", pointer: "#/dates/1", keyword: "format" }]],
    ["a body that is not JSON", { method: "POST", path: "/tickets", headers: { "content-type": "application/json" }, text: "{nope" }, [{ in: "body", pointer: "#", keyword: "json" }]],
    ["no body where one is required", { method: "POST", path: "/tickets" }, [{ in: "body", pointer: "#", keyword: "required" }]],
    ["a bad parameter and a bad body together", { method: "PATCH", path: "/special-events/x", json: { price: "free" } }, [
      { in: "path", name: "eventId", keyword: "format" },
      { in: "body", pointer: "#/price", keyword: "type" }
    ]]
  ]
  it.each(invalid)("%s: 400 problem+json naming the JSON pointer", async (_, request, errors) => {
    const answer = await call(mock(), { ...request, headers: { ...basic, ...request.headers } })
    expect(answer.status).toBe(400)
    expect(answer.headers["content-type"]).toBe("application/problem+json")
    const problem = answer.body as { type: string; title: string; status: number; detail: string; errors: Array<Record<string, unknown>> }
    expect(problem).toMatchObject({ type: "urn:openapi-mock:invalid-request", title: "Invalid request", status: 400 })
    expect(problem.errors).toHaveLength(errors.length)
    errors.forEach((e, i) => expect(problem.errors[i]).toMatchObject(e))
    expect(problem.detail).toBe(problem.errors.map((e) => e.detail).join("; "))
  })

  it("CORS: a preflight gets a 204, every answer allows the origin", async () => {
    const preflight = await call(mock(), { method: "OPTIONS", path: "/tickets", headers: { origin: "http://app.test", "access-control-request-method": "POST", "access-control-request-headers": "content-type" } })
    expect(preflight.status).toBe(204)
    expect(preflight.headers).toMatchObject({ "access-control-allow-origin": "http://app.test", "access-control-allow-methods": "POST", "access-control-allow-headers": "content-type" })
    const answer = await call(mock(), { path: "/museum-hours", headers: basic })
    expect(answer.headers["access-control-allow-origin"]).toBe("*")
  })
})
