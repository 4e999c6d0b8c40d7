/**
 * Type tests of `layerTest`: a handler is typed by its operation's input, success and error union, so a
 * handler answering with the wrong success type, failing with an error the operation does not declare,
 * taking the wrong input or needing a service does not compile; the methods' union carries `NotImplemented`.
 */
import type * as R from "@effect-openapi/runtime"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import type * as Stream from "effect/Stream"
import { describe, expectTypeOf, it } from "vitest"
import {
  NotImplemented,
  RedoclyMuseum,
  type GetSpecialEventError,
  type GetSpecialEventInput,
  type GetSpecialEventSuccess,
  type RedoclyMuseumHandlers,
  type components
} from "./generated/redocly-museum/index.js"
import { Uploads, type ItemsByCursorItem } from "./generated/uploads/index.js"

type Problem = components["schemas"]["Error"]
declare const conflict: R.Conflict<Problem>
declare const notFound: R.NotFound<Problem>
declare const event: GetSpecialEventSuccess
class Clock extends Context.Service<Clock, { readonly now: Effect.Effect<number> }>()("test/Clock") {}

describe("layerTest handlers are typed by their operation", () => {
  it("a handler takes the operation's input and answers with its success or its declared errors", () => {
    expectTypeOf<Parameters<NonNullable<RedoclyMuseumHandlers["getSpecialEvent"]>>[0]>().toEqualTypeOf<GetSpecialEventInput>()
    expectTypeOf<ReturnType<NonNullable<RedoclyMuseumHandlers["getSpecialEvent"]>>>().toEqualTypeOf<Effect.Effect<GetSpecialEventSuccess, GetSpecialEventError>>()
    expectTypeOf(RedoclyMuseum.layerTest({})).toEqualTypeOf<Layer.Layer<RedoclyMuseum>>()
    RedoclyMuseum.layerTest({
      getSpecialEvent: ({ path }) => (path.eventId === "e1" ? Effect.succeed(event) : Effect.fail(notFound)),
      deleteSpecialEvent: () => Effect.void,
      getTicketCode: () => Effect.succeed(new Uint8Array([0x89, 0x50]))
    })
  })

  it("a handler answering with the wrong success type does not compile", () => {
    // @ts-expect-error getSpecialEvent succeeds with a SpecialEvent, not a number
    RedoclyMuseum.layerTest({ getSpecialEvent: () => Effect.succeed(42) })
    // @ts-expect-error getTicketCode succeeds with the PNG's bytes, not a string
    RedoclyMuseum.layerTest({ getTicketCode: () => Effect.succeed("png") })
    // @ts-expect-error a SpecialEvent needs its name, location, description, dates and price
    RedoclyMuseum.layerTest({ getSpecialEvent: () => Effect.succeed({ name: "Pirate Coding Workshop" }) })
  })

  it("a handler failing with an error its operation does not declare does not compile", () => {
    // @ts-expect-error getSpecialEvent declares no 409
    RedoclyMuseum.layerTest({ getSpecialEvent: () => Effect.fail(conflict) })
    // @ts-expect-error only the client's errors: not an arbitrary one
    RedoclyMuseum.layerTest({ getSpecialEvent: () => Effect.fail(new Error("boom")) })
  })

  it("a handler taking another input, needing a service, or for no operation does not compile", () => {
    // @ts-expect-error eventId is a string
    RedoclyMuseum.layerTest({ getSpecialEvent: (_: { readonly path: { readonly eventId: number } }) => Effect.succeed(event) })
    // @ts-expect-error a handler's effect needs nothing from the context
    RedoclyMuseum.layerTest({ getSpecialEvent: () => Effect.flatMap(Clock, () => Effect.succeed(event)) })
    // @ts-expect-error the spec has no operation listEvents
    RedoclyMuseum.layerTest({ listEvents: () => Effect.succeed([]) })
  })
})

describe("the double's methods", () => {
  it("NotImplemented is in each method's union (for layerTest), and can be caught by its tag", () => {
    expectTypeOf<NotImplemented>().toExtend<GetSpecialEventError>()
    expectTypeOf<NotImplemented>().toExtend<R.OperationError>()
    const recovered = RedoclyMuseum.use((museum) => museum.getSpecialEvent({ path: { eventId: "e1" } })).pipe(
      Effect.catchTag("NotImplemented", (e) => Effect.succeed(e.operation))
    )
    expectTypeOf(recovered).toEqualTypeOf<Effect.Effect<GetSpecialEventSuccess | string, Exclude<GetSpecialEventError, NotImplemented>, RedoclyMuseum>>()
  })

  it("streams keep their item and error types", () => {
    const items = Uploads.use((uploads) => Effect.succeed(uploads.itemsByCursorStream()))
    expectTypeOf(items).toExtend<Effect.Effect<Stream.Stream<ItemsByCursorItem, R.PaginationError | R.CommonError | import("./generated/uploads/index.js").NotImplemented>, never, Uploads>>()
  })
})
