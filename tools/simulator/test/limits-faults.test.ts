import { start } from "@deleted-users/simulator"
import { describe, expect, it } from "vitest"
import { call } from "./support.js"

describe("rate limits", () => {
  it("account-wide: 429 text/plain with Retry-After once the window is used, and again after it", async () => {
    let now = 1_000_000
    const sim = await start({ users: 50, seed: 1, requestsPerWindow: 5, requestWindowMs: 2_000, clock: () => now })
    try {
      const statuses: Array<number> = []
      for (let i = 0; i < 6; i++) statuses.push((await call(sim.url, "/api/v2/deleted_users/count")).status)
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429])
      const limited = await call(sim.url, "/api/v2/deleted_users/count")
      expect(limited.headers["content-type"]).toMatch(/^text\/plain/)
      expect(limited.headers["retry-after"]).toBe("2")
      expect(limited.text).toBe("Too Many Requests")
      now += 2_000
      expect((await call(sim.url, "/api/v2/deleted_users/count")).status).toBe(200)
    } finally {
      await sim.close()
    }
  })

  it("purges: at most N per rolling window, with the zendesk-ratelimit header", async () => {
    let now = 5_000_000
    const sim = await start({ users: 100, seed: 2, softDeletedShare: 1, purgedShare: 0, purgesPerWindow: 3, purgeWindowMs: 10_000, clock: () => now })
    try {
      const ids = sim.state.idsWhere("soft-deleted")
      const statuses: Array<number> = []
      for (const id of ids.slice(0, 4)) statuses.push((await call(sim.url, `/api/v2/deleted_users/${id}`, { method: "DELETE" })).status)
      expect(statuses).toEqual([200, 200, 200, 429])
      now += 5_000
      const still = await call(sim.url, `/api/v2/deleted_users/${ids[3]}`, { method: "DELETE" })
      expect(still.status).toBe(429)
      expect(Number(still.headers["retry-after"])).toBe(5)
      now += 5_000
      const ok = await call(sim.url, `/api/v2/deleted_users/${ids[3]}`, { method: "DELETE" })
      expect(ok.status).toBe(200)
      expect(ok.headers["zendesk-ratelimit-deleted-users-purge"]).toBe("total=3; remaining=2; resets=10")
      expect(sim.state.rateLimited.purge).toBe(2)
    } finally {
      await sim.close()
    }
  })
})

describe("faults, by queue and by header", () => {
  it.each([
    ["status=500", 500, "InternalServerError", undefined],
    ["status=503;retry-after=7", 503, "DatabaseTimeout", "7"],
    ["status=503", 503, "Maintenance", undefined],
    ["status=409", 409, "Conflict", undefined],
    ["status=422", 422, "RecordInvalid", undefined]
  ])("x-simulator-fault: %s", async (fault, status, error, retryAfter) => {
    const sim = await start({ users: 20, seed: 3 })
    try {
      const res = await call(sim.url, "/api/v2/deleted_users/count", { headers: { "x-simulator-fault": fault } })
      expect(res.status).toBe(status)
      expect(res.json().error).toBe(error)
      expect(res.headers["retry-after"]).toBe(retryAfter)
    } finally {
      await sim.close()
    }
  })

  it("latency, a reset, a truncated body and a body that breaks the schema", async () => {
    const sim = await start({ users: 20, seed: 4 })
    try {
      sim.state.faults.add({ _tag: "Latency", ms: 150 })
      const t0 = performance.now()
      expect((await call(sim.url, "/api/v2/deleted_users/count")).status).toBe(200)
      expect(performance.now() - t0).toBeGreaterThanOrEqual(140)
      sim.state.faults.add({ _tag: "Reset" })
      await expect(call(sim.url, "/api/v2/deleted_users/count")).rejects.toThrow()
      sim.state.faults.add({ _tag: "Truncate" })
      await expect(call(sim.url, "/api/v2/deleted_users/count")).rejects.toThrow()
      sim.state.faults.add({ _tag: "BadBody" })
      const id = sim.state.idsWhere("soft-deleted")[0]!
      expect((await call(sim.url, `/api/v2/deleted_users/${id}`)).json().deleted_user.id).toBe(String(id))
      expect((await call(sim.url, `/api/v2/deleted_users/${id}`)).json().deleted_user.id).toBe(id)
    } finally {
      await sim.close()
    }
  })

  it("a queued fault can skip matching requests first (the 3rd list request fails)", async () => {
    const sim = await start({ users: 20, seed: 4 })
    try {
      sim.state.faults.add({ _tag: "Status", status: 503, retryAfter: 1 }, { path: /^\/api\/v2\/deleted_users$/, after: 2 })
      const statuses = []
      for (let i = 0; i < 4; i++) statuses.push((await call(sim.url, "/api/v2/deleted_users?page[size]=1")).status)
      expect(statuses).toEqual([200, 200, 503, 200])
    } finally {
      await sim.close()
    }
  })
})
