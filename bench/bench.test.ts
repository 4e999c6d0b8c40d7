// A tiny run of each benchmark, so the benchmark code keeps working. Nothing here is timed against a target.
import { describe, expect, it } from "vitest"
// @ts-expect-error plain ESM benchmark modules without declarations
import { codegen } from "./codegen.mjs"
// @ts-expect-error see above
import { contract } from "./contract.mjs"
// @ts-expect-error see above
import { coldStart } from "./cold-start.mjs"
// @ts-expect-error see above
import { generationComparison } from "./generation.mjs"
// @ts-expect-error see above
import { heapCap } from "./heap-cap.mjs"
// @ts-expect-error see above
import { perCall } from "./percall.mjs"
// @ts-expect-error see above
import { purgeBudget } from "./purge-budget.mjs"
// @ts-expect-error see above
import { streaming } from "./streaming.mjs"
// @ts-expect-error see above
import { validation } from "./validation.mjs"

describe("benchmarks, tiny", () => {
  it("per call: the six clients (with the bare node:http floor) answer against one simulator", async () => {
    const r = await perCall({ calls: 30, rounds: 3, inFlight: 2 })
    expect(Object.keys(r.medianMs)).toEqual(["effect-client", "generated (node:http)", "generated (NodeHttpClient)", "openapi-fetch", "node:http", "fetch"])
    expect(r.ratioToOpenapiFetch).toBeGreaterThan(0)
  })

  it("cold start: the bundled and unbundled commands answer count, beside node -e ''", async () => {
    const r = await coldStart({ runs: 1 })
    expect(Object.keys(r.result)).toEqual(expect.arrayContaining(["node -e ''", "deleted-users count (bundle)", "deleted-users count (unbundled dist)"]))
    expect(r.bundleToNode).toBeGreaterThan(0)
  })

  it("validation: a recorded page validates", async () => {
    const r = await validation({ ms: 50 })
    expect(r.pageBytes).toBeGreaterThan(10_000)
    expect(r.parseUs).toBeGreaterThan(0)
  })

  it("streaming: lists in child processes, with and without read-ahead", async () => {
    const r = await streaming({ small: 100, large: 300, latencyMs: 2, pagesForReadAhead: 3 })
    expect(r.lists[300].users).toBe(300)
    expect(r.readAheadSpeedup).toBeGreaterThan(0)
  })

  it("heap flags: every command through the bin on a small account; the purges are interrupted, resumed, and purge nobody twice", async () => {
    // 20,000 users: the purges cannot finish before their SIGINT, however fast the machine (a purge ran out of ids in 4 s at 2,000).
    const r = await heapCap({ users: 20_000, purgeSeconds: 4, resumeSeconds: 4, dryRunSeconds: 3 })
    expect(r.outOfMemory).toEqual([])
    expect(r.runs.count.code).toBe(0)
    for (const format of ["ndjson", "table"]) expect(r.runs[`list --format ${format}`].code).toBe(0)
    // ndjson: one line per deleted user; table: a header line more.
    expect(r.runs["list --format table"].lines).toBe(r.runs["list --format ndjson"].lines + 1)
    expect(r.runs["purge (interrupted)"].code).toBe(130)
    expect(r.purged).toBeGreaterThan(0)
    expect(r.purgedTwice).toBe(0)
  }, 60_000)

  it("purge budget: a small purge within a scaled window meets no 429", async () => {
    const r = await purgeBudget({ limit: 20, windowMs: 300, windows: 2 })
    expect(r.purged).toBe(60)
    expect(r.rateLimited429).toBe(0)
  })

  it("contract: verify and diff run through the CLI on generated traffic and a generated spec", async () => {
    const r = await contract({ entries: 200, files: 2, operations: 20 })
    expect(r.entries).toBe(200)
    expect(r.operations).toBe(20)
    // A new enum value in a response is a warning, as oasdiff rates it (response-property-enum-value-added); the other four break.
    expect(r.breakingFindings).toBe(4)
    expect(r.warningFindings).toBe(1)
  })

  it("generation comparison: the three generators write the Museum spec's output, measured in their own processes", () => {
    const r = generationComparison({ spec: "tools/codegen/test/specs/redocly-museum.yaml", typecheck: false })
    expect(Object.keys(r.results)).toEqual(["effect-openapi", "hey-api", "openapi-typescript"])
    for (const x of Object.values(r.results) as Array<{ generation: { ms: number }; bytes: { ts: number } }>) {
      expect(x.generation.ms).toBeGreaterThan(0)
      expect(x.bytes.ts).toBeGreaterThan(1000)
    }
    expect(r.ratios.generationToHeyApi).toBeGreaterThan(0)
  }, 120_000)

  it("codegen: generates the types (and the client beside them) in process, one pipeline", async () => {
    expect((await codegen({ nx: false })).files).toEqual(expect.arrayContaining(["types.ts", "client.ts", "validators.ts"]))
  })
})
