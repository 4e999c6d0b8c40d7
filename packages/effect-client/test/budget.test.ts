import { start, type RunningSimulator } from "@deleted-users/simulator"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Clock, Duration, Effect, Exit, Fiber, Layer, Option, Stream } from "effect"
import { RateLimiter } from "effect/persistence"
import { TestClock } from "effect/testing"
import { mkdtempSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll } from "vitest"
import { BudgetStoreError, DeletedUsers, fileRateLimitStore, makeLimiter, memoryRateLimitStore, parseRateLimitStore, rateLimiterStore, StampFile, tokenBucketFor } from "../src/index.js"
import { freePort, maxInRollingWindow, runFixture, startRedis, type RedisServer } from "./processes.js"
import { clientLayer } from "./support.js"

describe("a token bucket sized for a rolling window", () => {
  it("700 per 10 minutes and its 1 s margin: burst 10, a token every 872 ms, so at most 10 + 690 = 700 in any window", () => {
    expect(tokenBucketFor(700, 601_000)).toEqual({ burst: 10, refillMs: 872 })
    const { burst, refillMs } = tokenBucketFor(700, 601_000)
    expect(burst + Math.ceil(601_000 / refillMs)).toBeLessThanOrEqual(700)
    // The scaled budget of the tests below: 40 per 10 s, and the same 1 s margin.
    const scaled = tokenBucketFor(40, 11_000)
    expect(scaled).toEqual({ burst: 10, refillMs: 367 })
    expect(scaled.burst + Math.ceil(11_000 / scaled.refillMs)).toBeLessThanOrEqual(40)
    for (const [limit, windowMs] of [[1, 1_000], [2, 5_000], [3, 60_000], [41, 10_000], [700, 61_200], [5_000, 600_000]] as const) {
      const { burst: b, refillMs: r } = tokenBucketFor(limit, windowMs)
      expect(b).toBeGreaterThanOrEqual(1)
      // burst = limit only for a limit of 1, whose refill waits longer than the window.
      if (b < limit) expect(b + Math.ceil(windowMs / r)).toBeLessThanOrEqual(limit)
      else expect(r).toBeGreaterThan(windowMs)
    }
  })

  /** Eight runners taking slots as fast as the bucket gives them, for 40 minutes of virtual time: when each slot was taken. */
  const hammer = (take: Effect.Effect<unknown, unknown>) =>
    Effect.gen(function* () {
      const times: Array<number> = []
      const start = yield* Clock.currentTimeMillis
      const runner = Effect.gen(function* () {
        for (;;) {
          yield* take
          const now = yield* Clock.currentTimeMillis
          if (now - start > Duration.toMillis("40 minutes")) return
          times.push(now)
        }
      })
      const fibers = yield* Effect.forEach(Array.from({ length: 8 }, () => runner), (r) => Effect.forkChild(r))
      yield* TestClock.adjust("41 minutes")
      yield* Effect.forEach(fibers, Fiber.join)
      return times
    })

  const memoryLimiter = Layer.effect(RateLimiter.RateLimiter, RateLimiter.make).pipe(Layer.provide(RateLimiter.layerStoreMemory))

  it.effect("proved on Effect's RateLimiter (memory store, TestClock): never more than 700 in any rolling 10 minutes, ~690 a window sustained", () =>
    Effect.gen(function* () {
      const limiter = yield* RateLimiter.RateLimiter
      const window = rateLimiterStore(limiter).window({ key: "purges-test", limit: 700, windowMs: 601_000 })
      const times = yield* hammer(window.take)
      const most = maxInRollingWindow(times, 601_000)
      console.log(`token bucket 10 + 1/872 ms: ${times.length} slots in 40 min, at most ${most} in any rolling 10 min 1 s, ${maxInRollingWindow(times, 600_000)} in any 10 min`)
      expect(most).toBeLessThanOrEqual(700)
      expect(maxInRollingWindow(times, 600_000)).toBeLessThanOrEqual(700)
      // Sustained: about 690 a window after the first burst (40 minutes: 10 + 2,400,000 / 872).
      expect(times.length).toBeGreaterThanOrEqual(10 + Math.floor(2_400_000 / 872) - 8)

      // Why not a bucket of 700 refilled over 10 minutes: it admits a full bucket, then its refill, in one window.
      const naive = yield* hammer(limiter.consume({ algorithm: "token-bucket", onExceeded: "delay", key: "naive", limit: 700, window: "10 minutes" }).pipe(
        Effect.flatMap((r) => Effect.sleep(r.delay))
      ))
      console.log(`naive bucket 700 / 10 min: at most ${maxInRollingWindow(naive, 600_000)} in a rolling 10 min`)
      expect(maxInRollingWindow(naive, 600_000)).toBeGreaterThan(1_300)
    }).pipe(Effect.provide(memoryLimiter)))
})

/** Ids files for `children` purges: each its own slice, and the first two ids of the next one's (shared ids test "nobody twice"). */
const splitIds = (dir: string, ids: ReadonlyArray<number>, children: number) => {
  const size = Math.ceil(ids.length / children)
  return Array.from({ length: children }, (_, i) => {
    const own = ids.slice(i * size, (i + 1) * size)
    const shared = ids.slice(((i + 1) % children) * size, ((i + 1) % children) * size + 2)
    const file = path.join(dir, `ids-${i}.json`)
    writeFileSync(file, JSON.stringify([...own, ...shared]))
    return file
  })
}

/** Deletions the simulator counted against its purge window (every DELETE it let through), with when they arrived. */
const deletionTimes = (sim: RunningSimulator) =>
  sim.state.requests.filter((r) => r.method === "DELETE" && (r.status === 200 || r.status === 404)).map((r) => r.at)

describe("one deletion budget per account, shared by every purge at once (different checkpoints)", () => {
  let redis: RedisServer | undefined
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(async () => {
    await redis?.stop()
  })

  const stores: ReadonlyArray<readonly [string, (dir: string) => string]> = [
    ["the embedded file store (one machine)", (dir) => `file:${path.join(dir, "state")}`],
    ["Redis (any number of machines)", () => redis!.url]
  ]

  for (const [name, storeFor] of stores) {
    for (const children of [2, 4]) {
      it(`${children} purges at once on ${name}: within 40 per 10 s, no 429, nobody purged twice`, async () => {
        const perChild = children === 2 ? 30 : 20
        const sim = await start({ users: 100, seed: 40 + children, softDeletedShare: 1, purgedShare: 0, requestsPerWindow: 1_000_000, purgesPerWindow: 40, purgeWindowMs: 10_000 })
        try {
          const dir = mkdtempSync(path.join(os.tmpdir(), "budget-"))
          const ids = sim.state.idsWhere("soft-deleted").slice(0, children * perChild)
          const files = splitIds(dir, ids, children)
          const started = Date.now()
          const results = await Promise.all(
            files.map((file, i) =>
              runFixture("budget-child.mjs", [sim.url, path.join(dir, `checkpoint-${i}`), path.join(dir, `audit-${i}.ndjson`), file, storeFor(dir), "40", "10000", "1000"], { timeoutMs: 90_000 })
            )
          )
          const seconds = (Date.now() - started) / 1000
          for (const r of results) expect(r.code, r.stderr).toBe(0)
          const times = deletionTimes(sim)
          const most = maxInRollingWindow(times, 10_000)
          console.log(`${children} purges, ${name}: ${times.length} deletions in ${seconds.toFixed(1)} s, at most ${most} in any rolling 10 s, ${sim.state.rateLimited.purge} × 429`)
          expect(sim.state.rateLimited.purge).toBe(0)
          expect(sim.state.rateLimited.account).toBe(0)
          expect(most).toBeLessThanOrEqual(40)
          // More than one window's worth: the shared budget did hold them back.
          expect(times.length).toBeGreaterThan(40)
          expect([...sim.state.purges.keys()].sort()).toEqual([...ids].sort())
          expect([...sim.state.purges.values()].every((n) => n === 1)).toBe(true)
        } finally {
          await sim.close()
        }
      }, 120_000)
    }
  }

  it.live("requestBudget paces every request of two clients through Redis: within the account's 30 per 2 s, no 429", () =>
    Effect.acquireUseRelease(
      Effect.promise(() => start({ users: 50, seed: 61, requestsPerWindow: 30, requestWindowMs: 2_000 })),
      (sim) =>
        Effect.gen(function* () {
          const client = clientLayer(sim.url, { rateLimitStore: redis!.url, requestBudget: { limit: 30, window: "2 seconds" } })
          const counts = (n: number) =>
            Effect.gen(function* () {
              const api = yield* DeletedUsers
              yield* Effect.forEach(Array.from({ length: n }), () => api.count(), { concurrency: 5, discard: true })
            }).pipe(Effect.provide(client))
          yield* Effect.all([counts(25), counts(25)], { concurrency: 2 })
          const times = sim.state.requests.map((r) => r.at)
          console.log(`requests through Redis: ${times.length}, at most ${maxInRollingWindow(times, 2_000)} in any rolling 2 s, ${sim.state.rateLimited.account} × 429`)
          expect(times).toHaveLength(50)
          expect(sim.state.rateLimited.account).toBe(0)
          expect(maxInRollingWindow(times, 2_000)).toBeLessThanOrEqual(30)
        }),
      (sim) => Effect.promise(() => sim.close())
    ), 60_000)
})

describe("rate-limit stores named by text (the CLI's --rate-limit-store)", () => {
  it("file, file:<folder>, memory and redis:// URLs are stores; anything else says what to give, without credentials", () => {
    expect(parseRateLimitStore("file")).toMatchObject({ _tag: "Store", store: { description: expect.stringMatching(/^file:\//) } })
    expect(parseRateLimitStore("file:/var/lib/purges")).toMatchObject({ _tag: "Store", store: { description: "file:/var/lib/purges" } })
    expect(parseRateLimitStore("memory")).toMatchObject({ _tag: "Store", store: { description: "memory" } })
    expect(parseRateLimitStore("redis://ops:s3cret@redis.internal:6380/2")).toMatchObject({ _tag: "Store", store: { description: "redis://redis.internal:6380/2" } })
    expect(parseRateLimitStore("rediss://redis.internal")).toMatchObject({ _tag: "Store" })
    const unknown = parseRateLimitStore("redis//ops:s3cret@host")
    expect(unknown).toMatchObject({ _tag: "Invalid", message: expect.stringContaining("give file, file:<folder>, memory, or redis://host:port") })
    expect(JSON.stringify(unknown)).not.toContain("s3cret")
    expect(parseRateLimitStore("redis://")).toMatchObject({ _tag: "Invalid", message: expect.stringContaining("not a Redis URL") })
  })

  it.live("a Redis store out of reach: the purge fails with BudgetStoreError before anything is sent", () =>
    Effect.acquireUseRelease(
      Effect.promise(() => start({ users: 20, seed: 63, requestsPerWindow: 1_000_000 })),
      (sim) =>
        Effect.gen(function* () {
          const port = yield* Effect.promise(() => freePort())
          const purge = Effect.flatMap(DeletedUsers, (api) => Stream.runCollect(api.purge(sim.state.idsWhere("soft-deleted"))))
          const exit = yield* Effect.exit(purge.pipe(Effect.provide(clientLayer(sim.url, { rateLimitStore: `redis://ops:s3cret@127.0.0.1:${port}` }))))
          const error = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.findErrorOption(exit.cause)) : undefined
          expect(error, Exit.isFailure(exit) ? Cause.pretty(exit.cause) : "no failure").toBeInstanceOf(BudgetStoreError)
          expect((error as BudgetStoreError).message).toMatch(new RegExp(`^the rate-limit store redis://127\\.0\\.0\\.1:${port} failed: cannot connect`))
          expect((error as BudgetStoreError).message).not.toContain("s3cret")
          expect(sim.state.requests.filter((r) => r.method === "DELETE")).toHaveLength(0)
        }),
      (sim) => Effect.promise(() => sim.close())
    ), 30_000)
})

describe("the budget's stateFile beside the account's store", () => {
  it.effect("counts in both when it is another file, and once when it is the account's own file", () =>
    Effect.gen(function* () {
      const dir = mkdtempSync(path.join(os.tmpdir(), "state-"))
      const store = fileRateLimitStore(dir)
      const shared = { store, key: "purges-0123456789abcdef" }
      const other = path.join(dir, "purge.checkpoint.budget")
      const both = yield* makeLimiter({ limit: 3, window: "1 minute", margin: 0, stateFile: other }, shared)
      yield* Effect.forEach([1, 2], () => both.acquire)
      const once = yield* makeLimiter({ limit: 3, window: "1 minute", margin: 0, stateFile: store.fileOf!(shared.key) }, shared)
      yield* once.acquire
      const now = yield* Clock.currentTimeMillis
      expect(new StampFile(store.fileOf!(shared.key), 3, 60_000).used(now)).toBe(3)
      expect(new StampFile(other, 3, 60_000).used(now)).toBe(2)
    }))
})

describe("the memory store", () => {
  it.effect("is shared by every limiter of the process for a key, each counting against its own limit", () =>
    Effect.gen(function* () {
      const shared = { store: memoryRateLimitStore(), key: "purges-memory-test" }
      const a = yield* makeLimiter({ limit: 3, window: "1 minute", margin: 0 }, shared)
      const b = yield* makeLimiter({ limit: 3, window: "1 minute", margin: 0 }, shared)
      yield* Effect.all([a.acquire, b.acquire, a.acquire])
      const fourth = yield* Effect.forkChild(b.acquire)
      yield* TestClock.adjust("59 seconds")
      expect(fourth.pollUnsafe()).toBeUndefined()
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fourth)
      // A stricter limiter on the same key counts the same stamps.
      const strict = yield* makeLimiter({ limit: 1, window: "1 minute", margin: 0 }, { ...shared })
      const blocked = yield* Effect.forkChild(strict.acquire)
      yield* TestClock.adjust("1 second")
      expect(blocked.pollUnsafe()).toBeUndefined()
      yield* Fiber.interrupt(blocked)
    }))
})
