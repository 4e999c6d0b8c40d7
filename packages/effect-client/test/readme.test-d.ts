// The README's client example, type-checked so the README stays true.
import { Auth, DeletedUsers, PurgeConfirmed, ZendeskConfig, type ZendeskError } from "@deleted-users/effect-client"
import { Effect, Layer } from "effect"
import { describe, expectTypeOf, it } from "vitest"

const program = Effect.gen(function* () {
  const users = yield* DeletedUsers
  const user = yield* users.show(189304711533)
  console.log(user.name, user.email)
  const purged = yield* users.permanentlyDelete(user.id)
  console.log(purged instanceof PurgeConfirmed ? `purged earlier (confirmed by ${purged.requestId})` : `purged ${purged.id}`)
})

const config = ZendeskConfig.layer({ subdomain: "acme" }, Auth.apiToken("ops@acme.com", process.env.ZENDESK_API_TOKEN!))
const runnable = program.pipe(Effect.provide(DeletedUsers.layer.pipe(Layer.provide(config))))

describe("the README example", () => {
  it("needs nothing more than its layers, and fails only with typed errors", () => {
    expectTypeOf(runnable).toEqualTypeOf<Effect.Effect<void, ZendeskError | import("effect").Config.ConfigError, never>>()
  })

  it("listPage is typed by its pagination", () => {
    const api = {} as DeletedUsers["Service"]
    expectTypeOf(api.listPage({ pageSize: 10 })).toEqualTypeOf<Effect.Effect<import("@deleted-users/effect-client").CursorPage, ZendeskError>>()
    expectTypeOf(api.listPage({ pagination: "offset" })).toEqualTypeOf<Effect.Effect<import("@deleted-users/effect-client").OffsetPage, ZendeskError>>()
    // @ts-expect-error an id is a number, not a string
    void api.show("189304711533")
  })

  it("DeletedUsers[\"Type\"] still names the service's shape, as DeletedUsers[\"Service\"] does", () => {
    expectTypeOf<DeletedUsers["Type"]>().toEqualTypeOf<DeletedUsers["Service"]>()
  })
})
