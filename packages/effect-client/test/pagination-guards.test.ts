import { Effect, Result, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { DeletedUsers, PaginationError } from "../src/index.js"
import { clientLayer, useSimulator } from "./support.js"

const listPath = /^\/api\/v2\/deleted_users$/

describe("a cursor listing that cannot go on safely is a PaginationError naming the cursor", () => {
  const holder = useSimulator({ users: 1_000, seed: 11 })

  const listAll = () =>
    Effect.runPromise(
      Effect.flatMap(DeletedUsers, (api) => {
        const seen: Array<number> = []
        return Stream.runForEach(api.list({ pageSize: 50 }), (u) => Effect.sync(() => void seen.push(u.id))).pipe(
          Effect.result,
          Effect.map((result) => ({ result, seen }))
        )
      }).pipe(Effect.provide(clientLayer(holder.sim.url)))
    )

  it.each([
    ["has_more with no after_cursor (it would end early)", { hasMore: true, afterCursor: null }, "MissingCursor", /has_more but has no after_cursor/],
    ["a cursor sent twice (it would loop)", { afterCursor: "same" }, "RepeatedCursor", /a second time: the listing would loop/],
    ["a page that goes backwards (it would repeat users)", { afterCursor: "rewind" }, "Backwards", /goes backwards/]
  ] as const)("%s", async (_, meta, reason, message) => {
    holder.sim.state.faults.add({ _tag: "PageMeta", ...meta }, { path: listPath, after: 2 })
    const before = holder.sim.state.requests.length
    const { result, seen } = await listAll()
    expect(Result.isFailure(result)).toBe(true)
    const error = (result as Result.Failure<unknown, unknown>).failure as PaginationError
    expect(error).toBeInstanceOf(PaginationError)
    expect(error._tag).toBe("PaginationError")
    expect(error.reason).toBe(reason)
    expect(error.page).toBeGreaterThanOrEqual(3)
    expect(error.cursor).toMatch(/^[A-Za-z0-9+/]+=*$/)
    expect(error.message).toContain(JSON.stringify(error.cursor))
    expect(error.message).toMatch(message)
    // Bounded: it stops within a page or two of the fault, and never lists a user twice.
    expect(holder.sim.state.requests.length - before).toBeLessThanOrEqual(5)
    expect(new Set(seen).size).toBe(seen.length)
  })

  it("a listing without faults is unchanged: every deleted user once, in order", async () => {
    const users = await Effect.runPromise(
      Effect.flatMap(DeletedUsers, (api) => Stream.runCollect(api.list({ pageSize: 100 }))).pipe(Effect.provide(clientLayer(holder.sim.url)))
    )
    expect(users.map((u) => u.id)).toEqual(holder.sim.state.deletedIds())
  })
})
