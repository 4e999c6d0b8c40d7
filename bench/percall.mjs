// Per-call cost: DeletedUsers.show against raw openapi-fetch and raw fetch, same loopback simulator, same run.
import { Auth, DeletedUsers, ZendeskConfig } from "@deleted-users/effect-client"
import { ZendeskDeletedUsers } from "@deleted-users/effect-client/generated"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { spawnSimulator } from "./simulator-process.mjs"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import createClient from "openapi-fetch"
import * as http from "node:http"
import { median } from "./stats.mjs"

/** A second service key for the generated client over NodeHttpClient, beside the default one. */
class NodeClient extends Context.Service()("bench/NodeClient") {}

const authorization = `Basic ${Buffer.from("admin@example.com/token:sim-api-token").toString("base64")}`

/**
 * Times `calls` calls of each client, `inFlight` at a time, in interleaved rounds; returns median ms per call.
 * Rounds are short and each starts with the next client in turn, so that a burst of load on a shared
 * machine, or the garbage one client leaves to the next, falls on every client alike.
 */
export const perCall = async ({ calls = 2000, rounds = 20, inFlight = 1 } = {}) => {
  // The simulator runs in its own process, so the clients' own costs are not mixed with the server's.
  const sim = await spawnSimulator(["--users", "500", "--seed", "1", "--requests-per-window", "100000000"])
  const ids = sim.softDeleted
  const runtime = ManagedRuntime.make(
    DeletedUsers.layer.pipe(Layer.provide(ZendeskConfig.layer({ baseUrl: sim.url }, Auth.apiToken("admin@example.com", "sim-api-token"))))
  )
  const api = await runtime.runPromise(DeletedUsers)
  // The generated client itself, over its default node:http transport and over @effect/platform-node's
  // node:http HttpClient (NodeHttpClient.layerNodeHttp, what Effect 3's NodeHttpClient.layer was).
  const generatedOptions = { baseUrl: sim.url, auth: { basicAuth: { username: "admin@example.com/token", password: "sim-api-token" } } }
  const generatedRuntime = ManagedRuntime.make(Layer.mergeAll(
    ZendeskDeletedUsers.layer(generatedOptions),
    Layer.effect(NodeClient, ZendeskDeletedUsers.make(generatedOptions)).pipe(Layer.provide(NodeHttpClient.layerNodeHttp))
  ))
  const generated = await generatedRuntime.runPromise(ZendeskDeletedUsers)
  const overNode = await generatedRuntime.runPromise(NodeClient)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
  const openapi = createClient({ baseUrl: sim.url, headers: { authorization, accept: "application/json" } })
  // Each client runs `perRound` calls, `inFlight` at a time, the way its users write it: the Effect
  // client as one Effect program (Effect.forEach), the others as promise loops.
  const loop = (call) => async (perRound) => {
    let next = 0
    await Promise.all(Array.from({ length: inFlight }, async () => {
      while (next < perRound) await call(ids[next++ % ids.length])
    }))
  }
  const clients = {
    "effect-client": (perRound) =>
      runtime.runPromise(Effect.forEach(Array.from({ length: perRound }, (_, i) => ids[i % ids.length]), (id) => api.show(id), { concurrency: inFlight, discard: true })),
    "generated (node:http)": (perRound) =>
      generatedRuntime.runPromise(Effect.forEach(Array.from({ length: perRound }, (_, i) => ids[i % ids.length]), (id) => generated.showDeletedUser({ path: { deleted_user_id: id } }), { concurrency: inFlight, discard: true })),
    "generated (NodeHttpClient)": (perRound) =>
      generatedRuntime.runPromise(Effect.forEach(Array.from({ length: perRound }, (_, i) => ids[i % ids.length]), (id) => overNode.showDeletedUser({ path: { deleted_user_id: id } }), { concurrency: inFlight, discard: true })),
    "openapi-fetch": loop(async (id) => {
      const { data, error } = await openapi.GET("/api/v2/deleted_users/{deleted_user_id}", { params: { path: { deleted_user_id: id } } })
      if (error !== undefined) throw new Error("unexpected error")
      return data
    }),
    // The floor: a bare keep-alive node:http request that reads and parses the same JSON, nothing else.
    "node:http": loop((id) => new Promise((resolve, reject) => {
      const req = http.request(`${sim.url}/api/v2/deleted_users/${id}`, { agent, headers: { authorization, accept: "application/json" } }, (res) => {
        const chunks = []
        res.on("data", (c) => chunks.push(c))
        res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))) : reject(new Error(`status ${res.statusCode}`))))
        res.on("error", reject)
      })
      req.on("error", reject)
      req.end()
    })),
    fetch: loop(async (id) => {
      const res = await fetch(`${sim.url}/api/v2/deleted_users/${id}`, { headers: { authorization, accept: "application/json" } })
      if (!res.ok) throw new Error(`status ${res.status}`)
      return res.json()
    })
  }
  const perCallMs = Object.fromEntries(Object.keys(clients).map((k) => [k, []]))
  // This process's CPU time per call (the simulator's is its own): what load on the machine does not stretch.
  const cpuPerCallMs = Object.fromEntries(Object.keys(clients).map((k) => [k, []]))
  try {
    for (const run of Object.values(clients)) await run(200) // warm-up
    const perRound = Math.max(1, Math.floor(calls / rounds))
    const entries = Object.entries(clients)
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < entries.length; k++) {
        const [name, run] = entries[(r + k) % entries.length]
        const c0 = process.cpuUsage()
        const t0 = performance.now()
        await run(perRound)
        perCallMs[name].push((performance.now() - t0) / perRound)
        const cpu = process.cpuUsage(c0)
        cpuPerCallMs[name].push((cpu.user + cpu.system) / 1000 / perRound)
      }
    }
  } finally {
    await runtime.dispose()
    await generatedRuntime.dispose()
    await sim.close()
    agent.destroy()
  }
  const m = Object.fromEntries(Object.entries(perCallMs).map(([k, v]) => [k, median(v)]))
  const cpu = Object.fromEntries(Object.entries(cpuPerCallMs).map(([k, v]) => [k, median(v)]))
  return {
    inFlight,
    calls: Math.floor(calls / rounds) * rounds,
    rounds,
    medianMs: m,
    medianCpuMs: cpu,
    cpuToNodeHttp: cpu["effect-client"] / cpu["node:http"],
    generatedCpuToNodeHttp: cpu["generated (node:http)"] / cpu["node:http"],
    ratioToOpenapiFetch: m["effect-client"] / m["openapi-fetch"],
    generatedToOpenapiFetch: m["generated (node:http)"] / m["openapi-fetch"],
    nodeHttpClientToOpenapiFetch: m["generated (NodeHttpClient)"] / m["openapi-fetch"],
    ratioToFetch: m["effect-client"] / m.fetch,
    ratioToNodeHttp: m["effect-client"] / m["node:http"],
    generatedToNodeHttp: m["generated (node:http)"] / m["node:http"]
  }
}
