// Issue 27, item 14: two purges sharing a checkpoint and an audit log. The second is refused (it would take the first's
// live `Sending` lines for a crashed run's, and log some ids Purged twice); a lock left by a dead purge is taken over.
import { start, type RunningSimulator } from "@deleted-users/simulator"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit, Fiber, Option, Stream } from "effect"
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { DeletedUsers, PurgeLocked, type PurgeOutcome } from "../src/index.js"
import { clientLayer, waitUntil } from "./support.js"

const withSimulator = <A, E, R>(options: Parameters<typeof start>[0], f: (sim: RunningSimulator) => Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(Effect.promise(() => start({ requestsPerWindow: 1_000_000, ...options })), f, (sim) => Effect.promise(() => sim.close()))

const failureOf = <E>(exit: Exit.Exit<unknown, E>) => (Exit.isFailure(exit) ? Option.getOrUndefined(Cause.findErrorOption(exit.cause)) : undefined)

const auditLines = (file: string) => readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { id: number; outcome: string; afterRestart?: true })

const purge = (ids: ReadonlyArray<number>, options: { checkpoint: string; auditLog: string }) =>
  Effect.gen(function* () {
    const api = yield* DeletedUsers
    const outcomes: Array<PurgeOutcome> = []
    const exit = yield* Stream.runForEach(api.purge(ids, { ...options, concurrency: 4 }), (o) => Effect.sync(() => void outcomes.push(o))).pipe(Effect.exit)
    return { outcomes, exit }
  })

/** The pid of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!

describe("one purge at a time per checkpoint and audit log", () => {
  it.live("a second purge on the same files while the first runs: PurgeLocked, nothing sent; the first logs each id Purged once", () =>
    withSimulator({ users: 60, seed: 91, softDeletedShare: 1, purgedShare: 0, latencyMs: 15 }, (sim) =>
      Effect.gen(function* () {
        const dir = mkdtempSync(path.join(os.tmpdir(), "lock-"))
        const files = { checkpoint: path.join(dir, "purge.checkpoint"), auditLog: path.join(dir, "audit.ndjson") }
        const ids = sim.state.idsWhere("soft-deleted")
        const first = yield* Effect.forkChild(purge(ids, files))
        // The first purge is under way: deletions in flight, their Sending lines written.
        yield* waitUntil(() => existsSync(files.auditLog) && readFileSync(files.auditLog, "utf8").includes('"Sending"'))
        const deletesBefore = sim.state.requests.filter((r) => r.method === "DELETE").length

        const second = yield* purge(ids, files)
        const error = failureOf(second.exit)
        expect(error).toBeInstanceOf(PurgeLocked)
        expect(error).toMatchObject({ file: "checkpoint", path: files.checkpoint, pid: process.pid, host: os.hostname() })
        expect((error as PurgeLocked).message).toMatch(/^the checkpoint .* is in use by another purge \(pid \d+ on .+, since .+\); nothing was sent/)
        expect(second.outcomes).toHaveLength(0)

        const { exit } = yield* Fiber.join(first)
        expect(Exit.isSuccess(exit), Exit.isFailure(exit) ? Cause.pretty(exit.cause) : "").toBe(true)
        // Only the first purge sent deletions: one per id.
        expect(sim.state.requests.filter((r) => r.method === "DELETE")).toHaveLength(ids.length)
        expect(deletesBefore).toBeLessThan(ids.length)
        const lines = auditLines(files.auditLog)
        for (const id of ids) expect(lines.filter((l) => l.id === id && l.outcome === "Purged"), `id ${id}`).toHaveLength(1)
        expect(lines.some((l) => l.afterRestart)).toBe(false)
        // The locks are gone with the purge: a rerun starts at once, and skips everything.
        expect(existsSync(`${files.checkpoint}.lock`) || existsSync(`${files.auditLog}.lock`)).toBe(false)
        const rerun = yield* purge(ids, files)
        expect(rerun.outcomes.map((o) => o._tag)).toEqual(ids.map(() => "Skipped"))
      }).pipe(Effect.provide(clientLayer(sim.url)))
    ))

  it.live("sharing only the audit log is refused too", () =>
    withSimulator({ users: 30, seed: 93, softDeletedShare: 1, purgedShare: 0, latencyMs: 15 }, (sim) =>
      Effect.gen(function* () {
        const dir = mkdtempSync(path.join(os.tmpdir(), "lock-"))
        const auditLog = path.join(dir, "audit.ndjson")
        const ids = sim.state.idsWhere("soft-deleted")
        const first = yield* Effect.forkChild(purge(ids, { checkpoint: path.join(dir, "a.checkpoint"), auditLog }))
        yield* waitUntil(() => existsSync(auditLog) && readFileSync(auditLog, "utf8").includes('"Sending"'))
        const second = yield* purge(ids, { checkpoint: path.join(dir, "b.checkpoint"), auditLog })
        expect(failureOf(second.exit)).toMatchObject({ _tag: "PurgeLocked", file: "audit log", path: auditLog })
        yield* Fiber.join(first)
        expect([...sim.state.purges.values()].every((n) => n === 1)).toBe(true)
      }).pipe(Effect.provide(clientLayer(sim.url)))
    ))

  it.live("a lock left by a purge that died (kill -9: its pid is gone), or by one on another host silent for 30 s, is taken over", () =>
    withSimulator({ users: 20, seed: 95, softDeletedShare: 1, purgedShare: 0 }, (sim) =>
      Effect.gen(function* () {
        const dir = mkdtempSync(path.join(os.tmpdir(), "lock-"))
        const files = { checkpoint: path.join(dir, "purge.checkpoint"), auditLog: path.join(dir, "audit.ndjson") }
        const ids = sim.state.idsWhere("soft-deleted")
        const lock = (pid: number, host: string) => JSON.stringify({ pid, host, since: "2026-01-01T00:00:00.000Z", token: "dead" })
        writeFileSync(`${files.checkpoint}.lock`, lock(deadPid(), os.hostname()))
        writeFileSync(`${files.auditLog}.lock`, lock(1, "elsewhere"))
        // Another host's lock, touched a moment ago: that purge may be alive.
        const fresh = yield* purge(ids, files)
        expect(failureOf(fresh.exit)).toMatchObject({ _tag: "PurgeLocked", file: "audit log", host: "elsewhere" })
        // Silent for a minute: abandoned.
        const old = new Date(Date.now() - 60_000)
        utimesSync(`${files.auditLog}.lock`, old, old)
        const taken = yield* purge(ids, files)
        expect(Exit.isSuccess(taken.exit), Exit.isFailure(taken.exit) ? Cause.pretty(taken.exit.cause) : "").toBe(true)
        expect(taken.outcomes.map((o) => o._tag)).toEqual(ids.map(() => "Purged"))
      }).pipe(Effect.provide(clientLayer(sim.url)))
    ))
})
