import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Exit, Fiber, Schedule } from "effect"
import { TestClock } from "effect/testing"
import {
  BadRequest,
  DeletedUsers,
  NotFound,
  PurgeConfirmed,
  RateLimited,
  ServerError,
  TransportError,
  UnprocessableEntity,
  defaultRetrySchedule,
  parseRetryAfter,
  retryPolicy,
  type ZendeskError
} from "../src/index.js"
import { clientLayer, realSleep, useSimulator, waitUntil } from "./support.js"

const fields = { operation: "CountDeletedUsers", code: undefined, description: undefined, requestId: undefined, body: undefined, headers: {}, retryAfter: undefined }
const rateLimited = (seconds?: number) => new RateLimited({ ...fields, status: 429, retryAfter: seconds === undefined ? undefined : Duration.seconds(seconds) })
const serverError = (status: number, seconds?: number) => new ServerError({ ...fields, status, retryAfter: seconds === undefined ? undefined : Duration.seconds(seconds) })

/** Runs an always-failing effect under the schedule on the TestClock: the attempts made and the final exit. */
const attemptsUnder = (errors: ReadonlyArray<ZendeskError>, schedule: Schedule.Schedule<unknown, ZendeskError> = defaultRetrySchedule) =>
  Effect.gen(function* () {
    const times: Array<number> = []
    const fiber = yield* Effect.forkChild(
      Effect.suspend(() => {
        times.push(times.length)
        return Effect.fail(errors[Math.min(times.length - 1, errors.length - 1)]!)
      }).pipe(
        Effect.retry(schedule),
        Effect.exit
      )
    )
    // Drive virtual time far enough for any schedule to finish.
    for (let i = 0; i < 100; i++) yield* TestClock.adjust("5 seconds")
    const exit = yield* Fiber.join(fiber)
    return { exit, attempts: times.length }
  })

describe("the default retry policy", () => {
  it("parses Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-11-23T10:00:00Z")
    expect(Duration.toMillis(parseRetryAfter("93", now)!)).toBe(93_000)
    expect(Duration.toMillis(parseRetryAfter("Mon, 23 Nov 2026 10:00:05 GMT", now)!)).toBe(5_000)
    expect(Duration.toMillis(parseRetryAfter("Mon, 23 Nov 2026 09:00:00 GMT", now)!)).toBe(0)
    expect(parseRetryAfter("soon", now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })

  it.effect.each([
    ["400", new BadRequest({ ...fields, status: 400 })],
    ["404", new NotFound({ ...fields, status: 404 })],
    ["422", new UnprocessableEntity({ ...fields, status: 422, details: undefined })],
    ["500", serverError(500)]
  ] as const)("never retries %s", ([, error]) =>
    Effect.gen(function* () {
      const { attempts, exit } = yield* attemptsUnder([error])
      expect(attempts).toBe(1)
      expect(exit).toEqual(Exit.fail(error))
    }))

  it.effect.each([
    ["429", rateLimited()],
    ["502", serverError(502)],
    ["503", serverError(503)],
    ["504", serverError(504)],
    ["a transport failure", new TransportError({ operation: "x", reason: "Connection", message: "reset" })]
  ] as const)("retries %s 4 times (the runtime's default, the one policy), then fails with the last error", ([, error]) =>
    Effect.gen(function* () {
      const { attempts, exit } = yield* attemptsUnder([error])
      expect(attempts).toBe(5)
      expect(exit).toEqual(Exit.fail(error))
    }))

  it.effect("waits Retry-After when it is given: never earlier, at most 20% later", () =>
    Effect.gen(function* () {
      const fiber = yield* Effect.forkChild(Effect.retry(Effect.fail(rateLimited(7)), retryPolicy({ maxRetries: 1 })).pipe(Effect.exit))
      yield* TestClock.adjust(Duration.millis(6_999))
      expect(fiber.pollUnsafe()).toBeUndefined()
      yield* TestClock.adjust(Duration.millis(1_401))
      expect(yield* Fiber.join(fiber)).toEqual(Exit.fail(rateLimited(7)))
    }))

  it.effect("spreads retries told the same Retry-After over [1, 1.2] times it, never before", () =>
    Effect.gen(function* () {
      const delays: Array<number> = []
      for (let i = 0; i < 200; i++) {
        const schedule = retryPolicy({ maxRetries: 1 }).pipe(Schedule.tap(({ output: d }) => Effect.sync(() => Duration.toMillis(d) > 0 && delays.push(Duration.toMillis(d)))))
        const fiber = yield* Effect.forkChild(Effect.exit(Effect.retry(Effect.fail(rateLimited(10)), schedule)))
        yield* TestClock.adjust("12 seconds")
        yield* Fiber.join(fiber)
      }
      expect(delays).toHaveLength(200)
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(10_000)
      expect(Math.max(...delays)).toBeLessThanOrEqual(12_000)
      // Spread out: in 200 draws, more than 100 distinct delays, and both ends of the range are reached.
      expect(new Set(delays).size).toBeGreaterThan(100)
      expect(Math.min(...delays)).toBeLessThan(10_400)
      expect(Math.max(...delays)).toBeGreaterThan(11_600)
    }))

  it.effect("backs off exponentially with ±20% jitter from 200 ms, capped at 20 s", () =>
    Effect.gen(function* () {
      const delays: Array<number> = []
      const schedule = retryPolicy({ maxRetries: 10, maxWaiting: "1 hour" }).pipe(
        // The output is the delay chosen; zero is the final "done" step.
        Schedule.tap(({ output: delay }) => Effect.sync(() => Duration.toMillis(delay) > 0 && delays.push(Duration.toMillis(delay))))
      )
      const { attempts } = yield* attemptsUnder([serverError(503)], schedule)
      expect(attempts).toBe(11)
      expect(delays).toHaveLength(10)
      delays.forEach((delay, n) => {
        const nominal = 200 * 2 ** n
        expect(delay).toBeGreaterThanOrEqual(Math.min(20_000, nominal * 0.8))
        expect(delay).toBeLessThanOrEqual(Math.min(20_000, nominal * 1.2))
      })
      expect(delays.slice(-2)).toEqual([20_000, 20_000])
    }))

  it.effect("gives up when the next wait would pass 2 minutes of waiting in all", () =>
    Effect.gen(function* () {
      // 93 s + 93 s > 120 s: one retry, then the last error.
      const { attempts, exit } = yield* attemptsUnder([rateLimited(93)])
      expect(attempts).toBe(2)
      expect(exit).toEqual(Exit.fail(rateLimited(93)))
    }))
})

const holder = useSimulator()

describe("retries against the simulator", () => {
  it.effect("a 503 with Retry-After: waits it on the TestClock, then succeeds", () =>
    Effect.gen(function* () {
      const before = holder.sim.state.requests.length
      holder.sim.state.faults.add({ _tag: "Status", status: 503, retryAfter: 4 })
      const fiber = yield* Effect.forkChild(Effect.flatMap(DeletedUsers, (api) => api.count()))
      yield* waitUntil(() => holder.sim.state.requests.length === before + 1)
      yield* realSleep(50)
      yield* TestClock.adjust("3999 millis")
      yield* realSleep(50)
      expect(holder.sim.state.requests.length).toBe(before + 1)
      // Retry-After plus at most 20%.
      yield* TestClock.adjust("801 millis")
      const count = yield* Fiber.join(fiber)
      expect(holder.sim.state.requests.length).toBe(before + 2)
      expect(count.value).toBe(holder.sim.state.deletedIds().length)
    }).pipe(Effect.provide(clientLayer(holder.sim.url))))

  it.effect("a 429 mid-way: the call is repeated and succeeds", () =>
    Effect.gen(function* () {
      holder.sim.state.faults.add({ _tag: "Status", status: 429, retryAfter: 1 })
      const fiber = yield* Effect.forkChild(Effect.flatMap(DeletedUsers, (api) => api.listPage({ pageSize: 5 })))
      for (let i = 0; i < 20 && fiber.pollUnsafe() === undefined; i++) {
        yield* realSleep(20)
        yield* TestClock.adjust("1 second")
      }
      const page = yield* Fiber.join(fiber)
      expect(page._tag === "CursorPage" && page.users.length).toBe(5)
    }).pipe(Effect.provide(clientLayer(holder.sim.url))))

  it.effect("permanentlyDelete: a 404 on a retry after a broken response is reported as PurgeConfirmed", () =>
    Effect.gen(function* () {
      const id = holder.sim.state.idsWhere("soft-deleted")[0]!
      // The purge happens, then the body breaks off; the retry finds the user gone.
      holder.sim.state.faults.add({ _tag: "Truncate" }, { method: "DELETE" })
      const fiber = yield* Effect.forkChild(Effect.flatMap(DeletedUsers, (api) => api.permanentlyDelete(id)))
      for (let i = 0; i < 40 && fiber.pollUnsafe() === undefined; i++) {
        yield* realSleep(20)
        yield* TestClock.adjust("1 second")
      }
      const result = yield* Fiber.join(fiber)
      expect(result).toBeInstanceOf(PurgeConfirmed)
      expect(result).toMatchObject({ id })
      expect(holder.sim.state.purges.get(id)).toBe(1)
    }).pipe(Effect.provide(clientLayer(holder.sim.url))))

  it.effect("permanentlyDelete: a 404 with no earlier failure stays NotFound", () =>
    Effect.gen(function* () {
      const purged = holder.sim.state.idsWhere("purged")[0]!
      const exit = yield* Effect.flatMap(DeletedUsers, (api) => api.permanentlyDelete(purged)).pipe(Effect.exit)
      expect(exit).toMatchObject({ _tag: "Failure", cause: { reasons: [{ _tag: "Fail", error: { _tag: "NotFound", status: 404 } }] } })
    }).pipe(Effect.provide(clientLayer(holder.sim.url))))
})
