/**
 * `layerTest` of the Effect 3 clients (`effect-openapi generate --effect 3`): the cases of
 * `tools/codegen/test/layer-test.test.ts` with a `Context.Tag` service, run by plain vitest with
 * `Effect.runPromise`. From this folder `effect` is version 3.
 */
import * as R from "@effect-openapi/runtime-effect3"
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { describe, expect, it } from "vitest"
import { NotImplemented, RedoclyMuseum, type GetSpecialEventSuccess, type RedoclyMuseumHandlers } from "./generated/redocly-museum/index.js"
import { Uploads } from "./generated/uploads/index.js"

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

/** The service under test: code that uses the generated client. */
class EventDesk extends Context.Tag("test/EventDesk")<EventDesk, {
  /** The event's name, or `undefined` when the museum has no such event. */
  readonly nameOf: (eventId: string) => Effect.Effect<string | undefined, R.OperationError>
  /** Buys a ticket to the event on its first date: the confirmation code. */
  readonly buy: (eventId: string, email: string) => Effect.Effect<string, R.OperationError>
}>() {
  static readonly layer = Layer.effect(EventDesk, Effect.gen(function* () {
    const museum = yield* RedoclyMuseum
    return EventDesk.of({
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
        })
    })
  }))
}

const run = <A, E>(effect: Effect.Effect<A, E, EventDesk>, handlers: RedoclyMuseumHandlers) =>
  Effect.runPromise(effect.pipe(Effect.provide(EventDesk.layer.pipe(Layer.provide(RedoclyMuseum.layerTest(handlers))))))

const museumOf = (handlers: RedoclyMuseumHandlers) => Effect.runPromise(RedoclyMuseum.pipe(Effect.provide(RedoclyMuseum.layerTest(handlers))))

describe("layerTest (Effect 3): a service that uses a generated client, tested with handlers", () => {
  it("each call runs its handler with the caller's input; a declared error reaches the service as the client's class", async () => {
    const bought: Array<unknown> = []
    const handlers: RedoclyMuseumHandlers = {
      getSpecialEvent: ({ path }) => (path.eventId === "e1" ? Effect.succeed(event) : Effect.fail(notFound("getSpecialEvent"))),
      buyMuseumTickets: (input) => {
        bought.push(input.body)
        return Effect.succeed({ ticketType: "event", ticketDate: input.body.ticketDate, message: "Enjoy", confirmationCode: "CONF-1" })
      }
    }
    expect(await run(Effect.flatMap(EventDesk, (d) => d.buy("e1", "ada@example.com")), handlers)).toBe("CONF-1")
    expect(bought).toEqual([{ ticketType: "event", eventId: "e1", ticketDate: "2026-07-01", email: "ada@example.com" }])
    expect(await run(Effect.flatMap(EventDesk, (d) => d.nameOf("nope")), handlers)).toBeUndefined()
    const error = await run(Effect.flip(Effect.flatMap(EventDesk, (d) => d.buy("nope", "ada@example.com"))), handlers)
    expect(error).toBeInstanceOf(R.NotFound)
    expect(error).toMatchObject({ _tag: "NotFound", status: 404, body: { title: "No such event" } })
  })

  it("a method without a handler fails with NotImplemented naming it, caught by its tag", async () => {
    const error = await run(Effect.flip(Effect.flatMap(EventDesk, (d) => d.buy("e1", "ada@example.com"))), { getSpecialEvent: () => Effect.succeed(event) })
    expect(error).toBeInstanceOf(NotImplemented)
    expect(error).toMatchObject({ _tag: "NotImplemented", operation: "buyMuseumTickets", status: 501 })
    expect(error.message).toBe("buyMuseumTickets: NotImplemented (501): layerTest was given no handler for it")
    const museum = await museumOf({})
    expect(await Effect.runPromise(museum.getTicketCode({ path: { ticketId: "t" } }).pipe(Effect.catchTag("NotImplemented", (e) => Effect.succeed(e.operation))))).toBe("getTicketCode")
  })

  it("a left-out input reaches the handler as {}, when the call runs; withResponse has the first declared 2xx", async () => {
    const inputs: Array<unknown> = []
    const museum = await museumOf({
      getMuseumHours: (input) => {
        inputs.push(input)
        return Effect.succeed([{ date: "2026-07-01", timeOpen: "09:00", timeClose: "18:00" }])
      },
      deleteSpecialEvent: () => Effect.void
    })
    const call = museum.getMuseumHours()
    expect(inputs).toEqual([])
    expect(await Effect.runPromise(call)).toHaveLength(1)
    expect(inputs).toEqual([{}])
    expect(await Effect.runPromise(museum.withResponse.deleteSpecialEvent({ path: { eventId: "e1" } }))).toEqual({ body: undefined, status: 204, headers: {}, requestId: undefined })
  })

  it("a stream pages through its handler with the runtime's paginate; without one it fails with NotImplemented", async () => {
    const uploads = await Effect.runPromise(Uploads.pipe(Effect.provide(Uploads.layerTest({
      itemsByCursor: ({ query }) => {
        const page = Number(query?.after ?? 0)
        return Effect.succeed({ items: [{ id: page }], meta: { next: String(page + 1), more: page < 2 } })
      }
    }))))
    expect(Chunk.toReadonlyArray(await Effect.runPromise(Stream.runCollect(uploads.itemsByCursorStream()))).map((i) => i.id)).toEqual([0, 1, 2])
    const error = await Effect.runPromise(Effect.flip(Stream.runCollect(uploads.itemsByOffsetStream())))
    expect(error).toMatchObject({ _tag: "NotImplemented", operation: "itemsByOffset" })
  })

  it("handlers are typed by their operation (checked by tsc)", () => {
    // @ts-expect-error getSpecialEvent succeeds with a SpecialEvent, not a number
    RedoclyMuseum.layerTest({ getSpecialEvent: () => Effect.succeed(42) })
    // @ts-expect-error getSpecialEvent declares no 409
    RedoclyMuseum.layerTest({ getSpecialEvent: () => Effect.fail(new R.Conflict({ operation: "x", status: 409, body: {}, headers: {}, requestId: undefined, retryAfter: undefined })) })
    expect(Layer.isLayer(RedoclyMuseum.layerTest({}))).toBe(true)
  })
})
