import { prng, start, type RunningSimulator } from "@deleted-users/simulator"
import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const child = fileURLToPath(new URL("./fixtures/purge-child.mjs", import.meta.url))

/** Runs the purge in a child; kills it with SIGKILL `killAfterMs` after its first outcome, when given. */
const runChild = (args: Array<string>, killAfterMs?: number) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    const proc = spawn(process.execPath, [child, ...args], { stdio: ["ignore", "pipe", "pipe"] })
    let stderr = ""
    let timer: NodeJS.Timeout | undefined
    proc.stderr.on("data", (d) => (stderr += d))
    proc.stdout.on("data", () => {
      if (killAfterMs !== undefined && timer === undefined) timer = setTimeout(() => proc.kill("SIGKILL"), killAfterMs)
    })
    proc.on("exit", (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stderr })
    })
  })

describe("a purge killed with SIGKILL and resumed from its checkpoint", () => {
  let sim: RunningSimulator
  beforeAll(async () => {
    sim = await start({ users: 300, seed: 29, softDeletedShare: 1, purgedShare: 0, latencyMs: 5, requestsPerWindow: 100_000 })
  })
  afterAll(async () => {
    await sim.close()
  })

  it("purges every id exactly once and skips none, however often it is killed", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "crash-test-"))
    const checkpoint = path.join(dir, "purge.checkpoint")
    const idsFile = path.join(dir, "ids.json")
    const ids = sim.state.idsWhere("soft-deleted")
    expect(ids).toHaveLength(300)
    writeFileSync(idsFile, JSON.stringify(ids))
    const random = prng(1234)
    const progress: Array<number> = []
    let kills = 0
    for (let run = 0; run < 8 && sim.state.purges.size < ids.length; run++) {
      const result = await runChild([sim.url, checkpoint, idsFile], Math.floor(random() * 120))
      if (result.signal === "SIGKILL") kills++
      else expect(result, result.stderr).toMatchObject({ code: 0 })
      progress.push(sim.state.purges.size)
    }
    const last = await runChild([sim.url, checkpoint, idsFile])
    expect(last.code, last.stderr).toBe(0)

    // The kills landed mid-purge: some progress each time, never all at once.
    expect(kills).toBeGreaterThanOrEqual(2)
    expect(progress.some((n) => n > 0 && n < ids.length), `progress ${progress.join(",")} kills ${kills}`).toBe(true)
    // Every id purged exactly once, none skipped.
    expect([...sim.state.purges.keys()].sort()).toEqual([...ids].sort())
    expect([...sim.state.purges.values()].every((n) => n === 1)).toBe(true)
    // The checkpoint names every id; those retried after a crash between purge and record are AlreadyGone.
    const recorded = new Set(readFileSync(checkpoint, "utf8").split("\n").filter(Boolean).flatMap((l) => { try { return [JSON.parse(l).id as number] } catch { return [] } }))
    expect(recorded.size).toBe(ids.length)
  })
})
