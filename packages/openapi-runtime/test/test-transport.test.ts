/**
 * The runtime's client, decoding and pagination, table by table, over `testTransport`: no socket, the
 * real executor and the generated validators (clients generated from tools/codegen/test/specs).
 */
import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/testing/TestClock"
import { testTransport, TransportError, type HttpRequest, type TestHandler, type TestResponse } from "@effect-openapi/runtime"
import { makeWith as museumWith } from "../../../tools/codegen/test/generated/redocly-museum/index.js"
import { makeWith as uploadsWith } from "../../../tools/codegen/test/generated/uploads/index.js"

const museumOptions = { baseUrl: "http://museum.test/v1", auth: { MuseumPlaceholderAuth: { username: "ada", password: "secret" } } }
const uploadsOptions = { baseUrl: "http://uploads.test", auth: { apiKey: "k3y" } }
const hours = [{ date: "2026-07-01", timeOpen: "09:00", timeClose: "18:00" }]

/** A handler that answers `answer` and keeps each request it got. */
const recording = (answer: TestHandler) => {
  const requests: Array<HttpRequest> = []
  return { requests, handler: (request: HttpRequest) => (requests.push(request), answer(request)) }
}

describe("testTransport: the client", () => {
  const cases: ReadonlyArray<{ readonly name: string; readonly answer: TestResponse; readonly expected: unknown }> = [
    { name: "a 200 on its schema is the body", answer: { status: 200, json: hours }, expected: { ok: hours } },
    { name: "a 200 with extra properties is tolerated", answer: { status: 200, json: [{ ...hours[0], extra: 1 }] }, expected: { ok: [{ ...hours[0], extra: 1 }] } },
    { name: "a 200 off its schema is DecodeError with the JSON pointer", answer: { status: 200, json: [{ date: "2026-07-01", timeOpen: "9 am", timeClose: "18:00" }] }, expected: { tag: "DecodeError", pointer: "/0/timeOpen" } },
    { name: "a 200 that is not JSON is DecodeError", answer: { status: 200, headers: { "Content-Type": "application/json" }, body: "{not json" }, expected: { tag: "DecodeError", pointer: "" } },
    { name: "a declared 400 is BadRequest with its problem body", answer: { status: 400, headers: { "content-type": "application/problem+json" }, body: JSON.stringify({ type: "x", title: "Bad" }) }, expected: { tag: "BadRequest", status: 400 } },
    { name: "a declared 404 is NotFound, with the request id", answer: { status: 404, headers: { "content-type": "application/problem+json", "x-request-id": "r-9" }, body: "{}" }, expected: { tag: "NotFound", status: 404, requestId: "r-9" } },
    { name: "an undeclared 418 is UnexpectedStatus", answer: { status: 418, body: "teapot" }, expected: { tag: "UnexpectedStatus", status: 418 } },
    { name: "an undeclared 500 is UnexpectedStatus", answer: { status: 500, body: "" }, expected: { tag: "UnexpectedStatus", status: 500 } }
  ]
  for (const c of cases) {
    it.effect(c.name, () =>
      Effect.gen(function* () {
        const museum = yield* museumWith(testTransport(() => c.answer), museumOptions)
        const result = yield* Effect.result(museum.getMuseumHours({}, { retry: false }))
        if (result._tag === "Success") return expect({ ok: result.success }).toEqual(c.expected)
        const error = result.failure as { _tag: string; status?: number; requestId?: string; pointer?: string }
        const { tag, ...fields } = c.expected as { tag: string }
        expect(error._tag).toBe(tag)
        expect(error).toMatchObject(fields)
      }))
  }

  const requests: ReadonlyArray<{ readonly name: string; readonly call: (m: Effect.Success<ReturnType<typeof museumWith>>) => Effect.Effect<unknown, unknown>; readonly expected: Partial<HttpRequest> }> = [
    {
      name: "query parameters are encoded and credentials sent",
      call: (m) => m.getMuseumHours({ query: { startDate: "2026-07-01", page: 2, limit: 5 } }),
      expected: { method: "get", url: "http://museum.test/v1/museum-hours?startDate=2026-07-01&page=2&limit=5", headers: { accept: "application/json, application/problem+json", authorization: `Basic ${btoa("ada:secret")}` } }
    },
    {
      name: "a path parameter is escaped into its segment",
      call: (m) => m.getSpecialEvent({ path: { eventId: "3be6453c-03eb-4357-ae5a-984a0e574a54" } }),
      expected: { method: "get", url: "http://museum.test/v1/special-events/3be6453c-03eb-4357-ae5a-984a0e574a54" }
    },
    {
      name: "a JSON body is encoded with its content type",
      call: (m) => m.createSpecialEvent({ body: { name: "Pirates", location: "Room", eventDescription: "Arr", dates: ["2026-07-01"], price: 25 } }),
      expected: { method: "post", url: "http://museum.test/v1/special-events", body: JSON.stringify({ name: "Pirates", location: "Room", eventDescription: "Arr", dates: ["2026-07-01"], price: 25 }) }
    }
  ]
  for (const c of requests) {
    it.effect(c.name, () =>
      Effect.gen(function* () {
        const { requests: sent, handler } = recording(() => ({ status: 599 }))
        yield* Effect.ignore(c.call(yield* museumWith(testTransport(handler), museumOptions)))
        expect(sent[0]).toMatchObject(c.expected)
      }))
  }

  it.effect("bad input fails with InvalidInput and the handler is never called", () =>
    Effect.gen(function* () {
      const { requests: sent, handler } = recording(() => ({ status: 200, json: hours }))
      const museum = yield* museumWith(testTransport(handler), museumOptions)
      const error = yield* Effect.flip(museum.getMuseumHours({ query: { limit: "many" as never } }))
      expect(error._tag).toBe("InvalidInput")
      expect(sent).toEqual([])
    }))

  it.effect("a 503 is retried by the policy with its Retry-After, on the test clock, then succeeds", () =>
    Effect.gen(function* () {
      let calls = 0
      const museum = yield* museumWith(testTransport(() => (++calls === 1 ? { status: 503, headers: { "retry-after": "3" } } : { status: 200, json: hours })), museumOptions)
      const fiber = yield* Effect.forkChild(museum.getMuseumHours())
      yield* TestClock.adjust(Duration.seconds(2))
      expect(calls).toBe(1)
      yield* TestClock.adjust(Duration.seconds(2))
      expect(yield* Fiber.join(fiber)).toEqual(hours)
      expect(calls).toBe(2)
    }))

  it.effect("a handler that outlasts the timeout is TransportError Timeout; one that fails is its TransportError", () =>
    Effect.gen(function* () {
      const slow = yield* museumWith(testTransport(() => Effect.as(Effect.sleep(Duration.seconds(10)), { status: 200, json: hours })), { ...museumOptions, timeout: "1 second" })
      const fiber = yield* Effect.forkChild(Effect.flip(slow.getMuseumHours({}, { retry: false })))
      yield* TestClock.adjust(Duration.seconds(2))
      expect(yield* Fiber.join(fiber)).toMatchObject({ _tag: "TransportError", reason: "Timeout" })
      const refused = new TransportError({ operation: "getMuseumHours", reason: "Refused", message: "refused" })
      const failing = yield* museumWith(testTransport(() => Effect.fail(refused)), museumOptions)
      expect(yield* Effect.flip(failing.getMuseumHours({}, { retry: false }))).toBe(refused)
    }))

  it.effect("a body past maxResponseBytes is TransportError TooLarge, whatever the handler sends", () =>
    Effect.gen(function* () {
      const museum = yield* museumWith(testTransport(() => ({ status: 200, body: "x".repeat(2048) })), { ...museumOptions, maxResponseBytes: 1024 })
      expect(yield* Effect.flip(museum.getMuseumHours({}, { retry: false }))).toMatchObject({ _tag: "TransportError", reason: "TooLarge" })
    }))
})

describe("testTransport: pagination", () => {
  /** Pages by the URL's path and query, as a server would serve them. */
  const served = (pages: Readonly<Record<string, TestResponse>>): TestHandler => (request) => {
    const url = new URL(request.url)
    return pages[url.pathname + url.search] ?? { status: 404, body: `no page ${url.pathname}${url.search}` }
  }
  const item = (id: number) => ({ id })
  const cases: ReadonlyArray<{ readonly name: string; readonly pages: Readonly<Record<string, TestResponse>>; readonly stream: (u: Effect.Success<ReturnType<typeof uploadsWith>>) => Stream.Stream<unknown, unknown>; readonly expected: unknown }> = [
    {
      name: "cursor: until more is false",
      pages: {
        "/items/cursor?size=2": { status: 200, json: { items: [item(1), item(2)], meta: { next: "c1", more: true } } },
        "/items/cursor?after=c1&size=2": { status: 200, json: { items: [item(3)], meta: { next: null, more: false } } }
      },
      stream: (u) => u.itemsByCursorStream({ query: { size: 2 } }),
      expected: { items: [1, 2, 3] }
    },
    {
      name: "cursor: a repeated cursor is PaginationError",
      pages: {
        "/items/cursor": { status: 200, json: { items: [item(1)], meta: { next: "c1", more: true } } },
        "/items/cursor?after=c1": { status: 200, json: { items: [item(2)], meta: { next: "c1", more: true } } }
      },
      stream: (u) => u.itemsByCursorStream(),
      expected: { tag: "PaginationError" }
    },
    {
      name: "offset: a short page is the last",
      pages: {
        "/items/offset?limit=2": { status: 200, json: { items: [item(1), item(2)] } },
        "/items/offset?offset=2&limit=2": { status: 200, json: { items: [item(3)] } }
      },
      stream: (u) => u.itemsByOffsetStream({ query: { limit: 2 } }),
      expected: { items: [1, 2, 3] }
    },
    {
      name: "next-link: relative links on the origin are followed",
      pages: {
        "/items/next": { status: 200, json: { items: [item(1)], next: "/items/next?page=2" } },
        "/items/next?page=2": { status: 200, json: { items: [item(2)], next: null } }
      },
      stream: (u) => u.itemsByNextLinkStream(),
      expected: { items: [1, 2] }
    },
    {
      name: "next-link: a link to another origin is PaginationError, and nothing is sent there",
      pages: { "/items/next": { status: 200, json: { items: [item(1)], next: "http://elsewhere.test/items/next?page=2" } } },
      stream: (u) => u.itemsByNextLinkStream(),
      expected: { tag: "PaginationError" }
    },
    {
      name: "link-header: rel=next is followed",
      pages: {
        "/items/link": { status: 200, headers: { Link: '<http://uploads.test/items/link?page=2>; rel="next"' }, json: { items: [item(1)] } },
        "/items/link?page=2": { status: 200, json: { items: [item(2)] } }
      },
      stream: (u) => u.itemsByLinkHeaderStream(),
      expected: { items: [1, 2] }
    },
    {
      name: "a page off its schema stops the stream with DecodeError",
      pages: { "/items/offset": { status: 200, json: { items: [{ id: "one" }] } } },
      stream: (u) => u.itemsByOffsetStream(),
      expected: { tag: "DecodeError" }
    }
  ]
  for (const c of cases) {
    it.effect(c.name, () =>
      Effect.gen(function* () {
        const { requests: sent, handler } = recording(served(c.pages))
        const uploads = yield* uploadsWith(testTransport(handler), uploadsOptions)
        const result = yield* Effect.result(Stream.runCollect(c.stream(uploads)))
        if (result._tag === "Success") expect({ items: (result.success as Array<{ id: number }>).map((i) => i.id) }).toEqual(c.expected)
        else expect((result.failure as { _tag: string })._tag).toBe((c.expected as { tag: string }).tag)
        for (const request of sent) {
          expect(new URL(request.url).origin).toBe("http://uploads.test")
          expect(request.headers["x-api-key"]).toBe("k3y")
        }
      }))
  }
})
