import { start, type RunningSimulator } from "@deleted-users/simulator"
import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"

const bin = fileURLToPath(new URL("../bin/deleted-users.cjs", import.meta.url))

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs the built binary against a base URL; `onStdout` may act on output (to interrupt it). */
const cli = (args: Array<string>, env: Record<string, string | undefined>, options: { stdin?: string; onStderr?: (text: string, kill: (s: NodeJS.Signals) => void) => void } = {}) =>
  new Promise<Run>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ["pipe", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d) => (stdout += d))
    child.stderr.on("data", (d) => {
      stderr += d
      options.onStderr?.(stderr, (s) => child.kill(s))
    })
    child.stdin.end(options.stdin ?? "")
    // "close", not "exit": the pipes may still hold output when the process has exited.
    child.on("close", (code) => resolve({ code, stdout, stderr }))
  })

describe("deleted-users (the built binary) against the simulator", () => {
  let sim: RunningSimulator
  let env: Record<string, string>
  beforeAll(async () => {
    sim = await start({ users: 400, seed: 8, requestsPerWindow: 100_000, latencyMs: 1 })
    env = { ZENDESK_BASE_URL: sim.url, ZENDESK_EMAIL: "admin@example.com", ZENDESK_API_TOKEN: "sim-api-token", DELETED_USERS_STATE_DIR: mkdtempSync(path.join(os.tmpdir(), "cli-state-")) }
  })
  afterAll(() => sim.close())
  const deletes = () => sim.state.requests.filter((r) => r.method === "DELETE").length

  it("count prints the body as JSON and exits 0", async () => {
    const run = await cli(["count"], env)
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).count.value).toBe(sim.state.deletedIds().length)
  })

  it("show prints the user; a purged user exits 1 with status, code and request id", async () => {
    const id = sim.state.idsWhere("soft-deleted")[0]!
    const ok = await cli(["show", String(id)], env)
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout).deleted_user.id).toBe(id)
    const gone = await cli(["show", String(sim.state.idsWhere("purged")[0])], env)
    expect(gone.code).toBe(1)
    expect(gone.stderr).toMatch(/404 RecordNotFound: Not found \(request id [0-9a-f]{16}\)/)
  })

  it.each([["ndjson"], ["json"], ["table"]])("list --format %s prints every deleted user", async (format) => {
    const run = await cli(["list", "--format", format, "--page-size", "50"], env)
    expect(run.code).toBe(0)
    const ids = format === "ndjson" ? run.stdout.trim().split("\n").map((l) => JSON.parse(l).id) : format === "json" ? JSON.parse(run.stdout).map((u: { id: number }) => u.id) : run.stdout.trim().split("\n").slice(1).map((l) => Number(l.split("\t")[0]))
    expect(ids).toEqual(sim.state.deletedIds())
  })

  it("list --pagination offset gives the same users", async () => {
    const run = await cli(["list", "--pagination", "offset"], env)
    expect(run.stdout.trim().split("\n").map((l) => JSON.parse(l).id)).toEqual(sim.state.deletedIds())
  })

  it.each([
    ["show abc", ["show", "abc"]],
    ["show -5", ["show", "--", "-5"]],
    ["purge with a bad id among good ones", ["purge", "--yes", String(10_000_000_001), "12x"]],
    ["purge with no selection", ["purge", "--yes"]],
    ["purge with a bad --older-than", ["purge", "--yes", "--older-than", "soon"]],
    ["purge with a bad --budget", ["purge", "--yes", "--budget", "lots", String(10_000_000_001)]],
    ["an unknown command", ["restore", "1"]],
    ["an unknown flag", ["count", "--colour"]]
  ])("%s: exit 2, and no request reaches the server", async (_, args) => {
    const before = sim.state.requests.length
    const run = await cli(args, env)
    expect(run.code).toBe(2)
    expect(sim.state.requests.length).toBe(before)
  })

  it("credentials come only from the environment: without them, exit 2 and nothing sent", async () => {
    const before = sim.state.requests.length
    const run = await cli(["count", "--base-url", sim.url], {})
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/ZENDESK_/)
    expect(sim.state.requests.length).toBe(before)
  })

  it("a wrong token: exit 1 with 401 and the request id", async () => {
    const run = await cli(["count"], { ...env, ZENDESK_API_TOKEN: "wrong" })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/401 Couldn't authenticate you \(request id/)
    expect(run.stderr).not.toContain("wrong")
  })

  it("purge without --yes refuses when there is no terminal, and sends no DELETE", async () => {
    const before = deletes()
    const run = await cli(["purge", String(sim.state.idsWhere("soft-deleted")[0])], env)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/refusing to purge without --yes/)
    expect(deletes()).toBe(before)
  })

  it("purge --dry-run shows the users and purges none", async () => {
    const ids = sim.state.idsWhere("soft-deleted").slice(0, 5)
    const before = deletes()
    const run = await cli(["purge", "--dry-run", ...ids.map(String)], env)
    expect(run.code).toBe(0)
    expect(run.stdout.trim().split("\n").slice(0, 5).map((l) => JSON.parse(l).deleted_user.id)).toEqual(ids)
    expect(JSON.parse(run.stdout.trim().split("\n").at(-1)!).summary).toMatchObject({ wouldPurge: 5, purged: 0 })
    expect(deletes()).toBe(before)
  })

  it("purge --from a file, with an audit log", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cli-"))
    const ids = sim.state.idsWhere("soft-deleted").slice(5, 12)
    writeFileSync(path.join(dir, "ids.txt"), `# to purge\n${ids.join("\n")}\n`)
    const run = await cli(["purge", "--yes", "--from", path.join(dir, "ids.txt"), "--audit-log", path.join(dir, "audit.ndjson")], env)
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout.trim()).summary).toMatchObject({ selected: 7, purged: 7 })
    const audit = readFileSync(path.join(dir, "audit.ndjson"), "utf8").trim().split("\n").map((l) => JSON.parse(l))
    // A Sending line (synced) before each deletion, then one outcome line each.
    expect(audit.filter((l) => l.outcome === "Sending").map((l) => l.id).sort()).toEqual([...ids].sort())
    expect(audit.filter((l) => l.outcome === "Purged").map((l) => l.id).sort()).toEqual([...ids].sort())
  })

  it("purge --from - reads the ids from stdin", async () => {
    const ids = sim.state.idsWhere("soft-deleted").slice(12, 15)
    const run = await cli(["purge", "--yes", "--from", "-"], env, { stdin: `${ids.join("\n")}\n` })
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout.trim()).summary).toMatchObject({ selected: 3, purged: 3 })
  })

  it("a purge interrupted with SIGINT exits 130 with its checkpoint flushed, and resumes without purging twice or skipping", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cli-int-"))
    const checkpoint = path.join(dir, "purge.checkpoint")
    const due = sim.state.users.filter((u) => u.status === "soft-deleted" && Date.parse(u.updated_at) < Date.now() - 10 * 86_400_000).map((u) => u.id)
    expect(due.length).toBeGreaterThan(40)
    // A tight budget so the purge is still running when it is interrupted.
    const args = ["purge", "--older-than", "10d", "--yes", "--concurrency", "2", "--budget", "20/1s", "--checkpoint", checkpoint]
    let sent = false
    const first = await cli(args, env, {
      onStderr: (text, kill) => {
        if (!sent && /soft-deleted before/.test(text)) {
          sent = true
          setTimeout(() => kill("SIGINT"), 1_500)
        }
      }
    })
    expect(first.code).toBe(130)
    const recorded = readFileSync(checkpoint, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l).id as number)
    expect(recorded.length).toBeGreaterThan(0)
    expect(recorded.length).toBeLessThan(due.length)
    const second = await cli(args.map((a) => (a === "20/1s" ? "400/1s" : a)), env)
    expect(second.code).toBe(0)
    // Users purged before the interrupt are no longer selected (Zendesk lists them as "Permanently Deleted User").
    const summary = JSON.parse(second.stdout.trim()).summary
    expect(summary.purged).toBeGreaterThan(0)
    expect(summary.purged + recorded.length).toBeLessThanOrEqual(due.length)
    for (const id of due) expect(sim.state.purges.get(id), `id ${id}`).toBe(1)
  })

  it("a purge terminated with SIGTERM exits 143; a rerun leaves one Purged line per purged id", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cli-term-"))
    const checkpoint = path.join(dir, "purge.checkpoint")
    const audit = path.join(dir, "audit.ndjson")
    const due = sim.state.users.filter((u) => u.status === "soft-deleted" && Date.parse(u.updated_at) < Date.now() - 1 * 86_400_000).map((u) => u.id)
    expect(due.length).toBeGreaterThan(15)
    const args = ["purge", "--older-than", "1d", "--yes", "--concurrency", "2", "--budget", "10/1s", "--checkpoint", checkpoint, "--audit-log", audit]
    let sent = false
    const first = await cli(args, env, {
      onStderr: (text, kill) => {
        if (!sent && /soft-deleted before/.test(text)) {
          sent = true
          setTimeout(() => kill("SIGTERM"), 1_000)
        }
      }
    })
    expect(first.code).toBe(143)
    const second = await cli(args.map((a) => (a === "10/1s" ? "400/1s" : a)), env)
    expect(second.code, second.stderr).toBe(0)
    const lines = readFileSync(audit, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { id: number; outcome: string })
    for (const id of due) {
      expect(sim.state.purges.get(id), `id ${id}`).toBe(1)
      expect(lines.filter((l) => l.id === id && (l.outcome === "Purged" || l.outcome === "AlreadyGone")).map((l) => l.outcome), `id ${id}`).toEqual(["Purged"])
    }
  })
})
