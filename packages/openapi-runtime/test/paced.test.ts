/**
 * `paced`: a transport wrapper that keeps every request within a shared rolling window, over the
 * memory store on the test clock and over the file store (real files, real clock), and that waits
 * without blocking the event loop.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/testing/TestClock"
import * as Clock from "effect/Clock"
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync, unlinkSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { BudgetStoreError, memoryRateLimitStore, paced, testTransport, type HttpRequest, type SharedWindow } from "@effect-openapi/runtime"
import { fileRateLimitStore, StampFile, staleLockMs } from "@effect-openapi/runtime/stamp-file"

const request = (n: number): HttpRequest => ({ operation: "probe", method: "get", url: `http://api.test/items/${n}`, headers: {}, body: undefined })
const fresh = () => mkdtempSync(path.join(os.tmpdir(), "paced-"))

/** The most arrivals in any rolling `windowMs` (an arrival at t leaves the window at t + windowMs). */
const maxInWindow = (times: ReadonlyArray<number>, windowMs: number) => {
  const sorted = [...times].sort((a, b) => a - b)
  let most = 0
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++
    most = Math.max(most, i - j + 1)
  }
  return most
}

describe("paced", () => {
  it.effect("at most `limit` requests reach the server in any rolling window, each slot counted from its answer (memory store, test clock)", () =>
    Effect.gen(function* () {
      const arrivals: Array<number> = []
      const server = testTransport(() =>
        Effect.gen(function* () {
          arrivals.push(yield* Clock.currentTimeMillis)
          yield* Effect.sleep(Duration.millis(200)) // the answer takes 200 ms: the slot is settled then
          return { status: 200, json: {} }
        })
      )
      const client = paced(server, memoryRateLimitStore(), { key: `paced-${Math.random()}`, limit: 3, windowMs: 1_000 })
      const fiber = yield* Effect.forkChild(Effect.forEach([1, 2, 3, 4, 5, 6, 7], (n) => client.send(request(n), undefined), { concurrency: "unbounded" }))
      yield* TestClock.adjust(Duration.seconds(10))
      const responses = yield* Fiber.join(fiber)
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200])
      expect(arrivals).toHaveLength(7)
      expect(maxInWindow(arrivals, 1_000)).toBe(3)
      // Slots are settled at the answer (200 ms after sending), so the 4th is sent a window after the 1st answer.
      expect(arrivals.slice(0, 4)).toEqual([0, 0, 0, 1_200])
    }))

  it.effect("two clients on one key share the window; another key has its own", () =>
    Effect.gen(function* () {
      const arrivals: Array<string> = []
      const server = (name: string) => testTransport(() => (arrivals.push(name), { status: 204 }))
      const store = memoryRateLimitStore()
      const key = `shared-${Math.random()}`
      const a = paced(server("a"), store, { key, limit: 2, windowMs: 1_000 })
      const b = paced(server("b"), store, { key, limit: 2, windowMs: 1_000 })
      const other = paced(server("other"), store, { key: `${key}-other`, limit: 2, windowMs: 1_000 })
      const fiber = yield* Effect.forkChild(Effect.all([a.send(request(1), undefined), b.send(request(2), undefined), a.send(request(3), undefined), other.send(request(4), undefined)], { concurrency: "unbounded" }))
      yield* TestClock.adjust(Duration.millis(10))
      expect(arrivals.sort()).toEqual(["a", "b", "other"])
      yield* TestClock.adjust(Duration.seconds(2))
      yield* Fiber.join(fiber)
      expect(arrivals).toHaveLength(4)
    }))

  it.effect("a store that fails fails the request as TransportError Refused, and nothing is sent", () =>
    Effect.gen(function* () {
      let sent = 0
      const broken: SharedWindow = { take: Effect.fail(new BudgetStoreError({ store: "redis://127.0.0.1:1", reason: "cannot connect" })), settle: () => Effect.void }
      const error = yield* Effect.flip(paced(testTransport(() => (sent++, { status: 200 })), broken).send(request(1), undefined))
      expect(error).toMatchObject({ _tag: "TransportError", reason: "Refused" })
      expect(error.message).toContain("the rate-limit store redis://127.0.0.1:1 failed: cannot connect")
      expect(sent).toBe(0)
    }))
})

describe("the file store waits without blocking the event loop", () => {
  it("while another process holds the lock, timers keep firing; the request goes once the lock is released", async () => {
    const dir = fresh()
    const store = fileRateLimitStore(dir)
    const lock = `${store.fileOf!("acct")}.lock`
    writeFileSync(lock, "") // another process holds the file's lock
    let sent = 0
    let ticks = 0
    const timer = setInterval(() => ticks++, 5)
    try {
      const client = paced(testTransport(() => (sent++, { status: 200 })), store, { key: "acct", limit: 5, windowMs: 60_000 })
      const pending = Effect.runPromise(client.send(request(1), undefined))
      await new Promise((resolve) => setTimeout(resolve, 300))
      // Atomics.wait would have frozen the thread: no tick, no timeout above.
      expect(ticks).toBeGreaterThanOrEqual(10)
      expect(sent).toBe(0)
      unlinkSync(lock)
      expect((await pending).status).toBe(200)
      expect(sent).toBe(1)
      expect(new StampFile(store.fileOf!("acct"), 5, 60_000).used(Date.now())).toBe(1)
    } finally {
      clearInterval(timer)
    }
  })

  it("a full window is waited out with the event loop free, and the file keeps at most `limit` stamps in any window", async () => {
    const dir = fresh()
    const store = fileRateLimitStore(dir)
    let ticks = 0
    const timer = setInterval(() => ticks++, 5)
    const arrivals: Array<number> = []
    try {
      const client = paced(testTransport(() => (arrivals.push(Date.now()), { status: 200 })), store, { key: "acct", limit: 2, windowMs: 300 })
      await Effect.runPromise(Effect.forEach([1, 2, 3, 4, 5], (n) => client.send(request(n), undefined), { concurrency: "unbounded" }))
    } finally {
      clearInterval(timer)
    }
    expect(arrivals).toHaveLength(5)
    expect(maxInWindow(arrivals, 300)).toBeLessThanOrEqual(2)
    expect(ticks).toBeGreaterThanOrEqual(20) // two full windows waited, timers firing all along
  })

  it("a lock left by a dead holder (untouched past staleLockMs) is taken over: the wait is bounded", async () => {
    const dir = fresh()
    const store = fileRateLimitStore(dir)
    const lock = `${store.fileOf!("acct")}.lock`
    writeFileSync(lock, "")
    const old = (Date.now() - staleLockMs - 1_000) / 1_000
    utimesSync(lock, old, old)
    const client = paced(testTransport(() => ({ status: 200 })), store, { key: "acct", limit: 5, windowMs: 60_000 })
    expect((await Effect.runPromise(client.send(request(1), undefined))).status).toBe(200)
    expect(existsSync(lock)).toBe(false)
  })
})

describe("StampFile never waits", () => {
  it("locked by another holder: take says to try again a few ms on, settle changes nothing and says false", () => {
    const file = path.join(fresh(), "budget")
    const stamps = new StampFile(file, 3, 1_000)
    expect(stamps.take(10_000)).toBeUndefined()
    writeFileSync(`${file}.lock`, "")
    const retryAt = stamps.take(10_100)
    expect(retryAt).toBeGreaterThan(10_100)
    expect(retryAt).toBeLessThanOrEqual(10_100 + 20)
    expect(stamps.settle(10_000, 10_500)).toBe(false)
    expect(readFileSync(file, "utf8")).toBe("10000\n")
    unlinkSync(`${file}.lock`)
    expect(stamps.settle(10_000, 10_500)).toBe(true)
    expect(readFileSync(file, "utf8")).toBe("10000\n-10000\n10500\n")
  })
})
