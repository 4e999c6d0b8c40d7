/** The README's generated-client example, as written there (only the import path differs): it must compile. */
import * as Effect from "effect/Effect"
import { expectTypeOf, it } from "vitest"
import { RedoclyMuseum } from "./generated/redocly-museum/index.js"

it("the README example compiles, and catchTag leaves only the other declared errors", () => {
  const program = Effect.gen(function* () {
    const museum = yield* RedoclyMuseum
    // Only the statuses getSpecialEvent declares can be caught: catchTag("Conflict") does not compile.
    return yield* museum.getSpecialEvent({ path: { eventId: "3be6453c-03eb-4357-ae5a-984a0e574a54" } }).pipe(
      Effect.map((event) => event.name),
      Effect.catchTag("NotFound", (e) => Effect.succeed(`no such event: ${e.body.title}`)) // e.body: its problem+json schema
    )
  })
  const layer = RedoclyMuseum.layer({ baseUrl: "https://api.fake-museum-example.com/v1", auth: { MuseumPlaceholderAuth: { username: "ada", password: process.env.MUSEUM_PASSWORD! } } })
  const runnable = program.pipe(Effect.provide(layer))
  expectTypeOf<Effect.Success<typeof runnable>>().toEqualTypeOf<string>()
  expectTypeOf<Effect.Error<typeof runnable>["_tag"]>().toEqualTypeOf<"BadRequest" | "UnexpectedStatus" | "DecodeError" | "InvalidInput" | "TransportError" | "NotImplemented">()
})
