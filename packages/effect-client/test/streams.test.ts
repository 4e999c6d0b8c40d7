import { start, type RunningSimulator } from "@deleted-users/simulator"
import { describe, expect, it } from "@effect/vitest"
import { Clock, Duration, Effect, Fiber, Layer, Result, Stream } from "effect"
import { FetchHttpClient } from "effect/http"
import { TestClock } from "effect/testing"
import { Auth, DeletedUsers, ZendeskConfig, memoryCheckpoint, type Limiter, type PurgeOutcome } from "../src/index.js"
import { clientLayer, realSleep } from "./support.js"

const withSimulator = <A, E, R>(options: Parameters<typeof start>[0], f: (sim: RunningSimulator) => Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(
    Effect.promise(() => start({ requestsPerWindow: 1_000_000, ...options })),
    f,
    (sim) => Effect.promise(() => sim.close())
  )

const listRequests = (sim: RunningSimulator) => sim.state.requests.filter((r) => r.method === "GET" && r.path === "/api/v2/deleted_users")

describe("list", () => {
  it.live("1,050 users over 11 pages: each once, in order, though the last page carries links.next", () =>
    withSimulator({ users: 1050, seed: 3, softDeletedShare: 0.85, purgedShare: 0.15 }, (sim) =>
      Effect.gen(function* () {
        const api = yield* DeletedUsers
        const users = yield* Stream.runCollect(api.list())
        expect(users.map((u) => u.id)).toEqual(sim.state.deletedIds())
        expect(users).toHaveLength(1050)
        expect(listRequests(sim)).toHaveLength(11)
        const pages = yield* Stream.runCollect(api.listPages())
        expect(pages.at(-1)).toMatchObject({ hasMore: false, links: { next: expect.stringContaining("page%5Bafter%5D=") } })
        expect(pages.at(-1)!.users).toHaveLength(50)
      }).pipe(Effect.provide(clientLayer(sim.url)))
    ))

  it.live("cursors with + / = round-trip, and a listing resumes from an after cursor", () =>
    withSimulator({ users: 300, seed: 5 }, (sim) =>
      Effect.gen(function* () {
        const api = yield* DeletedUsers
        const pages = yield* Stream.runCollect(api.listPages({ pageSize: 40 }))
        for (const page of pages) {
          expect(page.afterCursor).toMatch(/\+/)
          expect(page.afterCursor).toMatch(/\//)
          expect(page.afterCursor).toMatch(/=$/)
        }
        const resumed = yield* Stream.runCollect(api.list({ pageSize: 40, after: pages[1]!.afterCursor! }))
        expect(resumed.map((u) => u.id)).toEqual(sim.state.deletedIds().slice(80))
        for (const q of listRequests(sim).map((r) => r.query).filter((q) => q.includes("after"))) {
          expect(q).not.toMatch(/page\[after\]=[^&]*[+/=]/)
        }
      }).pipe(Effect.provide(clientLayer(sim.url)))
    ))

  it.live("a 429 in the middle of a listing waits Retry-After and goes on: no page lost, none repeated", () =>
    withSimulator({ users: 1050, seed: 3, softDeletedShare: 0.85, purgedShare: 0.15 }, (sim) =>
      Effect.gen(function* () {
        sim.state.faults.add({ _tag: "Status", status: 429, retryAfter: 1 }, { path: /^\/api\/v2\/deleted_users$/, after: 5 })
        const users = yield* Stream.runCollect((yield* DeletedUsers).list())
        expect(users.map((u) => u.id)).toEqual(sim.state.deletedIds())
        const statuses = listRequests(sim).map((r) => r.status)
        expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 200, 200, 200, 200, 200, 200])
        expect(listRequests(sim)[5]!.query).toBe(listRequests(sim)[6]!.query)
      }).pipe(Effect.provide(clientLayer(sim.url)))
    ))

  it.live("listOffset lists the same users, and past 10,000 records the error points to cursor pagination", () =>
    withSimulator({ users: 250, seed: 9 }, (sim) =>
      Effect.gen(function* () {
        const api = yield* DeletedUsers
        const users = yield* Stream.runCollect(api.listOffset({ perPage: 30 }))
        expect(users.map((u) => u.id)).toEqual(sim.state.deletedIds())
        const deep = yield* Stream.runCollect(api.listOffset({ page: 101 })).pipe(Effect.result)
        expect(Result.getFailure(deep)).toMatchObject({
          value: { _tag: "BadRequest", status: 400, code: "InvalidPaginationDepth", description: expect.stringContaining("use list() (cursor pagination)") }
        })
      }).pipe(Effect.provide(clientLayer(sim.url)))
    ))
})

const tally = (outcomes: ReadonlyArray<PurgeOutcome>) =>
  outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o._tag]: (acc[o._tag] ?? 0) + 1 }), {})

describe("purge", () => {
  it.effect("2,100 users at 700 per 10 minutes take three windows of virtual time and meet no 429", () =>
    Effect.gen(function* () {
      const clock = yield* Clock.Clock
      yield* withSimulator({ users: 2100, seed: 11, softDeletedShare: 1, purgedShare: 0, clock: () => clock.currentTimeMillisUnsafe() }, (sim) =>
        Effect.gen(function* () {
          const ids = sim.state.idsWhere("soft-deleted")
          expect(ids).toHaveLength(2100)
          const api = yield* DeletedUsers
          let limiter: Limiter | undefined
          const fiber = yield* Effect.forkChild(Stream.runCollect(api.purge(ids, { concurrency: 8, onLimiter: (l) => (limiter = l) })))
          const answered = () => sim.state.requests.filter((r) => r.method === "DELETE" && r.status !== 0).length
          // Move virtual time only while the purge waits on its limiter with nothing in flight: every slot
          // taken was answered, and no slot was taken since the last look. Effect 4's TestClock does not
          // list its sleeps, so time moves in one-second steps until the limiter's sleep ends.
          let idleAt = -1
          for (let i = 0; i < 20_000 && fiber.pollUnsafe() === undefined; i++) {
            const { acquired } = limiter === undefined ? { acquired: -1 } : yield* limiter.stats
            if (acquired <= 0 || acquired !== answered()) idleAt = -1
            else if (idleAt === acquired) {
              yield* TestClock.adjust("1 second")
              continue
            } else idleAt = acquired
            yield* realSleep(2)
          }
          const outcomes = yield* Fiber.join(fiber)
          const elapsed = yield* Clock.currentTimeMillis
          expect(tally(outcomes)).toEqual({ Purged: 2100 })
          expect(sim.state.rateLimited.purge).toBe(0)
          expect([...sim.state.purges.values()].every((n) => n === 1)).toBe(true)
          expect(elapsed).toBeGreaterThanOrEqual(Duration.toMillis("20 minutes"))
          expect(elapsed).toBeLessThan(Duration.toMillis("30 minutes"))
        }).pipe(Effect.provide(clientLayer(sim.url, { timeout: Duration.infinity })))
      )
    }))

  it.live("outcomes: Purged, AlreadyGone for a 404, Refused for a 422, and the purge goes on", () =>
    withSimulator({ users: 60, seed: 13 }, (sim) =>
      Effect.gen(function* () {
        const soft = sim.state.idsWhere("soft-deleted").slice(0, 5)
        const purged = sim.state.idsWhere("purged")[0]!
        sim.state.faults.add({ _tag: "Status", status: 422 }, { method: "DELETE", after: 1 })
        const outcomes = yield* Stream.runCollect((yield* DeletedUsers).purge([soft[0]!, soft[1]!, purged, soft[2]!], { concurrency: 1 }))
        expect(outcomes.map((o) => [o._tag, o.id])).toEqual([["Purged", soft[0]], ["Refused", soft[1]], ["AlreadyGone", purged], ["Purged", soft[2]]])
        expect(outcomes[1]).toMatchObject({ error: { _tag: "UnprocessableEntity", code: "RecordInvalid" } })
      }).pipe(Effect.provide(clientLayer(sim.url)))
    ))

  it.live("an auth failure ends the purge with Unauthorized", () =>
    withSimulator({ users: 40, seed: 17 }, (sim) =>
      Effect.gen(function* () {
        const layer = DeletedUsers.layerWith().pipe(
          Layer.provide(ZendeskConfig.layer({ baseUrl: sim.url }, Auth.apiToken("nobody@example.com", "sim-api-token"))),
          Layer.provide(FetchHttpClient.layer)
        )
        const result = yield* Stream.runCollect(Stream.unwrap(Effect.map(DeletedUsers, (api) => api.purge(sim.state.idsWhere("soft-deleted"))))).pipe(
          Effect.result,
          Effect.provide(layer)
        )
        expect(Result.getFailure(result)).toMatchObject({ value: { _tag: "Unauthorized", status: 401 } })
        expect(sim.state.purges.size).toBe(0)
      })
    ))

  it.live("refusals are not checkpointed: a purge refused with an agent's token is done later with an admin's", () =>
    withSimulator({ users: 40, seed: 21 }, (sim) =>
      Effect.gen(function* () {
        const ids = sim.state.idsWhere("soft-deleted").slice(0, 5)
        const checkpoint = yield* memoryCheckpoint()
        const purgeWith = (auth: Auth) =>
          Stream.runCollect(Stream.unwrap(Effect.map(DeletedUsers, (api) => api.purge(ids, { checkpoint })))).pipe(
            Effect.provide(clientLayer(sim.url, {}, auth)),
          )
        const asAgent = yield* purgeWith(Auth.apiToken("agent@example.com", "sim-api-token"))
        expect(asAgent.map((o) => o._tag)).toEqual(ids.map(() => "Refused"))
        expect(checkpoint.done.size).toBe(0)
        const asAdmin = yield* purgeWith(Auth.apiToken("admin@example.com", "sim-api-token"))
        expect(asAdmin.map((o) => o._tag)).toEqual(ids.map(() => "Purged"))
        expect([...checkpoint.done.keys()]).toEqual(ids)
      })
    ))

  it.live("dryRun shows each user and purges none", () =>
    withSimulator({ users: 40, seed: 19 }, (sim) =>
      Effect.gen(function* () {
        const ids = sim.state.idsWhere("soft-deleted")
        const outcomes = yield* Stream.runCollect((yield* DeletedUsers).purge(ids, { dryRun: true }))
        expect(outcomes.map((o) => o._tag)).toEqual(ids.map(() => "WouldPurge"))
        expect(outcomes.map((o) => o._tag === "WouldPurge" && o.user.id)).toEqual(ids)
        expect(sim.state.purges.size).toBe(0)
        expect(sim.state.requests.filter((r) => r.method === "DELETE")).toHaveLength(0)
      }).pipe(Effect.provide(clientLayer(sim.url)))
    ))

  it.live("maxErrors: the outcomes up to the failure that reaches it, in order, then the stream fails with its error", () =>
    withSimulator({ users: 40, seed: 25, softDeletedShare: 1, purgedShare: 0 }, (sim) =>
      Effect.gen(function* () {
        const ids = sim.state.idsWhere("soft-deleted").slice(0, 8)
        // The 2nd and the 4th deletion get a 500 (not retried): the 4th reaches maxErrors 2.
        sim.state.faults.add({ _tag: "Status", status: 500 }, { method: "DELETE", after: 1 })
        sim.state.faults.add({ _tag: "Status", status: 500 }, { method: "DELETE", after: 3 })
        const checkpoint = yield* memoryCheckpoint()
        yield* checkpoint.record(ids[6]!, "Purged")
        const outcomes: Array<PurgeOutcome> = []
        const exit = yield* Stream.runForEach((yield* DeletedUsers).purge(ids, { concurrency: 1, maxErrors: 2, checkpoint }), (o) => Effect.sync(() => void outcomes.push(o))).pipe(Effect.result)
        expect(outcomes.map((o) => [o._tag, o.id])).toEqual([["Purged", ids[0]], ["Failed", ids[1]], ["Purged", ids[2]], ["Failed", ids[3]]])
        expect(Result.getFailure(exit)).toMatchObject({ value: { _tag: "ServerError", status: 500 } })
      }).pipe(Effect.provide(clientLayer(sim.url)))
    ))

  it.live("ids the checkpoint holds are Skipped in place, in the order of the ids, between those purged", () =>
    withSimulator({ users: 40, seed: 27, softDeletedShare: 1, purgedShare: 0 }, (sim) =>
      Effect.gen(function* () {
        const ids = sim.state.idsWhere("soft-deleted").slice(0, 12)
        const checkpoint = yield* memoryCheckpoint()
        for (const i of [0, 1, 2, 5, 9, 10, 11]) yield* checkpoint.record(ids[i]!, "Purged")
        const outcomes = yield* Stream.runCollect((yield* DeletedUsers).purge(Stream.fromIterable(ids).pipe(Stream.rechunk(5)), { concurrency: 3, checkpoint }))
        expect(outcomes.map((o) => o.id)).toEqual(ids)
        expect(outcomes.map((o) => o._tag)).toEqual(ids.map((_, i) => ([0, 1, 2, 5, 9, 10, 11].includes(i) ? "Skipped" : "Purged")))
        expect(sim.state.requests.filter((r) => r.method === "DELETE")).toHaveLength(5)
      }).pipe(Effect.provide(clientLayer(sim.url)))
    ))

  it.live("a bad id in the input is Refused with InvalidInput, and nothing is sent for it", () =>
    withSimulator({ users: 20, seed: 23 }, (sim) =>
      Effect.gen(function* () {
        const id = sim.state.idsWhere("soft-deleted")[0]!
        const outcomes = yield* Stream.runCollect((yield* DeletedUsers).purge([-1, id, 1.5]))
        expect(outcomes.map((o) => o._tag)).toEqual(["Refused", "Purged", "Refused"])
        expect(sim.state.requests.filter((r) => r.method === "DELETE")).toHaveLength(1)
      }).pipe(Effect.provide(clientLayer(sim.url)))
    ))
})
