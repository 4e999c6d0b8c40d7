import { loadSpec, makeChecker } from "@effect-openapi/contract"
import { specPath } from "@effect-openapi/codegen"
import { prng, start } from "@deleted-users/simulator"
import { describe, expect, it } from "vitest"
import { basic, call } from "./support.js"

describe("every response the simulator sends in normal operation conforms to the spec", () => {
  it("thousands of responses across all routes and statuses validate, closed-world", async () => {
    let now = Date.parse("2026-11-01T00:00:00Z")
    const sim = await start({ users: 1500, seed: 77, requestsPerWindow: 400, requestWindowMs: 60_000, purgesPerWindow: 150, purgeWindowMs: 60_000, clock: () => now })
    const checker = makeChecker(loadSpec(specPath), { strict: true })
    const random = prng(99)
    const soft = sim.state.idsWhere("soft-deleted")
    const purged = sim.state.idsWhere("purged")
    const agent = basic("agent@example.com/token", "sim-api-token")
    const paths: Array<() => { path: string; method?: string; auth?: string | null; headers?: Record<string, string> }> = [
      () => ({ path: `/api/v2/deleted_users?page[size]=${1 + Math.floor(random() * 100)}` }),
      () => ({ path: `/api/v2/deleted_users?page=${1 + Math.floor(random() * 120)}&per_page=${1 + Math.floor(random() * 100)}` }),
      () => ({ path: `/api/v2/deleted_users?page[size]=10&page[after]=bad${Math.floor(random() * 9)}` }),
      () => ({ path: "/api/v2/deleted_users/count" }),
      () => ({ path: `/api/v2/deleted_users/${soft[Math.floor(random() * soft.length)]}` }),
      () => ({ path: `/api/v2/deleted_users/${purged[Math.floor(random() * purged.length)]}` }),
      () => ({ path: `/api/v2/deleted_users/${soft[Math.floor(random() * soft.length)]}`, method: "DELETE" }),
      () => ({ path: `/api/v2/deleted_users/${soft[Math.floor(random() * soft.length)]}`, method: "DELETE", auth: agent }),
      () => ({ path: "/api/v2/deleted_users/count", auth: null }),
      () => ({ path: "/api/v2/deleted_users/count", headers: { "x-simulator-fault": ["status=500", "status=503;retry-after=3", "status=503"][Math.floor(random() * 3)]! } }),
      () => ({ path: `/api/v2/deleted_users/${soft[Math.floor(random() * soft.length)]}`, method: "DELETE", headers: { "x-simulator-fault": random() < 0.5 ? "status=409" : "status=422" } })
    ]
    const byStatus = new Map<number, number>()
    const failures: Array<string> = []
    try {
      // Follow cursors too, so last pages and pages past the end are covered.
      let after: string | null = null
      for (let i = 0; i < 3000; i++) {
        if (i % 500 === 0) now += 61_000 // let both windows roll now and then, so 429s and 200s both occur
        const req = i % 7 === 0 ? { path: `/api/v2/deleted_users?page[size]=100${after ? `&page[after]=${encodeURIComponent(after)}` : ""}` } : paths[Math.floor(random() * paths.length)]!()
        const res = await call(sim.url, req.path, { ...(req.method === undefined ? {} : { method: req.method }), ...(req.auth === undefined ? {} : { auth: req.auth }), ...(req.headers === undefined ? {} : { headers: req.headers }) })
        if (i % 7 === 0 && res.status === 200) after = res.json().meta.after_cursor
        byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1)
        const verdict = checker.check({ method: req.method ?? "GET", url: sim.url + req.path, status: res.status, headers: res.headers, body: res.text })
        if (verdict.violations.length > 0) failures.push(`${req.method ?? "GET"} ${req.path} ${res.status}: ${JSON.stringify(verdict.violations)}`)
      }
    } finally {
      await sim.close()
    }
    expect(failures.slice(0, 5)).toEqual([])
    expect([...byStatus.keys()].sort()).toEqual([200, 400, 401, 403, 404, 409, 422, 429, 500, 503])
    expect([...byStatus.values()].reduce((a, b) => a + b)).toBe(3000)
  })
})
