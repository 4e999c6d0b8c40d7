import { parseFaultHeader, start } from "@deleted-users/simulator"
import { describe, expect, it } from "vitest"
import { call } from "./support.js"

describe("x-simulator-fault with an HTTP date", () => {
  const date = "Wed, 21 Oct 2026 07:28:00 GMT"

  it("parses a date with its comma as one fault, beside other faults", () => {
    expect(parseFaultHeader(`status=429;retry-after=${date}, latency=5`)).toEqual([
      { _tag: "Status", status: 429, retryAfter: date },
      { _tag: "Latency", ms: 5 }
    ])
  })

  it.each([429, 503])("a %i sends the date as Retry-After, verbatim", async (status) => {
    const sim = await start({ users: 20, seed: 5 })
    try {
      const res = await call(sim.url, "/api/v2/deleted_users/count", { headers: { "x-simulator-fault": `status=${status};retry-after=${date}` } })
      expect(res.status).toBe(status)
      expect(res.headers["retry-after"]).toBe(date)
    } finally {
      await sim.close()
    }
  })
})

describe("the admin API", () => {
  it("shows state and the request log, queues faults, resets; no Zendesk path reaches it", async () => {
    const sim = await start({ users: 50, seed: 6, softDeletedShare: 1, purgedShare: 0 })
    try {
      const id = sim.state.idsWhere("soft-deleted")[0]!
      expect((await call(sim.url, `/api/v2/deleted_users/${id}`, { method: "DELETE" })).status).toBe(200)
      const state = (await call(sim.url, "/__admin/state", { auth: null })).json()
      expect(state).toMatchObject({ users: { softDeleted: 49, purged: 1 }, purges: { [id]: 1 }, requests: 1 })
      const log = (await call(sim.url, "/__admin/requests", { auth: null })).json()
      expect(log.requests).toEqual([expect.objectContaining({ method: "DELETE", path: `/api/v2/deleted_users/${id}`, status: 200 })])
      expect((await call(sim.url, "/__admin/requests?since=1", { auth: null })).json()).toEqual({ requests: [], next: 1 })

      const queued = await fetch(`${sim.url}/__admin/faults`, { method: "POST", body: JSON.stringify({ fault: { _tag: "Status", status: 500 }, match: { path: "count$" } }) })
      expect(queued.status).toBe(200)
      expect((await call(sim.url, "/api/v2/deleted_users/count")).status).toBe(500)
      expect((await call(sim.url, "/api/v2/deleted_users/count")).status).toBe(200)

      // Zendesk paths never reach the admin API, and admin paths never reach Zendesk's routes.
      expect((await call(sim.url, "/api/v2/__admin/state")).json()).toEqual({ error: "InvalidEndpoint", description: "Not found" })
      expect((await call(sim.url, "/api/v2/deleted_users/..%2F..%2F..%2F__admin%2Fstate")).status).toBe(404)
      expect((await call(sim.url, "/__admin/nothing", { auth: null })).status).toBe(404)

      expect((await fetch(`${sim.url}/__admin/reset`, { method: "POST" })).status).toBe(200)
      expect((await call(sim.url, "/__admin/requests", { auth: null })).json()).toEqual({ requests: [], next: 0 })
      expect(sim.state.purges.get(id)).toBe(1)
    } finally {
      await sim.close()
    }
  })
})
