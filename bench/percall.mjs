// Per-call cost: DeletedUsers.show against raw openapi-fetch and raw fetch, same loopback simulator, same run.
import { FetchHttpClient } from "@effect/platform"
import { Auth, DeletedUsers, ZendeskConfig } from "@deleted-users/effect-client"
import { start } from "@deleted-users/simulator"
import { Effect, Layer, ManagedRuntime } from "effect"
import createClient from "openapi-fetch"
import { median } from "./stats.mjs"

const authorization = `Basic ${Buffer.from("admin@example.com/token:sim-api-token").toString("base64")}`

/** Times `calls` calls of each client, `inFlight` at a time, in interleaved rounds; returns median ms per call. */
export const perCall = async ({ calls = 2000, rounds = 5, inFlight = 1 } = {}) => {
  const sim = await start({ users: 500, seed: 1, requestsPerWindow: 10_000_000 })
  const ids = sim.state.idsWhere("soft-deleted")
  const runtime = ManagedRuntime.make(
    DeletedUsers.layer.pipe(Layer.provide(ZendeskConfig.layer({ baseUrl: sim.url }, Auth.apiToken("admin@example.com", "sim-api-token"))))
  )
  const api = await runtime.runPromise(DeletedUsers)
  const openapi = createClient({ baseUrl: sim.url, headers: { authorization, accept: "application/json" } })
  const clients = {
    "effect-client": (id) => runtime.runPromise(api.show(id)),
    "openapi-fetch": async (id) => {
      const { data, error } = await openapi.GET("/api/v2/deleted_users/{deleted_user_id}", { params: { path: { deleted_user_id: id } } })
      if (error !== undefined) throw new Error("unexpected error")
      return data
    },
    fetch: async (id) => {
      const res = await fetch(`${sim.url}/api/v2/deleted_users/${id}`, { headers: { authorization, accept: "application/json" } })
      if (!res.ok) throw new Error(`status ${res.status}`)
      return res.json()
    }
  }
  const perCallMs = Object.fromEntries(Object.keys(clients).map((k) => [k, []]))
  try {
    for (const call of Object.values(clients)) for (let i = 0; i < 100; i++) await call(ids[i % ids.length]) // warm-up
    const perRound = Math.max(1, Math.floor(calls / rounds))
    for (let r = 0; r < rounds; r++) {
      for (const [name, call] of Object.entries(clients)) {
        let next = 0
        const t0 = performance.now()
        await Promise.all(Array.from({ length: inFlight }, async () => {
          while (next < perRound) await call(ids[next++ % ids.length])
        }))
        perCallMs[name].push((performance.now() - t0) / perRound)
      }
    }
  } finally {
    await runtime.dispose()
    await sim.close()
  }
  const m = Object.fromEntries(Object.entries(perCallMs).map(([k, v]) => [k, median(v)]))
  return { inFlight, calls: Math.floor(calls / rounds) * rounds, medianMs: m, ratioToOpenapiFetch: m["effect-client"] / m["openapi-fetch"], ratioToFetch: m["effect-client"] / m.fetch }
}
