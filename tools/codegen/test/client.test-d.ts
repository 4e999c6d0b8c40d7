/** Type tests: the per-operation unions of generated clients are exactly what each operation declares. */
import type * as R from "@effect-openapi/runtime"
import * as Effect from "effect/Effect"
import { describe, expectTypeOf, it } from "vitest"
import type { IcebergRestCatalogApi } from "./generated/iceberg-rest-catalog/index.js"
import type { GetSpecialEventError, GetSpecialEventSuccess, NotImplemented, RedoclyMuseumApi, components } from "./generated/redocly-museum/index.js"
import type { FilesUploadJsonError, NotImplemented as UploadsNotImplemented, UploadsApi } from "./generated/uploads/index.js"

declare const museum: RedoclyMuseumApi
declare const uploads: UploadsApi
declare const iceberg: IcebergRestCatalogApi
type Problem = components["schemas"]["Error"]

describe("generated per-operation types", () => {
  it("a method's error union is its declared statuses plus the common errors (and layerTest's NotImplemented)", () => {
    expectTypeOf<GetSpecialEventError>().toEqualTypeOf<R.BadRequest<Problem> | R.NotFound<Problem> | R.CommonError | NotImplemented>()
    expectTypeOf<FilesUploadJsonError>().toEqualTypeOf<R.Conflict<{ reason: string }> | R.Gone<void> | R.CommonError | UploadsNotImplemented>()
    expectTypeOf(museum.getSpecialEvent({ path: { eventId: "x" } })).toEqualTypeOf<Effect.Effect<GetSpecialEventSuccess, GetSpecialEventError>>()
  })

  it("catchTag narrows to the declared class, with its typed body; an undeclared tag is a type error", () => {
    const handled = museum.getSpecialEvent({ path: { eventId: "x" } }).pipe(Effect.catchTag("NotFound", (e) => Effect.succeed(e.body.title)))
    expectTypeOf(handled).toEqualTypeOf<Effect.Effect<GetSpecialEventSuccess | string | undefined, R.BadRequest<Problem> | R.CommonError | NotImplemented>>()
    // @ts-expect-error getSpecialEvent declares no 409
    museum.getSpecialEvent({ path: { eventId: "x" } }).pipe(Effect.catchTag("Conflict", () => Effect.void))
    // @ts-expect-error getSpecialEvent declares no 429
    museum.getSpecialEvent({ path: { eventId: "x" } }).pipe(Effect.catchTag("RateLimited", () => Effect.void))
  })

  it("inputs are required where the spec requires them, and typed from the spec", () => {
    // @ts-expect-error the path parameter is required
    museum.getSpecialEvent({})
    // @ts-expect-error eventId is a string
    museum.getSpecialEvent({ path: { eventId: 1 } })
    // @ts-expect-error the body is required
    uploads.filesUploadJson()
    // @ts-expect-error contentType is one of the declared media types
    uploads.filesUploadJson({ body: { title: "x" }, contentType: "text/csv" })
    museum.getMuseumHours()
    iceberg.namespaceExists({ path: { prefix: "p", namespace: "n" } })
    expectTypeOf(museum.getTicketCode({ path: { ticketId: "x" } })).toEqualTypeOf<Effect.Effect<Uint8Array, ReturnType<RedoclyMuseumApi["getTicketCode"]> extends Effect.Effect<unknown, infer E> ? E : never>>()
    expectTypeOf(museum.deleteSpecialEvent({ path: { eventId: "x" } })).toMatchTypeOf<Effect.Effect<void, unknown>>()
  })

  it("streams yield the items of a page", () => {
    expectTypeOf(uploads.itemsByCursorStream()).toMatchTypeOf<import("effect/Stream").Stream<{ id: number }, R.PaginationError | R.CommonError | UploadsNotImplemented>>()
  })
})
