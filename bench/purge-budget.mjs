// Purge budget: with the simulator's purge window scaled to seconds, the share of the budget used over five windows and the 429s met.
import { Auth, DeletedUsers, ZendeskConfig } from "@deleted-users/effect-client"
import { start } from "@deleted-users/simulator"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"

export const purgeBudget = async ({ limit = 100, windowMs = 2_000, windows = 5 } = {}) => {
  const users = limit * (windows + 1)
  const sim = await start({ users, seed: 9, softDeletedShare: 1, purgedShare: 0, purgesPerWindow: limit, purgeWindowMs: windowMs, requestsPerWindow: 10_000_000 })
  try {
    const layer = DeletedUsers.layer.pipe(Layer.provide(ZendeskConfig.layer({ baseUrl: sim.url }, Auth.apiToken("admin@example.com", "sim-api-token"))))
    const ids = sim.state.idsWhere("soft-deleted")
    await Effect.runPromise(
      Effect.flatMap(DeletedUsers, (api) => Stream.runDrain(api.purge(ids, { concurrency: 8, budget: { limit, window: Duration.millis(windowMs) } }))).pipe(Effect.provide(layer))
    )
    const purges = sim.state.requests.filter((r) => r.method === "DELETE" && r.status === 200).map((r) => r.at)
    const t0 = Math.min(...purges)
    const inFiveWindows = purges.filter((t) => t < t0 + windows * windowMs).length
    return { limit, windowMs, windows, purged: purges.length, budgetShareUsed: inFiveWindows / (windows * limit), rateLimited429: sim.state.rateLimited.purge + sim.state.rateLimited.account }
  } finally {
    await sim.close()
  }
}
