/**
 * `layerTest`, the test double every generated client has: a small service that uses the Redocly Museum
 * client, tested without a server by giving the client handlers typed from the spec; a method without a
 * handler fails with the typed `NotImplemented` naming it; `withResponse` and the `…Stream` members are
 * built from the same handlers (streams page through them with the runtime's `paginate`). Effect 4; the
 * Effect 3 clients run the same cases in `packages/openapi-runtime-effect3/test/layer-test.test.ts`.
 */
import * as R from "@effect-openapi/runtime"
import { describe, expect, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { NotImplemented, RedoclyMuseum, type GetSpecialEventSuccess } from "./generated/redocly-museum/index.js"
import { Uploads } from "./generated/uploads/index.js"

/** A problem+json 404, as the museum API declares it. */
const notFound = (operation: string) =>
  new R.NotFound({ operation, status: 404, body: { type: "about:blank", title: "No such event" }, headers: {}, requestId: undefined, retryAfter: undefined })

const event: GetSpecialEventSuccess = {
  eventId: "e1",
  name: "Pirate Coding Workshop",
  location: "Computer Room",
  eventDescription: "Coding for pirates",
  dates: ["2026-07-01"],
  price: 25
}

/** The service under test: code that uses the generated client, as an application would write it. */
class EventDesk extends Context.Service<EventDesk, {
  /** The event's name, or `undefined` when the museum has no such event. */
  readonly nameOf: (eventId: string) => Effect.Effect<string | undefined, R.OperationError>
  /** Buys a ticket to the event on its first date: the confirmation code. */
  readonly buy: (eventId: string, email: string) => Effect.Effect<string, R.OperationError>
  /** Whether the museum opens on a date. */
  readonly opensOn: (date: string) => Effect.Effect<boolean, R.OperationError>
}>()("test/EventDesk") {
  static readonly layer = Layer.effect(EventDesk, Effect.gen(function* () {
    const museum = yield* RedoclyMuseum
    return {
      nameOf: (eventId) =>
        museum.getSpecialEvent({ path: { eventId } }).pipe(
          Effect.map((e): string | undefined => e.name),
          Effect.catchTag("NotFound", () => Effect.succeed(undefined))
        ),
      buy: (eventId, email) =>
        Effect.gen(function* () {
          const found = yield* museum.getSpecialEvent({ path: { eventId } })
          const ticket = yield* museum.buyMuseumTickets({ body: { ticketType: "event", eventId, ticketDate: found.dates[0]!, email } })
          return ticket.confirmationCode
        }),
      opensOn: (date) => Effect.map(museum.getMuseumHours({ query: { startDate: date } }), (hours) => hours.some((h) => h.date === date))
    }
  }))
}

/** The service over the client's test double. */
const desk = (handlers: Parameters<typeof RedoclyMuseum.layerTest>[0]) => EventDesk.layer.pipe(Layer.provide(RedoclyMuseum.layerTest(handlers)))

describe("layerTest: a service that uses a generated client, tested with handlers", () => {
  it.effect("each call runs its handler, with the caller's typed input", () =>
    Effect.gen(function* () {
      const bought: Array<unknown> = []
      const code = yield* EventDesk.use((d) => d.buy("e1", "ada@example.com")).pipe(
        Effect.provide(desk({
          getSpecialEvent: ({ path }) => (path.eventId === "e1" ? Effect.succeed(event) : Effect.fail(notFound("getSpecialEvent"))),
          buyMuseumTickets: (input) => {
            bought.push(input.body)
            return Effect.succeed({ ticketType: "event", ticketDate: input.body.ticketDate, message: "Enjoy", confirmationCode: "CONF-1" })
          }
        }))
      )
      expect(code).toBe("CONF-1")
      expect(bought).toEqual([{ ticketType: "event", eventId: "e1", ticketDate: "2026-07-01", email: "ada@example.com" }])
    }))

  it.effect("a declared error from a handler reaches the service as the client's own class", () =>
    Effect.gen(function* () {
      const layer = desk({ getSpecialEvent: ({ path }) => (path.eventId === "e1" ? Effect.succeed(event) : Effect.fail(notFound("getSpecialEvent"))) })
      expect(yield* EventDesk.use((d) => d.nameOf("e1")).pipe(Effect.provide(layer))).toBe("Pirate Coding Workshop")
      expect(yield* EventDesk.use((d) => d.nameOf("nope")).pipe(Effect.provide(layer))).toBeUndefined()
      const error = yield* EventDesk.use((d) => d.buy("nope", "ada@example.com")).pipe(Effect.flip, Effect.provide(layer))
      expect(error).toBeInstanceOf(R.NotFound)
      expect(error).toMatchObject({ _tag: "NotFound", status: 404, body: { title: "No such event" } })
    }))

  it.effect("a method without a handler fails with NotImplemented naming it (a typed failure, not a defect)", () =>
    Effect.gen(function* () {
      const layer = desk({ getSpecialEvent: () => Effect.succeed(event) })
      const error = yield* EventDesk.use((d) => d.buy("e1", "ada@example.com")).pipe(Effect.flip, Effect.provide(layer))
      expect(error).toBeInstanceOf(NotImplemented)
      expect(error).toMatchObject({ _tag: "NotImplemented", operation: "buyMuseumTickets", status: 501 })
      expect(error.message).toBe("buyMuseumTickets: NotImplemented (501): layerTest was given no handler for it")
      // Caught by its tag, like any declared error.
      const recovered = yield* RedoclyMuseum.use((museum) => museum.getTicketCode({ path: { ticketId: "t" } })).pipe(
        Effect.catchTag("NotImplemented", (e) => Effect.succeed(e.operation)),
        Effect.provide(RedoclyMuseum.layerTest({}))
      )
      expect(recovered).toBe("getTicketCode")
    }))

  it.effect("a left-out input reaches the handler as {}; the handler runs when the call runs, not when it is built", () =>
    Effect.gen(function* () {
      const inputs: Array<unknown> = []
      const museum = yield* RedoclyMuseum.pipe(Effect.provide(RedoclyMuseum.layerTest({
        getMuseumHours: (input) => {
          inputs.push(input)
          return Effect.succeed([{ date: "2026-07-01", timeOpen: "09:00", timeClose: "18:00" }])
        }
      })))
      const call = museum.getMuseumHours()
      expect(inputs).toEqual([])
      expect(yield* call).toHaveLength(1)
      yield* call
      expect(inputs).toEqual([{}, {}])
      expect(yield* EventDesk.use((d) => d.opensOn("2026-07-01")).pipe(Effect.provide(EventDesk.layer), Effect.provide(Layer.succeed(RedoclyMuseum, museum)))).toBe(true)
    }))

  it.effect("withResponse answers with the handler's body and the first 2xx status the operation declares", () =>
    Effect.gen(function* () {
      const museum = yield* RedoclyMuseum.pipe(Effect.provide(RedoclyMuseum.layerTest({
        createSpecialEvent: ({ body }) => Effect.succeed({ ...body, eventId: "e2" }),
        deleteSpecialEvent: () => Effect.void
      })))
      const { eventId: _, ...draft } = event
      const created = yield* museum.withResponse.createSpecialEvent({ body: draft })
      expect(created).toMatchObject({ status: 201, headers: {}, requestId: undefined, body: { eventId: "e2", name: event.name } })
      expect(yield* museum.withResponse.deleteSpecialEvent({ path: { eventId: "e2" } })).toEqual({ body: undefined, status: 204, headers: {}, requestId: undefined })
      expect(yield* Effect.flip(museum.withResponse.getSpecialEvent({ path: { eventId: "e2" } }))).toMatchObject({ _tag: "NotImplemented", operation: "getSpecialEvent" })
    }))
})

describe("layerTest streams: pages from the handler, through the runtime's paginate", () => {
  const items = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ id: from + i }))

  it.effect("cursor: the handler sees each next cursor in its query, as the server would", () =>
    Effect.gen(function* () {
      const cursors: Array<string | undefined> = []
      const uploads = yield* Uploads.pipe(Effect.provide(Uploads.layerTest({
        itemsByCursor: ({ query }) => {
          cursors.push(query?.after)
          const page = Number(query?.after ?? 0)
          return Effect.succeed({ items: items(page * 2, page * 2 + 2), meta: { next: String(page + 1), more: page < 2 } })
        }
      })))
      const all = yield* Stream.runCollect(uploads.itemsByCursorStream({ query: { size: 2 } }))
      expect(all.map((i) => i.id)).toEqual([0, 1, 2, 3, 4, 5])
      expect(cursors).toEqual([undefined, "1", "2"])
    }))

  it.effect("offset: pages until a short page; a repeated cursor is the runtime's PaginationError", () =>
    Effect.gen(function* () {
      const uploads = yield* Uploads.pipe(Effect.provide(Uploads.layerTest({
        itemsByOffset: ({ query }) => Effect.succeed({ items: items(query?.offset ?? 0, Math.min((query?.offset ?? 0) + (query?.limit ?? 2), 5)) }),
        itemsByCursor: () => Effect.succeed({ items: items(0, 1), meta: { next: "same", more: true } })
      })))
      expect((yield* Stream.runCollect(uploads.itemsByOffsetStream({ query: { limit: 2 } }))).map((i) => i.id)).toEqual([0, 1, 2, 3, 4])
      const error = yield* Effect.flip(Stream.runCollect(uploads.itemsByCursorStream()))
      expect(error).toMatchObject({ _tag: "PaginationError", operation: "items/by-cursor" })
    }))

  it.effect("next-link: the next link's query parameters become the handler's query", () =>
    Effect.gen(function* () {
      const pages: Array<unknown> = []
      const uploads = yield* Uploads.pipe(Effect.provide(Uploads.layerTest({
        itemsByNextLink: ({ query }) => {
          pages.push(query?.page)
          const page = Number(query?.page ?? 1)
          return Effect.succeed({ items: items(page * 10, page * 10 + 1), next: page < 3 ? `/items/next?page=${page + 1}` : null })
        }
      })))
      expect((yield* Stream.runCollect(uploads.itemsByNextLinkStream())).map((i) => i.id)).toEqual([10, 20, 30])
      expect(pages).toEqual([undefined, "2", "3"])
    }))

  it.effect("a stream without a handler for its operation fails with NotImplemented naming the method", () =>
    Effect.gen(function* () {
      const uploads = yield* Uploads.pipe(Effect.provide(Uploads.layerTest({})))
      const error = yield* Effect.flip(Stream.runCollect(uploads.itemsByLinkHeaderStream()))
      expect(error).toMatchObject({ _tag: "NotImplemented", operation: "itemsByLinkHeader", status: 501 })
    }))
})
