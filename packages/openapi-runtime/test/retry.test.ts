/** The default retry policy by idempotency, Retry-After, backoff, and the pagination helpers (table-driven). */
import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as TestClock from "effect/testing/TestClock"
import { backoffSchedule, ClientError, NotFound, RateLimited, ServerError, TransportError, UnexpectedStatus, isRetryable, nextLink, parseRetryAfter, retryPolicy, valueAt, type OperationError } from "@effect-openapi/runtime"

const fields = (status: number) => ({ operation: "op", status, body: undefined, headers: {}, requestId: undefined, retryAfter: undefined })
const transport = (reason: "Refused" | "Connection" | "Timeout" | "Body" | "TooLarge") => new TransportError({ operation: "op", reason, message: reason })

describe("isRetryable", () => {
  const cases: ReadonlyArray<readonly [string, OperationError, ReadonlyArray<string>]> = [
    ["429", new RateLimited(fields(429)), ["get", "head", "options", "put", "delete", "post", "patch"]],
    ["503", new ServerError(fields(503)), ["get", "head", "options", "put", "delete"]],
    ["502 off its schema (UnexpectedStatus)", new UnexpectedStatus({ ...fields(502), reason: "x" }), ["get", "head", "options", "put", "delete"]],
    ["500", new ServerError(fields(500)), []],
    ["404", new NotFound(fields(404)), []],
    ["418", new ClientError(fields(418)), []],
    ["a refused connection (nothing sent)", transport("Refused"), ["get", "head", "options", "put", "delete", "post", "patch"]],
    ["a reset connection (may have executed)", transport("Connection"), ["get", "head", "options", "put", "delete"]],
    ["a timeout", transport("Timeout"), ["get", "head", "options", "put", "delete"]],
    ["a body past maxResponseBytes (the next one would be as large)", transport("TooLarge"), []]
  ]
  it.each(cases)("%s: retried for exactly the methods listed", (_name, error, methods) => {
    for (const method of ["get", "head", "options", "put", "delete", "post", "patch"]) expect(isRetryable(method, error), method).toBe(methods.includes(method))
  })
})

describe("parseRetryAfter", () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0)
  it.each([
    ["seconds", "7", Duration.seconds(7)],
    ["an HTTP date", "Thu, 01 Jan 2026 12:00:30 GMT", Duration.millis(30_000)],
    ["a date in the past is zero", "Thu, 01 Jan 2026 11:00:00 GMT", Duration.millis(0)],
    ["garbage is absent", "soon", undefined],
    ["absent", undefined, undefined],
    ["a negative number is absent (not a date in year -5)", "-5", undefined],
    ["a decimal is seconds (not a date in 2001)", "5.5", Duration.millis(5500)],
    ["a plus sign, an exponent or a unit is absent", "+5", undefined],
    ["an exponent is absent", "1e3", undefined],
    ["seconds with spaces around", " 7 ", Duration.seconds(7)],
    ["the obsolete RFC 850 date", "Thursday, 01-Jan-26 12:00:30 GMT", Duration.millis(30_000)],
    ["the asctime date", "Thu Jan  1 12:00:30 2026", Duration.millis(30_000)],
    ["a number past 2^31 - 1 ms is capped there (24.8 days)", "99999999999999999999", Duration.millis(2 ** 31 - 1)]
  ] as const)("%s", (_name, value, expected) => {
    expect(parseRetryAfter(value, now)).toEqual(expected)
  })
})

describe("backoffSchedule", () => {
  type Failure = { readonly retry: boolean; readonly after?: Duration.Duration }
  /** Retries `Effect.fail(error)` under a backoff schedule on the TestClock: the delays chosen, the attempts made, the exit. */
  const run = (error: Failure, options: { readonly maxRetries?: number; readonly maxWaiting?: Duration.Input } = {}) =>
    Effect.gen(function* () {
      const delays: Array<number> = []
      let attempts = 0
      const schedule = backoffSchedule<Failure>({ ...options, shouldRetry: (e) => e.retry, retryAfter: (e) => e.after }).pipe(
        Schedule.tap(({ output }) => Effect.sync(() => delays.push(Duration.toMillis(output))))
      )
      const fiber = yield* Effect.forkChild(Effect.exit(Effect.retry(Effect.suspend(() => (attempts++, Effect.fail(error))), schedule)))
      yield* TestClock.adjust("1 hour")
      return { delays, attempts, exit: yield* Fiber.join(fiber) }
    })

  it.effect("backs off exponentially from 200 ms with ±20% jitter, capped at 20 s; gives up after maxRetries with the last error", () =>
    Effect.gen(function* () {
      const error = { retry: true }
      const { delays, attempts, exit } = yield* run(error, { maxRetries: 9, maxWaiting: "1 hour" })
      expect(attempts).toBe(10)
      expect(exit).toEqual(Exit.fail(error))
      expect(delays).toHaveLength(9)
      delays.forEach((delay, n) => {
        expect(delay).toBeGreaterThanOrEqual(Math.min(20_000, 200 * 2 ** n * 0.8))
        expect(delay).toBeLessThanOrEqual(Math.min(20_000, 200 * 2 ** n * 1.2))
      })
      expect(delays.slice(-2)).toEqual([20_000, 20_000])
    }))

  it.effect("waits Retry-After, never less and at most 20% more; gives up when the next wait would pass maxWaiting", () =>
    Effect.gen(function* () {
      const told = yield* run({ retry: true, after: Duration.seconds(10) }, { maxRetries: 3 })
      expect(told.attempts).toBe(4)
      for (const delay of told.delays) {
        expect(delay).toBeGreaterThanOrEqual(10_000)
        expect(delay).toBeLessThanOrEqual(12_000)
      }
      // 70 s + 70 s > 2 minutes: one retry, then the last error.
      const long = yield* run({ retry: true, after: Duration.seconds(70) })
      expect(long.attempts).toBe(2)
      const refused = yield* run({ retry: false })
      expect(refused.attempts).toBe(1)
      expect(refused.delays).toEqual([])
    }))

  it.effect("the jitter on Retry-After never takes the total past maxWaiting", () =>
    Effect.gen(function* () {
      const delays: Array<number> = []
      for (let i = 0; i < 20; i++) {
        const run1 = yield* run({ retry: true, after: Duration.seconds(50) }, { maxRetries: 1, maxWaiting: "55 seconds" })
        expect(run1.attempts).toBe(2)
        delays.push(...run1.delays)
      }
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(50_000)
      expect(Math.max(...delays)).toBeLessThanOrEqual(55_000)
    }))

  it.effect("retryPolicy reads the Retry-After of the error, and retries by the method", () =>
    Effect.gen(function* () {
      let attempts = 0
      const limited = new RateLimited({ ...fields(429), retryAfter: Duration.seconds(2) })
      const fiber = yield* Effect.forkChild(Effect.exit(Effect.retry(Effect.suspend(() => (attempts++, Effect.fail(limited))), retryPolicy("post", { maxRetries: 1 }))))
      yield* TestClock.adjust("1999 millis")
      expect(attempts).toBe(1)
      yield* TestClock.adjust("401 millis")
      expect(yield* Fiber.join(fiber)).toEqual(Exit.fail(limited))
      expect(attempts).toBe(2)
    }))
})

describe("pagination helpers", () => {
  it.each([
    ['<https://a/x?page=2>; rel="next"', "https://a/x?page=2"],
    ['<https://a/x?page=1>; rel="prev", <https://a/x?page=3>; rel="next"', "https://a/x?page=3"],
    ['<https://a/x?page=3>; rel="last next"', "https://a/x?page=3"],
    ['<https://a/x?page=1>; rel="prev"', undefined],
    ["", undefined]
  ])("Link %j → %s", (header, expected) => {
    expect(nextLink(header)).toBe(expected)
  })

  it("valueAt reads RFC 6901 pointers, ~1 and ~0 included", () => {
    expect(valueAt({ a: { "b/c": { "d~e": 1 } } }, "/a/b~1c/d~0e")).toBe(1)
    expect(valueAt({ a: [10, 20] }, "/a/1")).toBe(20)
    expect(valueAt({ a: null }, "/a/b")).toBeUndefined()
  })
})
