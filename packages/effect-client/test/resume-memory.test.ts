// Issue 27, item 15: a rerun after 500,000 audited purges (a 75 MB audit log, a 41 MB checkpoint) of a 1,000,000-user
// account, under the CLI's 128 MB heap: the audit log and the checkpoint are read line by line, so it resumes.
import { start, type RunningSimulator } from "@deleted-users/simulator"
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runFixture } from "./processes.js"

/** Writes lines to a file a megabyte at a time. */
const writeLines = (file: string, lines: (emit: (line: string) => void) => void) => {
  const fd = openSync(file, "w")
  let chunk = ""
  lines((line) => {
    chunk += `${line}\n`
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk)
      chunk = ""
    }
  })
  writeSync(fd, chunk)
  closeSync(fd)
}

describe("a rerun of a 1,000,000-user purge under a 128 MB heap", () => {
  let sim: RunningSimulator
  let dir: string
  beforeAll(async () => {
    sim = await start({ users: 30, seed: 97, softDeletedShare: 1, purgedShare: 0, requestsPerWindow: 1_000_000 })
    dir = mkdtempSync(path.join(os.tmpdir(), "resume-"))
  })
  afterAll(async () => {
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it("reconciles the 75 MB audit log and the 999,000-id checkpoint line by line, skips them all, and purges the rest", async () => {
    const fakeStart = 1_000_000_000_000
    const fakeCount = 999_990
    const audited = 500_000
    const real = sim.state.idsWhere("soft-deleted").slice(0, 10)
    const checkpoint = path.join(dir, "purge.checkpoint")
    const auditLog = path.join(dir, "audit.ndjson")
    const at = "2026-12-06T15:00:00.000Z"
    // The audit log: a Sending and a Purged line for each of the first 500,000 ids.
    writeLines(auditLog, (emit) => {
      for (let i = 0; i < audited; i++) {
        emit(JSON.stringify({ at, id: fakeStart + i, outcome: "Sending" }))
        emit(JSON.stringify({ at, id: fakeStart + i, outcome: "Purged" }))
      }
    })
    // The checkpoint: every fake id but the first 1,000 (a crash between the audit log and the checkpoint, many times over).
    writeLines(checkpoint, (emit) => {
      for (let i = 1_000; i < fakeCount; i++) emit(JSON.stringify({ id: fakeStart + i, outcome: "Purged" }))
    })

    const result = await runFixture("resume-child.mjs", [sim.url, checkpoint, auditLog, String(fakeStart), String(fakeCount), JSON.stringify(real)], {
      nodeFlags: ["--max-old-space-size=128"],
      timeoutMs: 240_000
    })
    expect(result.code, `${result.signal ?? ""} ${result.stderr.slice(-2_000)}`).toBe(0)
    const { tally, peakHeapMB } = JSON.parse(result.stdout) as { tally: Record<string, number>; peakHeapMB: number }
    console.log(`resumed: ${JSON.stringify(tally)}, peak heap ${peakHeapMB} MB`)
    expect(tally).toEqual({ Skipped: fakeCount, Purged: 10 })
    expect([...sim.state.purges.keys()].sort()).toEqual([...real].sort())
    // The checkpoint got the 1,000 ids only the audit log knew, then the 10 purged now.
    const lines = readFileSync(checkpoint, "utf8").split("\n").filter(Boolean)
    expect(lines).toHaveLength(fakeCount - 1_000 + 1_000 + 10)
  }, 300_000)
})
