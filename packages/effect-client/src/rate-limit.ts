import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Semaphore from "effect/Semaphore"
import * as path from "node:path"
import { privateWindow, stampFileWindow, type RateLimitStore, type SharedWindow } from "./budget-store.js"
import type { HeaderReader } from "./headers.js"
import { PauseTooLong, type BudgetStoreError } from "./purge-errors.js"
import { StampFile } from "./stamp-file.js"

export { StampFile } from "./stamp-file.js"

/**
 * Waits for a slot of a rolling window shared through a file (see `StampFile`), on the Effect `Clock`,
 * and returns its stamp: every process that paces its requests through the same file stays within
 * the window together. The runtime's `stampFileWindow(stamps).take`; a file that cannot be used is a defect here.
 */
export const takeSharedSlot = (stamps: StampFile): Effect.Effect<number> => Effect.orDie(stampFileWindow(stamps).take)

/**
 * Runs a request in a slot of a shared window; once it is answered (or fails), the slot's stamp
 * moves to that moment, when the server has surely counted it, however slow the way there was
 * (the runtime's `stampFileWindow`: a settle that finds the file locked tries again, for up to 5 s).
 */
export const withSharedSlot = <A, E, R>(stamps: StampFile, request: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> => {
  const window = stampFileWindow(stamps)
  return Effect.flatMap(Effect.orDie(window.take), (stamp) => Effect.ensuring(request, window.settle(stamp)))
}

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
   * A file or memory store also moves each slot to when its answer came back; a token-bucket store
   * (Redis) counts a deletion when it is sent, so there the margin must cover the time from sending to
   * Zendesk's counting, and the runners' clocks must agree within it (NTP).
   */
  readonly margin?: Duration.Input
  /**
   * A file that also keeps the deletions of the window: a restart, or another purge with the same file,
   * counts them too. The account's budget is kept whatever this says (see `rateLimitStore` of
   * `DeletedUsersOptions`): purges with different files still share it.
   */
  readonly stateFile?: string
  /**
   * The longest the purge pauses when Zendesk asks it to wait (`Retry-After`, or a rate-limit reset with
   * nothing remaining); asked for longer, it stops with `PauseTooLong` and a rerun resumes. Default:
   * 15 minutes, or the window and its margin if longer.
   */
  readonly maxPause?: Duration.Input
  /** The burst of a token-bucket store (Redis, `RateLimiter`); see `tokenBucketFor` (default: a quarter of `limit`, 1 to 10). */
  readonly burst?: number
}

/** A limiter: `acquire` before each request; `pause` when the server says to wait; `observe` reads its headers. */
export interface Limiter {
  /**
   * Waits for a slot in the window (and for any pause to end), then takes it. Fails with `PauseTooLong`
   * once Zendesk asked for a pause past `maxPause`, and with `BudgetStoreError` when the shared budget's store fails.
   */
  readonly acquire: Effect.Effect<void, PauseTooLong | BudgetStoreError>
  /**
   * `acquire`, returning what to run once the slot's request is answered (or failed): a store that can
   * moves the slot to that moment, when Zendesk has surely counted the request, however slow the way was.
   */
  readonly take: Effect.Effect<Effect.Effect<void>, PauseTooLong | BudgetStoreError>
  /** Makes every worker wait `duration` before its next request (past `maxPause`, the next `acquire` fails instead). */
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

/** The account whose budget a limiter shares: the store that keeps it, and the account's key there (see `accountKey`). */
export interface SharedBudget {
  /** Where the account's budget is kept. */
  readonly store: RateLimitStore
  /** The account's key (`purges-<hash>`). */
  readonly key: string
}

/**
 * A rolling-window limiter on the Effect `Clock` (so the `TestClock` drives it): at most `limit`
 * acquisitions in any `window` (plus its margin), paused further when the server reports no requests
 * remaining or sends `Retry-After` because other traffic shares the account, and stopped
 * (`PauseTooLong`) when it asks for a pause past `maxPause`. With `shared`, the window is the account's
 * in a `RateLimitStore`, shared by every purge and every runner that uses the store; without it, the
 * limiter's own (and `stateFile`'s, when given).
 */
export const makeLimiter = (budget: PurgeBudget = {}, shared?: SharedBudget): Effect.Effect<Limiter> =>
  Effect.gen(function* () {
    const limit = Math.max(1, Math.floor(budget.limit ?? 700))
    const span = Duration.toMillis(budget.window ?? Duration.minutes(10))
    const window = span + (budget.margin === undefined ? Math.min(1_000, span / 100) : Duration.toMillis(budget.margin))
    const maxPause = budget.maxPause === undefined ? Math.max(Duration.toMillis(Duration.minutes(15)), window) : Duration.toMillis(budget.maxPause)
    const semaphore = yield* Semaphore.make(1)
    const state = yield* Ref.make({
      pausedUntil: 0,
      halted: undefined as PauseTooLong | undefined,
      waited: 0,
      acquired: 0,
      rateLimited: 0
    })
    // `stateFile` counts too, unless it is the very file the account's store keeps (it would count each deletion twice).
    const legacy = budget.stateFile === undefined || shared?.store.fileOf?.(shared.key) === path.resolve(budget.stateFile)
      ? undefined
      : stampFileWindow(new StampFile(budget.stateFile, limit, window))
    const account = shared === undefined
      ? legacy === undefined ? privateWindow(limit, window) : undefined
      : shared.store.window({ key: shared.key, limit, windowMs: window, ...(budget.burst === undefined ? {} : { burst: budget.burst }) })
    const windows = [legacy, account].filter((w): w is SharedWindow => w !== undefined)

    const sleepUntil = (target: number) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        target > now
          ? Effect.andThen(Ref.update(state, (s) => ({ ...s, waited: s.waited + (target - now) })), Effect.sleep(Duration.millis(target - now)))
          : Effect.void
      )

    /** Runs a wait and counts the time it took as waited. */
    const timed = <A, E>(wait: Effect.Effect<A, E>) =>
      Effect.gen(function* () {
        const before = yield* Clock.currentTimeMillis
        const result = yield* wait
        const after = yield* Clock.currentTimeMillis
        if (after > before) yield* Ref.update(state, (s) => ({ ...s, waited: s.waited + (after - before) }))
        return result
      })

    /** Waits out a pause, or fails once one past the cap was asked for. */
    const awaitPause: Effect.Effect<void, PauseTooLong> = Effect.gen(function* () {
      for (;;) {
        const s = yield* Ref.get(state)
        if (s.halted !== undefined) return yield* Effect.fail(s.halted)
        const now = yield* Clock.currentTimeMillis
        if (s.pausedUntil <= now) return
        yield* sleepUntil(s.pausedUntil)
      }
    })

    const take = semaphore.withPermits(1)(
      Effect.gen(function* () {
        yield* awaitPause
        const stamps: Array<readonly [SharedWindow, number]> = []
        for (const w of windows) stamps.push([w, yield* timed(w.take)])
        // A pause asked for while this worker waited for its slot holds it too.
        yield* awaitPause
        yield* Ref.update(state, (cur) => ({ ...cur, acquired: cur.acquired + 1 }))
        return Effect.forEach(stamps, ([w, stamp]) => w.settle(stamp), { discard: true })
      })
    )
    const acquire = Effect.asVoid(take)

    const pauseFor = (duration: Duration.Duration, source: PauseTooLong["source"]) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Ref.update(state, (s) => {
          const ms = Duration.toMillis(duration)
          if (!(ms <= maxPause)) {
            return s.halted !== undefined ? s : { ...s, halted: new PauseTooLong({ asked: duration, cap: Duration.millis(maxPause), source }) }
          }
          return { ...s, pausedUntil: Math.max(s.pausedUntil, now + ms) }
        })
      )

    const pause = (duration: Duration.Duration) => pauseFor(duration, "Retry-After")

    const observe = (info: RateLimitInfo) =>
      info.remaining !== undefined && info.remaining <= 0 ? pauseFor(info.reset ?? Duration.seconds(1), "rate-limit reset") : Effect.void

    const rateLimited = (retryAfter: Duration.Duration | undefined) =>
      Effect.andThen(Ref.update(state, (s) => ({ ...s, rateLimited: s.rateLimited + 1 })), pauseFor(retryAfter ?? Duration.seconds(1), "Retry-After"))

    const stats = Effect.map(Ref.get(state), (s) => ({ acquired: s.acquired, waited: Duration.millis(s.waited), rateLimited: s.rateLimited }))
    return { acquire, take, pause, observe, rateLimited, stats }
  })
