// Issue 27, items 12 and 16: every write of the audit log and the checkpoint is completed and synced, or the purge stops
// with a typed one-line error; files that cannot be used at all are typed errors too, before anything is sent.
import { start, type RunningSimulator } from "@deleted-users/simulator"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit, Option, Stream } from "effect"
import { spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll } from "vitest"
import { DeletedUsers, PurgeFileError, type PurgeOutcome } from "../src/index.js"
import { clientLayer } from "./support.js"

const withSimulator = <A, E, R>(options: Parameters<typeof start>[0], f: (sim: RunningSimulator) => Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(Effect.promise(() => start({ requestsPerWindow: 1_000_000, ...options })), f, (sim) => Effect.promise(() => sim.close()))

const failureOf = <E>(exit: Exit.Exit<unknown, E>) => (Exit.isFailure(exit) ? Option.getOrUndefined(Cause.findErrorOption(exit.cause)) : undefined)

/** A file's lines, each parsed; fails the test on a line that is not whole JSON (a torn line). */
const wholeLines = (file: string) =>
  readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => {
    try {
      return JSON.parse(line) as { id: number; outcome: string }
    } catch {
      throw new Error(`${file} has a torn line: ${JSON.stringify(line)}`)
    }
  })

const purge = (ids: ReadonlyArray<number>, options: { checkpoint: string; auditLog: string }) =>
  Effect.gen(function* () {
    const api = yield* DeletedUsers
    const outcomes: Array<PurgeOutcome> = []
    const exit = yield* Stream.runForEach(api.purge(ids, { ...options, concurrency: 4 }), (o) => Effect.sync(() => void outcomes.push(o))).pipe(Effect.exit)
    return { outcomes, exit }
  })

describe("a disk that fills up during a purge (a real 128 KiB tmpfs)", () => {
  // A small real filesystem: tmpfs needs root (CAP_SYS_ADMIN). Where it cannot be mounted the test is skipped, saying why.
  const dir = mkdtempSync(path.join(os.tmpdir(), "full-disk-"))
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=128k", "tmpfs", dir], { encoding: "utf8" })
  if (mounted.status !== 0) console.warn(`skipping the full-disk test: mount -t tmpfs failed (${(mounted.stderr || String(mounted.error)).trim()}); run as root to test a full disk`)
  afterAll(() => {
    if (mounted.status === 0 && spawnSync("umount", [dir]).status !== 0) spawnSync("umount", ["-l", dir])
    rmSync(dir, { recursive: true, force: true })
  })

  it.live.skipIf(mounted.status !== 0)("ENOSPC stops the purge with PurgeFileError, no torn line, no evidence lost; with space again, a rerun finishes: each id purged and logged once", () =>
    withSimulator({ users: 300, seed: 81, softDeletedShare: 1, purgedShare: 0 }, (sim) =>
      Effect.gen(function* () {
        const files = { checkpoint: path.join(dir, "purge.checkpoint"), auditLog: path.join(dir, "audit.ndjson") }
        // 88 KiB of the 128 taken: room for the locks and about 180 ids' lines, not for 300.
        const filler = path.join(dir, "filler")
        writeFileSync(filler, Buffer.alloc(88 * 1024, 1))
        const ids = sim.state.idsWhere("soft-deleted")
        expect(ids).toHaveLength(300)

        const first = yield* purge(ids, files)
        const error = failureOf(first.exit)
        expect(error, Exit.isFailure(first.exit) ? Cause.pretty(first.exit.cause) : "no failure").toBeInstanceOf(PurgeFileError)
        expect(error).toMatchObject({ code: "ENOSPC", reason: "no space left on device" })
        expect((error as PurgeFileError).message).not.toContain("\n")
        expect((error as PurgeFileError).message).toMatch(/^cannot (write|sync) the (audit log|checkpoint) .*: ENOSPC \(no space left on device\); the purge stopped/)
        expect(sim.state.purges.size).toBeGreaterThan(20)
        expect(sim.state.purges.size).toBeLessThan(300)

        // No torn line in either file, and every id the checkpoint names has its Purged line.
        const audit = wholeLines(files.auditLog)
        const checkpointed = wholeLines(files.checkpoint).map((l) => l.id)
        const purgedLines = new Set(audit.filter((l) => l.outcome === "Purged").map((l) => l.id))
        for (const id of checkpointed) expect(purgedLines.has(id), `checkpointed ${id} has no Purged line`).toBe(true)
        // Every id the server purged is in the audit log: a Purged line, or a Sending line the rerun reconciles.
        const sending = new Set(audit.filter((l) => l.outcome === "Sending").map((l) => l.id))
        for (const id of sim.state.purges.keys()) expect(purgedLines.has(id) || sending.has(id), `purged ${id} is not in the audit log`).toBe(true)

        rmSync(filler)
        const second = yield* purge(ids, files)
        expect(Exit.isSuccess(second.exit), Exit.isFailure(second.exit) ? Cause.pretty(second.exit.cause) : "").toBe(true)
        expect([...sim.state.purges.keys()].sort()).toEqual([...ids].sort())
        expect([...sim.state.purges.values()].every((n) => n === 1)).toBe(true)
        const finals = new Map<number, Array<string>>()
        for (const l of wholeLines(files.auditLog)) if (l.outcome === "Purged" || l.outcome === "AlreadyGone") finals.set(l.id, [...(finals.get(l.id) ?? []), l.outcome])
        for (const id of ids) expect(finals.get(id), `id ${id}`).toEqual(["Purged"])
        expect(new Set(wholeLines(files.checkpoint).map((l) => l.id))).toEqual(new Set(ids))
      }).pipe(Effect.provide(clientLayer(sim.url)))
    ), 60_000)
})

describe("files a purge cannot use are typed one-line errors, and nothing is sent", () => {
  it.live("--audit-log /proc/version (EIO on write, no folder for a lock): PurgeFileError, not a defect", () =>
    withSimulator({ users: 20, seed: 83, softDeletedShare: 1, purgedShare: 0 }, (sim) =>
      Effect.gen(function* () {
        const dir = mkdtempSync(path.join(os.tmpdir(), "proc-"))
        const { exit, outcomes } = yield* purge(sim.state.idsWhere("soft-deleted"), { checkpoint: path.join(dir, "checkpoint"), auditLog: "/proc/version" })
        const error = failureOf(exit)
        expect(error, Exit.isFailure(exit) ? Cause.pretty(exit.cause) : "no failure").toBeInstanceOf(PurgeFileError)
        expect(error).toMatchObject({ file: "audit log", path: "/proc/version" })
        expect((error as PurgeFileError).message).toMatch(/^cannot \w+ the audit log \/proc\/version: E[A-Z]+ \(.+\); the purge stopped/)
        expect((error as PurgeFileError).message).not.toContain("\n")
        expect(outcomes).toHaveLength(0)
        expect(sim.state.requests.filter((r) => r.method === "DELETE")).toHaveLength(0)
      }).pipe(Effect.provide(clientLayer(sim.url)))
    ))

  it.live("a checkpoint that is a folder: PurgeFileError (EISDIR), nothing sent", () =>
    withSimulator({ users: 20, seed: 85, softDeletedShare: 1, purgedShare: 0 }, (sim) =>
      Effect.gen(function* () {
        const dir = mkdtempSync(path.join(os.tmpdir(), "folder-"))
        mkdirSync(path.join(dir, "checkpoint"))
        const { exit } = yield* purge(sim.state.idsWhere("soft-deleted"), { checkpoint: path.join(dir, "checkpoint"), auditLog: path.join(dir, "audit.ndjson") })
        expect(failureOf(exit)).toMatchObject({ _tag: "PurgeFileError", file: "checkpoint", code: "EISDIR" })
        expect(sim.state.requests.filter((r) => r.method === "DELETE")).toHaveLength(0)
      }).pipe(Effect.provide(clientLayer(sim.url)))
    ))
})
