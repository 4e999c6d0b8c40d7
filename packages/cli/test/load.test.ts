import { spawn } from "node:child_process"
import { mkdtempSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it } from "@effect/vitest"
import { startSimulatorProcess, type SimulatorProcess } from "@deleted-users/simulator"

const bin = fileURLToPath(new URL("../bin/deleted-users.cjs", import.meta.url))
const admin = `Basic ${Buffer.from("admin@example.com/token:sim-api-token").toString("base64")}`

const cli = (args: ReadonlyArray<string>, env: Record<string, string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve) => {
    const started = Date.now()
    const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d) => (stdout += d))
    child.stderr.on("data", (d) => (stderr += d))
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }))
  })

describe("runs share the account's budgets through files", () => {
  let sim: SimulatorProcess | undefined
  afterEach(async () => {
    await sim?.stop()
    sim = undefined
  })

  it("20 concurrent list runs stay within the account's limit: 0 × 429, every run complete", async () => {
    // 20 requests per 3 s; 20 runs of 6 pages each need 120 requests: six windows at least.
    sim = await startSimulatorProcess(["--users", "400", "--seed", "20", "--requests-per-window", "20", "--request-window-seconds", "3"])
    const count = (await (await fetch(`${sim.url}/api/v2/deleted_users/count`, { headers: { authorization: admin } })).json()).count.value as number
    await new Promise((r) => setTimeout(r, 3_100))
    await sim.admin.reset()
    const env = { ZENDESK_BASE_URL: sim.url, ZENDESK_EMAIL: "admin@example.com", ZENDESK_API_TOKEN: "sim-api-token", DELETED_USERS_STATE_DIR: mkdtempSync(path.join(os.tmpdir(), "state-")) }
    const runs = await Promise.all(Array.from({ length: 20 }, () => cli(["list", "--page-size", "50", "--rate-limit", "20/3s"], env)))
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0)
      expect(run.stdout.trim().split("\n")).toHaveLength(count)
    }
    const state = await sim.admin.state()
    expect(state.rateLimited.account).toBe(0)
    expect(state.requests).toBe(20 * Math.ceil(count / 50))
  }, 300_000)

  it("back-to-back purges with one checkpoint share the purge budget: the second waits instead of meeting a 429", async () => {
    sim = await startSimulatorProcess(["--users", "200", "--seed", "21", "--purges-per-window", "5", "--purge-window-seconds", "10", "--requests-per-window", "100000"])
    const dir = mkdtempSync(path.join(os.tmpdir(), "budget-"))
    const listing = (await (await fetch(`${sim.url}/api/v2/deleted_users?page%5Bsize%5D=100`, { headers: { authorization: admin } })).json()) as { deleted_users: Array<{ id: number; name: string }> }
    const ids = listing.deleted_users.filter((u) => u.name !== "Permanently Deleted User").map((u) => String(u.id))
    const env = { ZENDESK_BASE_URL: sim.url, ZENDESK_EMAIL: "admin@example.com", ZENDESK_API_TOKEN: "sim-api-token", DELETED_USERS_STATE_DIR: dir }
    const args = ["purge", "--yes", "--budget", "5/10s", "--checkpoint", path.join(dir, "purge.checkpoint")]
    const first = await cli([...args, ...ids.slice(0, 5)], env)
    const second = await cli([...args, ...ids.slice(5, 10)], env)
    expect(first.code, first.stderr).toBe(0)
    expect(second.code, second.stderr).toBe(0)
    expect(JSON.parse(second.stdout).summary).toMatchObject({ purged: 5, rateLimited429: 0 })
    expect(JSON.parse(second.stdout).summary.secondsWaitingOnRateLimits).toBeGreaterThan(2)
    expect((await sim.admin.state()).rateLimited.purge).toBe(0)
  })
})
