/**
 * The Effect 3 runtime's client, decoding and pagination over `testTransport` (no socket), table by
 * table, on the --effect 3 clients generated from tools/codegen/test/specs.
 */
import { describe, expect, it } from "vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Stream from "effect/Stream"
import * as Chunk from "effect/Chunk"
import { testTransport, TransportError, type HttpRequest, type TestHandler, type TestResponse } from "@effect-openapi/runtime-effect3"
import { makeWith as museumWith } from "./generated/redocly-museum/index.js"
import { makeWith as uploadsWith } from "./generated/uploads/index.js"

const museumOptions = { baseUrl: "http://museum.test/v1", auth: { MuseumPlaceholderAuth: { username: "ada", password: "secret" } } }
const uploadsOptions = { baseUrl: "http://uploads.test", auth: { apiKey: "k3y" } }
const hours = [{ date: "2026-07-01", timeOpen: "09:00", timeClose: "18:00" }]

const outcome = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.runPromise(Effect.either(effect)).then((e) => (Either.isRight(e) ? { ok: e.right } : { tag: (e.left as { _tag: string })._tag, error: e.left }))

describe("testTransport (Effect 3): the client", () => {
  it.each<readonly [string, TestResponse, { ok: unknown } | { tag: string; fields?: object }]>([
    ["a 200 on its schema is the body", { status: 200, json: hours }, { ok: hours }],
    ["a 200 off its schema is DecodeError with the JSON pointer", { status: 200, json: [{ ...hours[0], timeOpen: "9 am" }] }, { tag: "DecodeError", fields: { pointer: "/0/timeOpen" } }],
    ["a declared 404 is NotFound with the request id", { status: 404, headers: { "Content-Type": "application/problem+json", "X-Request-Id": "r-9" }, body: "{}" }, { tag: "NotFound", fields: { status: 404, requestId: "r-9" } }],
    ["an undeclared 418 is UnexpectedStatus", { status: 418, body: "teapot" }, { tag: "UnexpectedStatus", fields: { status: 418 } }]
  ])("%s", async (_name, answer, expected) => {
    const result = await outcome(Effect.flatMap(museumWith(testTransport(() => answer), museumOptions), (m) => m.getMuseumHours({}, { retry: false })))
    if ("ok" in expected) return expect(result).toEqual(expected)
    expect((result as { tag: string }).tag).toBe(expected.tag)
    expect((result as { error: object }).error).toMatchObject(expected.fields ?? {})
  })

  it("encodes the request as a transport would send it, and sends nothing for bad input", async () => {
    const sent: Array<HttpRequest> = []
    const handler: TestHandler = (request) => (sent.push(request), { status: 200, json: hours })
    const museum = await Effect.runPromise(museumWith(testTransport(handler), museumOptions))
    await Effect.runPromise(museum.getMuseumHours({ query: { startDate: "2026-07-01", limit: 5 } }))
    expect(sent[0]).toMatchObject({ method: "get", url: "http://museum.test/v1/museum-hours?startDate=2026-07-01&limit=5", headers: { authorization: `Basic ${btoa("ada:secret")}` } })
    expect((await outcome(museum.getMuseumHours({ query: { limit: "many" as never } }))).tag).toBe("InvalidInput")
    expect(sent).toHaveLength(1)
  })

  it("a handler that outlasts the timeout is TransportError Timeout; one that fails is its TransportError", async () => {
    const slow = await Effect.runPromise(museumWith(testTransport(() => Effect.as(Effect.sleep("5 seconds"), { status: 200, json: hours })), { ...museumOptions, timeout: "20 millis" }))
    expect((await outcome(slow.getMuseumHours({}, { retry: false }))).error).toMatchObject({ _tag: "TransportError", reason: "Timeout" })
    const refused = new TransportError({ operation: "getMuseumHours", reason: "Refused", message: "refused" })
    const failing = await Effect.runPromise(museumWith(testTransport(() => Effect.fail(refused)), museumOptions))
    expect((await outcome(failing.getMuseumHours({}, { retry: false }))).error).toBe(refused)
  })
})

describe("testTransport (Effect 3): pagination", () => {
  const served = (pages: Readonly<Record<string, TestResponse>>): TestHandler => (request) => {
    const url = new URL(request.url)
    return pages[url.pathname + url.search] ?? { status: 404, body: "" }
  }
  it.each<readonly [string, Readonly<Record<string, TestResponse>>, (u: Effect.Effect.Success<ReturnType<typeof uploadsWith>>) => Stream.Stream<{ id: number }, unknown>, unknown]>([
    ["cursor", {
      "/items/cursor": { status: 200, json: { items: [{ id: 1 }], meta: { next: "c1", more: true } } },
      "/items/cursor?after=c1": { status: 200, json: { items: [{ id: 2 }], meta: { next: null, more: false } } }
    }, (u) => u.itemsByCursorStream(), { ok: [1, 2] }],
    ["cursor, repeated", {
      "/items/cursor": { status: 200, json: { items: [{ id: 1 }], meta: { next: "c1", more: true } } },
      "/items/cursor?after=c1": { status: 200, json: { items: [{ id: 2 }], meta: { next: "c1", more: true } } }
    }, (u) => u.itemsByCursorStream(), { tag: "PaginationError" }],
    ["offset", {
      "/items/offset?limit=2": { status: 200, json: { items: [{ id: 1 }, { id: 2 }] } },
      "/items/offset?offset=2&limit=2": { status: 200, json: { items: [{ id: 3 }] } }
    }, (u) => u.itemsByOffsetStream({ query: { limit: 2 } }), { ok: [1, 2, 3] }],
    ["link-header", {
      "/items/link": { status: 200, headers: { Link: '<http://uploads.test/items/link?page=2>; rel="next"' }, json: { items: [{ id: 1 }] } },
      "/items/link?page=2": { status: 200, json: { items: [{ id: 2 }] } }
    }, (u) => u.itemsByLinkHeaderStream(), { ok: [1, 2] }]
  ])("%s", async (_name, pages, stream, expected) => {
    const result = await outcome(Effect.flatMap(uploadsWith(testTransport(served(pages)), uploadsOptions), (u) => Stream.runCollect(stream(u))))
    if ("ok" in result) expect({ ok: Chunk.toArray(result.ok as Chunk.Chunk<{ id: number }>).map((i) => i.id) }).toEqual(expected)
    else expect({ tag: result.tag }).toEqual(expected)
  })
})
