import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Fiber, Redacted, Result } from "effect"
import { Auth, DeletedUsers, ZendeskConfig, noRetry } from "../src/index.js"
import { clientLayer, useSimulator, waitUntil } from "./support.js"

const holder = useSimulator()
const withClient = <A, E>(effect: Effect.Effect<A, E, DeletedUsers>) => Effect.provide(effect, clientLayer(holder.sim.url, { retry: noRetry }))

describe("operations against the simulator", () => {
  it.effect("show returns the soft-deleted user, with its int64 id", () =>
    withClient(
      Effect.gen(function* () {
        const id = holder.sim.state.idsWhere("soft-deleted")[1]!
        const user = yield* Effect.flatMap(DeletedUsers, (api) => api.show(id))
        expect(user.id).toBe(id)
        expect(user.id).toBeGreaterThan(2 ** 32)
        expect(user.active).toBe(false)
      })
    ))

  it.effect("the generated client under the service is the same client: Zendesk's envelope and request id in its errors, one error class per status", () =>
    withClient(
      Effect.gen(function* () {
        const purged = holder.sim.state.idsWhere("purged")[0]!
        const api = yield* DeletedUsers
        const viaClient = yield* Effect.flip(api.client.showDeletedUser({ path: { deleted_user_id: purged } }))
        const viaService = yield* Effect.flip(api.show(purged))
        expect(viaClient).toMatchObject({ _tag: "NotFound", status: 404, code: "RecordNotFound", description: "Not found" })
        expect(viaClient._tag === "NotFound" && viaClient.requestId).toMatch(/^[0-9a-f]{16}$/)
        expect(viaService.constructor).toBe(viaClient.constructor)
        expect(viaService).toMatchObject({ _tag: "NotFound", code: "RecordNotFound" })
      })
    ))

  it.effect("count matches the deleted users in the account", () =>
    withClient(
      Effect.gen(function* () {
        const count = yield* Effect.flatMap(DeletedUsers, (api) => api.count())
        expect(count.value).toBe(holder.sim.state.deletedIds().length)
        expect(count.refreshed_at).toMatch(/^\d{4}-\d{2}-\d{2}T/)
      })
    ))

  it.effect("listPage: a cursor page, then the next from its after cursor (with + / =) percent-encoded", () =>
    withClient(
      Effect.gen(function* () {
        const api = yield* DeletedUsers
        const first = yield* api.listPage({ pageSize: 3 })
        expect(first.afterCursor).toMatch(/[+/=]/)
        const second = yield* api.listPage({ pageSize: 3, after: first.afterCursor! })
        const ids = holder.sim.state.deletedIds()
        expect([...first.users, ...second.users].map((u) => u.id)).toEqual(ids.slice(0, 6))
        const back = yield* api.listPage({ pageSize: 3, before: second.beforeCursor! })
        expect(back.users.map((u) => u.id)).toEqual(ids.slice(0, 3))
      })
    ))

  it.effect("listPage: an offset page with next_page and count", () =>
    withClient(
      Effect.gen(function* () {
        const page = yield* Effect.flatMap(DeletedUsers, (api) => api.listPage({ pagination: "offset", page: 2, perPage: 10 }))
        expect(page._tag).toBe("OffsetPage")
        expect(page.users.map((u) => u.id)).toEqual(holder.sim.state.deletedIds().slice(10, 20))
        expect(page._tag === "OffsetPage" && page.count).toBe(holder.sim.state.deletedIds().length)
      })
    ))

  it.effect("permanentlyDelete returns the user (200, not 204) and the user is gone after", () =>
    withClient(
      Effect.gen(function* () {
        const api = yield* DeletedUsers
        const id = holder.sim.state.idsWhere("soft-deleted")[2]!
        const user = yield* api.permanentlyDelete(id)
        expect(user).toMatchObject({ id })
        expect(holder.sim.state.purges.get(id)).toBe(1)
        const again = yield* api.show(id).pipe(Effect.result)
        expect(Result.getFailure(again)).toMatchObject({ value: { _tag: "NotFound" } })
      })
    ))

  it.effect("an interrupted call aborts its request on the server side", () =>
    withClient(
      Effect.gen(function* () {
        holder.sim.state.faults.add({ _tag: "Latency", ms: 10_000 })
        const before = holder.sim.state.requests.length
        const fiber = yield* Effect.forkChild(Effect.flatMap(DeletedUsers, (api) => api.count()))
        yield* waitUntil(() => holder.sim.state.requests.length === before + 1)
        yield* Fiber.interrupt(fiber)
        yield* waitUntil(() => holder.sim.state.requests[before]!.aborted)
        expect(holder.sim.state.requests[before]).toMatchObject({ aborted: true, status: 0 })
      })
    ))
})

describe("bad input never reaches the network", () => {
  const cases: ReadonlyArray<readonly [string, (api: DeletedUsers["Service"]) => Effect.Effect<unknown, unknown>, string]> = [
    ["show(0)", (api) => api.show(0), "/path/deleted_user_id"],
    ["show(-5)", (api) => api.show(-5), "/path/deleted_user_id"],
    ["show(1.5)", (api) => api.show(1.5), "/path/deleted_user_id"],
    ["show(NaN)", (api) => api.show(Number.NaN), "/path/deleted_user_id"],
    ["show(2 ** 53)", (api) => api.show(2 ** 53), "/path/deleted_user_id"],
    ["show('abc')", (api) => api.show("abc" as never), "/path/deleted_user_id"],
    ["permanentlyDelete('1 OR 1=1')", (api) => api.permanentlyDelete("1 OR 1=1" as never), "/path/deleted_user_id"],
    ["listPage pageSize 0", (api) => api.listPage({ pageSize: 0 }), "/query/page[size]"],
    ["listPage pageSize 101", (api) => api.listPage({ pageSize: 101 }), "/query/page[size]"],
    ["listPage after and before", (api) => api.listPage({ after: "a", before: "b" }), "/query/page[before]"],
    ["listPage offset perPage 500", (api) => api.listPage({ pagination: "offset", perPage: 500 }), "/query/per_page"],
    ["listPage offset page 0", (api) => api.listPage({ pagination: "offset", page: 0 }), "/query/page"]
  ]
  it.effect.each(cases)("%s fails with InvalidInput (the JSON pointer of the bad input) and sends nothing", ([, call, pointer]) =>
    withClient(
      Effect.gen(function* () {
        const before = holder.sim.state.requests.length
        const result = yield* Effect.flatMap(DeletedUsers, call).pipe(Effect.result)
        expect(Result.getFailure(result)).toMatchObject({ value: { _tag: "InvalidInput", pointer } })
        expect(holder.sim.state.requests.length).toBe(before)
      })
    ))
})

describe("secrets", () => {
  const secret = "s3cr3t-t0ken-value-0123456789"
  it.effect("no error carries the credentials in its message, toString or JSON", () =>
    Effect.gen(function* () {
      const errors: Array<unknown> = []
      for (const auth of [Auth.apiToken("admin@example.com", secret), Auth.password("admin@example.com", secret), Auth.oauth(secret)]) {
        const layer = clientLayer(holder.sim.url, { retry: noRetry }, auth)
        errors.push(Result.getFailure(yield* Effect.flatMap(DeletedUsers, (api) => api.count()).pipe(Effect.result, Effect.provide(layer))))
        errors.push(Result.getFailure(yield* Effect.flatMap(DeletedUsers, (api) => api.show(-1)).pipe(Effect.result, Effect.provide(layer))))
        const refused = clientLayer("http://127.0.0.1:9", { retry: noRetry }, auth)
        errors.push(Result.getFailure(yield* Effect.flatMap(DeletedUsers, (api) => api.count()).pipe(Effect.result, Effect.provide(refused))))
      }
      const base64 = Buffer.from(`admin@example.com/token:${secret}`).toString("base64")
      for (const option of errors) {
        const error = (option as { value: Error }).value
        expect(error).toBeDefined()
        for (const text of [error.message, String(error), JSON.stringify(error), JSON.stringify(option)]) {
          expect(text).not.toContain(secret)
          expect(text).not.toContain(base64)
          expect(text).not.toMatch(/Basic |Bearer /)
        }
      }
    }))

  it.effect("the config prints its secrets as <redacted>", () =>
    Effect.gen(function* () {
      const config = yield* ZendeskConfig.pipe(
        Effect.provide(ZendeskConfig.fromEnv),
        Effect.provideService(ConfigProvider.ConfigProvider, ConfigProvider.fromEnv({ env: { ZENDESK_SUBDOMAIN: "acme", ZENDESK_EMAIL: "a@b.c", ZENDESK_API_TOKEN: secret } }))
      )
      expect(String(config.auth._tag === "ApiToken" && config.auth.token)).toBe("<redacted>")
      expect(JSON.stringify(config)).not.toContain(secret)
      expect(config.auth._tag === "ApiToken" && Redacted.value(config.auth.token)).toBe(secret)
    }))

})
