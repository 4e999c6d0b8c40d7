// Issue 27, item 11: a pause Zendesk asks for past the cap stops the purge (with its outcomes so far) instead of sleeping for years.
import { start, type RunningSimulator } from "@deleted-users/simulator"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Duration, Effect, Exit, Fiber, Option, Stream } from "effect"
import { TestClock } from "effect/testing"
import { mkdtempSync, readFileSync } from "node:fs"
import { createServer, type Server } from "node:http"
import * as os from "node:os"
import * as path from "node:path"
import { DeletedUsers, makeLimiter, PauseTooLong, type PurgeOutcome } from "../src/index.js"
import { clientLayer } from "./support.js"

const withSimulator = <A, E, R>(options: Parameters<typeof start>[0], f: (sim: RunningSimulator) => Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(Effect.promise(() => start({ requestsPerWindow: 1_000_000, ...options })), f, (sim) => Effect.promise(() => sim.close()))

/** The audit log's lines. */
const auditLines = (file: string) => readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { id: number; outcome: string })

/** Runs a purge to its end or its failure (within 20 s of real time): its outcomes and how it ended. */
const purgeOnce = (ids: ReadonlyArray<number>, options: { checkpoint: string; auditLog: string }) =>
  Effect.gen(function* () {
    const api = yield* DeletedUsers
    const outcomes: Array<PurgeOutcome> = []
    const exit = yield* Stream.runForEach(api.purge(ids, { ...options, concurrency: 4 }), (o) => Effect.sync(() => void outcomes.push(o))).pipe(
      Effect.timeoutOrElse({ duration: "20 seconds", orElse: () => Effect.die(new Error("the purge did not stop within 20 s")) }),
      Effect.exit
    )
    return { outcomes, exit }
  })

const failureOf = <E>(exit: Exit.Exit<unknown, E>) => (Exit.isFailure(exit) ? Option.getOrUndefined(Cause.findErrorOption(exit.cause)) : undefined)

/** Every id purged exactly once by the server, and exactly one `Purged` line each in the audit log. */
const expectEachPurgedOnce = (sim: RunningSimulator, ids: ReadonlyArray<number>, auditLog: string) => {
  expect([...sim.state.purges.keys()].sort()).toEqual([...ids].sort())
  expect([...sim.state.purges.values()].every((n) => n === 1)).toBe(true)
  const purgedLines = auditLines(auditLog).filter((l) => l.outcome === "Purged").map((l) => l.id)
  expect([...purgedLines].sort()).toEqual([...ids].sort())
}

describe("a pause past the cap stops the purge, and a rerun resumes", () => {
  it.live("429 with Retry-After: 999999999 on the first DELETE: Failed for that id, then PauseTooLong, not a 31-year sleep", () =>
    withSimulator({ users: 40, seed: 71, softDeletedShare: 1, purgedShare: 0 }, (sim) =>
      Effect.gen(function* () {
        const dir = mkdtempSync(path.join(os.tmpdir(), "pause-"))
        const files = { checkpoint: path.join(dir, "checkpoint"), auditLog: path.join(dir, "audit.ndjson") }
        const ids = sim.state.idsWhere("soft-deleted").slice(0, 12)
        sim.state.faults.add({ _tag: "Status", status: 429, retryAfter: 999_999_999 }, { method: "DELETE" })

        const first = yield* purgeOnce(ids, files)
        const error = failureOf(first.exit)
        expect(error).toBeInstanceOf(PauseTooLong)
        expect(error).toMatchObject({ source: "Retry-After", cap: Duration.minutes(15) })
        // (The runtime caps a Retry-After it reads at 2^31 − 1 ms, 24.9 days: still far past the cap.)
        expect(Duration.toMillis((error as PauseTooLong).asked)).toBeGreaterThanOrEqual(2 ** 31 - 1)
        expect((error as PauseTooLong).message).toMatch(/^Zendesk asked to wait [\d.]+ (days|years) \(Retry-After\), longer than the 15m a purge pauses at most/)
        expect((error as PauseTooLong).message).not.toContain("\n")
        // The id of the 429 is Failed (not checkpointed: a rerun tries it again); at most the deletions already under way went on.
        const failed = first.outcomes.filter((o) => o._tag === "Failed")
        expect(failed).toHaveLength(1)
        expect(failed[0]).toMatchObject({ error: { _tag: "RateLimited", status: 429 } })
        expect(sim.state.purges.size).toBeLessThanOrEqual(3)

        const second = yield* purgeOnce(ids, files)
        expect(Exit.isSuccess(second.exit), Exit.isFailure(second.exit) ? Cause.pretty(second.exit.cause) : "").toBe(true)
        expectEachPurgedOnce(sim, ids, files.auditLog)
      }).pipe(Effect.provide(clientLayer(sim.url)))
    ))

  it.live("200 with x-rate-limit-remaining: 0 and ratelimit-reset: 999999999: the id is Purged, then PauseTooLong; a rerun resumes", () =>
    withSimulator({ users: 40, seed: 73, softDeletedShare: 1, purgedShare: 0 }, (sim) =>
      Effect.gen(function* () {
        // A real server on 127.0.0.1 in front of the simulator: the first DELETE's answer says no requests remain for 31 years.
        let rewritten = 0
        const proxy: Server = createServer(async (req, res) => {
          const chunks: Array<Buffer> = []
          for await (const chunk of req) chunks.push(chunk as Buffer)
          const upstream = await fetch(`${sim.url}${req.url}`, {
            method: req.method!,
            headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== "host" && k !== "connection").map(([k, v]) => [k, String(v)])),
            ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {})
          })
          const headers = Object.fromEntries([...upstream.headers].filter(([k]) => !["content-length", "content-encoding", "transfer-encoding", "connection"].includes(k)))
          if (req.method === "DELETE" && rewritten++ === 0) Object.assign(headers, { "x-rate-limit-remaining": "0", "ratelimit-remaining": "0", "ratelimit-reset": "999999999" })
          res.writeHead(upstream.status, headers).end(Buffer.from(await upstream.arrayBuffer()))
        })
        yield* Effect.acquireRelease(
          Effect.promise(() => new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", () => resolve()))),
          () => Effect.promise(() => new Promise<void>((resolve) => {
            proxy.close(() => resolve())
            proxy.closeAllConnections()
          }))
        )
        const address = proxy.address()
        const proxyUrl = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`

        const dir = mkdtempSync(path.join(os.tmpdir(), "pause-"))
        const files = { checkpoint: path.join(dir, "checkpoint"), auditLog: path.join(dir, "audit.ndjson") }
        const ids = sim.state.idsWhere("soft-deleted").slice(0, 12)
        const first = yield* purgeOnce(ids, files).pipe(Effect.provide(clientLayer(proxyUrl)))
        const error = failureOf(first.exit)
        expect(error).toBeInstanceOf(PauseTooLong)
        expect(error).toMatchObject({ source: "rate-limit reset" })
        expect(first.outcomes.every((o) => o._tag === "Purged")).toBe(true)
        expect(first.outcomes.length).toBeGreaterThanOrEqual(1)
        expect(sim.state.purges.size).toBeLessThanOrEqual(4)
        // What was purged is checkpointed, so the rerun skips it.
        const checkpointed = readFileSync(files.checkpoint, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l).id as number)
        expect(new Set(checkpointed)).toEqual(new Set(first.outcomes.map((o) => o.id)))

        const second = yield* purgeOnce(ids, files).pipe(Effect.provide(clientLayer(sim.url)))
        expect(Exit.isSuccess(second.exit), Exit.isFailure(second.exit) ? Cause.pretty(second.exit.cause) : "").toBe(true)
        expect(second.outcomes.filter((o) => o._tag === "Skipped")).toHaveLength(first.outcomes.length)
        expectEachPurgedOnce(sim, ids, files.auditLog)
      }).pipe(Effect.scoped)
    ))
})

describe("the limiter's pauses", () => {
  it.effect("a pause up to the cap is waited out; past it, acquire fails with PauseTooLong at once", () =>
    Effect.gen(function* () {
      const limiter = yield* makeLimiter({ limit: 100, window: "1 minute", maxPause: "15 minutes" })
      yield* limiter.pause(Duration.minutes(10))
      const waiting = yield* Effect.forkChild(limiter.acquire)
      yield* TestClock.adjust("9 minutes")
      expect(waiting.pollUnsafe()).toBeUndefined()
      yield* TestClock.adjust("1 minute")
      expect(yield* Fiber.join(waiting)).toBeUndefined()

      yield* limiter.rateLimited(Duration.minutes(16))
      const stopped = yield* Effect.exit(limiter.acquire)
      expect(failureOf(stopped)).toMatchObject({ _tag: "PauseTooLong", source: "Retry-After", asked: Duration.minutes(16) })
      expect((yield* limiter.stats).rateLimited).toBe(1)
    }))

  it.effect("the default cap is 15 minutes, or the window and its margin when longer", () =>
    Effect.gen(function* () {
      const short = yield* makeLimiter({ limit: 10, window: "1 minute" })
      yield* short.observe({ limit: 10, remaining: 0, reset: Duration.minutes(16) })
      expect(failureOf(yield* Effect.exit(short.acquire))).toMatchObject({ _tag: "PauseTooLong", source: "rate-limit reset", cap: Duration.minutes(15) })
      const long = yield* makeLimiter({ limit: 10, window: "1 hour", margin: "1 second" })
      yield* long.observe({ limit: 10, remaining: 0, reset: Duration.minutes(16) })
      const fiber = yield* Effect.forkChild(long.acquire)
      yield* TestClock.adjust("16 minutes")
      expect(yield* Fiber.join(fiber)).toBeUndefined()
    }))
})
