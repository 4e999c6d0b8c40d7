import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Semaphore from "effect/Semaphore"
import type { HeaderReader } from "./headers.js"
import { StampFile } from "./stamp-file.js"

export { StampFile } from "./stamp-file.js"

/**
 * Waits for a slot of a rolling window shared through a file (see `StampFile`), on the Effect `Clock`,
 * and returns its stamp: every process that paces its requests through the same file stays within
 * the window together.
 */
export const takeSharedSlot = (stamps: StampFile): Effect.Effect<number> =>
  Effect.gen(function* () {
    for (;;) {
      const now = yield* Clock.currentTimeMillis
      const until = stamps.take(now)
      if (until === undefined) return now
      yield* Effect.sleep(Duration.millis(Math.max(1, until - now)))
    }
  })

/**
 * Runs a request in a slot of a shared window; once it is answered (or fails), the slot's stamp
 * moves to that moment, when the server has surely counted it, however slow the way there was.
 */
export const withSharedSlot = <A, E, R>(stamps: StampFile, request: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.flatMap(takeSharedSlot(stamps), (stamp) =>
    Effect.ensuring(request, Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => stamps.settle(stamp, Math.max(stamp, now)))))
  )

/** What a response said of the rate limits, whichever spelling it used. */
export interface RateLimitInfo {
  /** Requests allowed in the window, when the server said. */
  readonly limit: number | undefined
  /** Requests left in the window, when the server said. */
  readonly remaining: number | undefined
  /** Until the window resets, when the server said. */
  readonly reset: Duration.Duration | undefined
}

const num = (value: string | null | undefined) => {
  if (value === null || value === undefined) return undefined
  const n = Number(value.trim())
  return Number.isFinite(n) ? n : undefined
}

/**
 * Reads the rate-limit headers of every era, case-insensitively: `X-Rate-Limit(-Remaining)`,
 * `ratelimit-limit|remaining|reset`, `rate-limit|rate-limit-remaining|rate-limit-reset`, and the
 * endpoint buckets `zendesk-ratelimit-<name>: total=100; remaining=99; resets=41` (the tightest wins).
 */
export const parseRateLimitHeaders = (headers: HeaderReader): RateLimitInfo => {
  let limit = num(headers.get("x-rate-limit")) ?? num(headers.get("ratelimit-limit")) ?? num(headers.get("rate-limit"))
  let remaining = num(headers.get("x-rate-limit-remaining")) ?? num(headers.get("ratelimit-remaining")) ?? num(headers.get("rate-limit-remaining"))
  let reset = num(headers.get("ratelimit-reset")) ?? num(headers.get("rate-limit-reset"))
  headers.forEach((value, name) => {
    if (!name.toLowerCase().startsWith("zendesk-ratelimit-")) return
    const fields = Object.fromEntries(value.split(";").map((kv) => kv.trim().split("=").map((s) => s.trim()) as [string, string]))
    const bucketRemaining = num(fields.remaining)
    if (bucketRemaining !== undefined && (remaining === undefined || bucketRemaining < remaining)) {
      remaining = bucketRemaining
      limit = num(fields.total) ?? limit
      reset = num(fields.resets) ?? reset
    }
  })
  return { limit, remaining, reset: reset === undefined ? undefined : Duration.seconds(reset) }
}

/** How many permanent deletions per window the purge allows itself (default: Zendesk's 700 per 10 minutes). */
export interface PurgeBudget {
  /** Deletions allowed per window (default 700). */
  readonly limit?: number
  /** The rolling window (default 10 minutes). */
  readonly window?: Duration.Input
  /**
   * Extra wait past the window (default 1% of it, at most 1 s): Zendesk counts a deletion when it
   * arrives, later than when it was sent, so a slot is reused only once it has surely expired there too.
   */
  readonly margin?: Duration.Input
  /**
   * A file that keeps the deletions of the window (e.g. beside the checkpoint): a restart, or another
   * purge with the same file, counts them too, so back-to-back and concurrent runs share one budget.
   */
  readonly stateFile?: string
}

/** A limiter: `acquire` before each request; `pause` when the server says to wait; `observe` reads its headers. */
export interface Limiter {
  /** Waits for a slot in the window (and for any pause to end), then takes it. */
  readonly acquire: Effect.Effect<void>
  /** Makes every worker wait `duration` before its next request. */
  readonly pause: (duration: Duration.Duration) => Effect.Effect<void>
  /** Reads a response's rate-limit headers: pauses until the reset when none remain. */
  readonly observe: (info: RateLimitInfo) => Effect.Effect<void>
  /** A 429 came back: counts it and pauses every worker for `Retry-After` (1 s when absent). */
  readonly rateLimited: (retryAfter: Duration.Duration | undefined) => Effect.Effect<void>
  /** Slots acquired, time spent waiting for them, and 429s met (for progress reports and summaries). */
  readonly stats: Effect.Effect<{
    /** Slots acquired. */
    readonly acquired: number
    /** Time spent waiting for slots and pauses. */
    readonly waited: Duration.Duration
    /** 429s met. */
    readonly rateLimited: number
  }>
}

/**
 * A rolling-window limiter on the Effect `Clock` (so the `TestClock` drives it): at most `limit`
 * acquisitions in any `window`, paused further when the server reports no requests remaining or
 * sends `Retry-After` because other traffic shares the account.
 */
export const makeLimiter = (budget: PurgeBudget = {}): Effect.Effect<Limiter> =>
  Effect.gen(function* () {
    const limit = Math.max(1, Math.floor(budget.limit ?? 700))
    const span = Duration.toMillis(budget.window ?? Duration.minutes(10))
    const window = span + (budget.margin === undefined ? Math.min(1_000, span / 100) : Duration.toMillis(budget.margin))
    const semaphore = yield* Semaphore.make(1)
    const state = yield* Ref.make({ stamps: [] as Array<number>, head: 0, pausedUntil: 0, waited: 0, acquired: 0, rateLimited: 0 })
    const shared = budget.stateFile === undefined ? undefined : new StampFile(budget.stateFile, limit, window)

    const sleepUntil = (target: number) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        target > now
          ? Effect.andThen(Ref.update(state, (s) => ({ ...s, waited: s.waited + (target - now) })), Effect.sleep(Duration.millis(target - now)))
          : Effect.void
      )

    const acquire = semaphore.withPermits(1)(
      Effect.gen(function* () {
        for (;;) {
          const now = yield* Clock.currentTimeMillis
          const s = yield* Ref.get(state)
          if (s.pausedUntil > now) {
            yield* sleepUntil(s.pausedUntil)
            continue
          }
          if (shared !== undefined) {
            const until = shared.take(now)
            if (until === undefined) {
              yield* Ref.update(state, (cur) => ({ ...cur, acquired: cur.acquired + 1 }))
              return
            }
            yield* sleepUntil(until)
            continue
          }
          let head = s.head
          while (head < s.stamps.length && s.stamps[head]! <= now - window) head++
          if (s.stamps.length - head < limit) {
            const stamps = head > 4096 ? s.stamps.slice(head) : s.stamps
            stamps.push(now)
            // Update, not set: a pause another worker asked for meanwhile must survive.
            yield* Ref.update(state, (cur) => ({ ...cur, stamps, head: head > 4096 ? 0 : head, acquired: cur.acquired + 1 }))
            return
          }
          yield* Ref.update(state, (cur) => ({ ...cur, head }))
          yield* sleepUntil(s.stamps[head]! + window)
        }
      })
    )

    const pause = (duration: Duration.Duration) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Ref.update(state, (s) => ({ ...s, pausedUntil: Math.max(s.pausedUntil, now + Duration.toMillis(duration)) }))
      )

    const observe = (info: RateLimitInfo) =>
      info.remaining !== undefined && info.remaining <= 0 ? pause(info.reset ?? Duration.seconds(1)) : Effect.void

    const rateLimited = (retryAfter: Duration.Duration | undefined) =>
      Effect.andThen(Ref.update(state, (s) => ({ ...s, rateLimited: s.rateLimited + 1 })), pause(retryAfter ?? Duration.seconds(1)))

    const stats = Effect.map(Ref.get(state), (s) => ({ acquired: s.acquired, waited: Duration.millis(s.waited), rateLimited: s.rateLimited }))
    return { acquire, pause, observe, rateLimited, stats }
  })
