import { prng } from "@deleted-users/simulator"
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it } from "vitest"
import { startSimulatorProcess, type SimulatorProcess } from "@deleted-users/simulator"

const child = fileURLToPath(new URL("./fixtures/purge-child.mjs", import.meta.url))
const admin = `Basic ${Buffer.from("admin@example.com/token:sim-api-token").toString("base64")}`

/** Runs the purge in a child; SIGKILLs it `killAfterMs` after its first outcome, when given. */
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

/** Every deleted user of the simulator, as its listing shows them. */
const listing = async (url: string) => {
  const users: Array<{ id: number; name: string }> = []
  let after: string | null = null
  for (let i = 0; i < 100; i++) {
    const query: string = `page%5Bsize%5D=100${after === null ? "" : `&page%5Bafter%5D=${encodeURIComponent(after)}`}`
    const page = (await (await fetch(`${url}/api/v2/deleted_users?${query}`, { headers: { authorization: admin } })).json()) as any
    users.push(...page.deleted_users)
    if (!page.meta.has_more) break
    after = page.meta.after_cursor
  }
  return users
}

/** The audit log's lines, but the torn last one a kill may leave. */
const auditLines = (file: string) =>
  readFileSync(file, "utf8").split("\n").filter(Boolean).flatMap((l) => {
    try {
      return [JSON.parse(l) as { id: number; outcome: string; afterRestart?: true }]
    } catch {
      return []
    }
  })

describe("the audit log after kill -9 at random points", () => {
  let sim: SimulatorProcess | undefined
  afterEach(async () => {
    await sim?.stop()
    sim = undefined
  })

  it.each([
    ["ids from a file (some already gone before the job)", "file", 1234],
    ["ids from a listing (as --older-than)", "list", 4321]
  ])("%s: every id the server purged has exactly one Purged line", async (_, mode, seed) => {
    sim = await startSimulatorProcess(["--users", "300", "--seed", String(seed), "--latency-ms", "4", "--requests-per-window", "1000000", "--purges-per-window", "1000000"])
    const before = await listing(sim.url)
    const goneBefore = new Set(before.filter((u) => u.name === "Permanently Deleted User").map((u) => u.id))
    const softDeleted = before.filter((u) => !goneBefore.has(u.id)).map((u) => u.id)
    expect(softDeleted.length).toBeGreaterThan(120)
    expect(goneBefore.size).toBeGreaterThan(15)
    await sim.admin.reset()

    const dir = mkdtempSync(path.join(os.tmpdir(), "crash-audit-"))
    const checkpoint = path.join(dir, "purge.checkpoint")
    const audit = path.join(dir, "audit.ndjson")
    const idsFile = path.join(dir, "ids.json")
    // From a file: the soft-deleted users and those already gone, shuffled together.
    const random = prng(seed)
    const ids = [...softDeleted, ...goneBefore].sort(() => random() - 0.5)
    writeFileSync(idsFile, JSON.stringify(ids))
    const args = [sim.url, checkpoint, mode === "file" ? idsFile : "list", audit]

    let kills = 0
    for (let run = 0; run < 8; run++) {
      const result = await runChild(args, Math.floor(random() * 150))
      if (result.signal === "SIGKILL") kills++
      else expect(result, result.stderr).toMatchObject({ code: 0 })
      if ((await sim.admin.state()).users.softDeleted === 0) break
    }
    const last = await runChild(args)
    expect(last.code, last.stderr).toBe(0)
    expect(kills).toBeGreaterThanOrEqual(3)

    // What the server did, from its request log: the ids it purged with a 200, each exactly once.
    const { requests } = await sim.admin.requests()
    const purgedByServer = requests.filter((r) => r.method === "DELETE" && r.status === 200).map((r) => Number(r.path.split("/").at(-1)))
    expect(new Set(purgedByServer).size).toBe(purgedByServer.length)
    expect(new Set(purgedByServer)).toEqual(new Set(softDeleted))
    expect((await sim.admin.state()).users.softDeleted).toBe(0)

    // What the audit log says: exactly one Purged line for each of them, and no AlreadyGone.
    const lines = auditLines(audit)
    const finals = new Map<number, Array<{ outcome: string; afterRestart?: true }>>()
    for (const l of lines) if (l.outcome === "Purged" || l.outcome === "AlreadyGone") finals.set(l.id, [...(finals.get(l.id) ?? []), l])
    for (const id of purgedByServer) expect(finals.get(id)?.map((l) => l.outcome), `id ${id}`).toEqual(["Purged"])
    // Ids gone before the job: one AlreadyGone line (or, when a kill fell between the 404 and its line, one Purged afterRestart).
    const ambiguous = mode === "file" ? [...goneBefore].filter((id) => finals.get(id)?.[0]?.outcome === "Purged") : []
    if (mode === "file") {
      for (const id of goneBefore) expect(finals.get(id), `id ${id}`).toHaveLength(1)
      for (const id of ambiguous) expect(finals.get(id)![0]!.afterRestart).toBe(true)
      expect(ambiguous.length).toBeLessThanOrEqual(kills)
    }
    expect(finals.size).toBe(purgedByServer.length + (mode === "file" ? goneBefore.size : 0))
    // The checkpoint agrees with the audit log.
    expect(existsSync(checkpoint)).toBe(true)
    const checkpointed = new Set(readFileSync(checkpoint, "utf8").split("\n").filter(Boolean).flatMap((l) => { try { return [JSON.parse(l).id as number] } catch { return [] } }))
    expect(checkpointed).toEqual(new Set(finals.keys()))
    console.log(`${mode}: ${kills} kills, ${purgedByServer.length} purged, ${lines.filter((l) => l.afterRestart).length} reconciled after a restart, ${ambiguous.length} gone-before logged as Purged`)
  }, 180_000) // up to nine child processes; 20–35 s on an idle 2-core machine
})
