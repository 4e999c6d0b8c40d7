/**
 * Budgets shared by every runner that uses the same store: a `RateLimitStore` keeps, per key (an
 * account), a rolling window of slots that `paced` takes before each request. Stores here: this
 * process's memory (`memoryRateLimitStore`) and any Effect `RateLimiter` (`rateLimiterStore`, e.g. over
 * its Redis store, for every machine). Files, for the processes of one machine, are a Node store:
 * `@effect-openapi/runtime/stamp-file`. Every wait is an `Effect.sleep` on the Effect clock.
 *
 * @module
 */
import * as Clock from "effect/Clock"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as RateLimiter from "effect/persistence/RateLimiter"
import type * as Scope from "effect/Scope"

/** The store that keeps a shared budget (e.g. a Redis server) failed: nothing more is sent. */
export class BudgetStoreError extends Data.TaggedError("BudgetStoreError")<{
  /** The store, without credentials (`redis://127.0.0.1:6379`, `file:/home/ops/.cache/deleted-users`). */
  readonly store: string
  /** What failed. */
  readonly reason: string
}> {
  /** `BudgetStoreError`, for `Effect.catchTag`. */
  declare readonly _tag: "BudgetStoreError"
  /** One line: which store, and what failed. */
  override get message() {
    return `the rate-limit store ${this.store} failed: ${this.reason}; nothing more was sent: check the store, then run again (a purge resumes from its checkpoint)`
  }
}

/**
 * One key's rolling window of a budget (an account's requests, or its deletions), as kept by a
 * `RateLimitStore`: every runner that takes slots of the same key in the same store shares it.
 */
export interface SharedWindow {
  /** Waits on the Effect `Clock` until the window has room, takes a slot, and returns its stamp (epoch ms). */
  readonly take: Effect.Effect<number, BudgetStoreError>
  /**
   * The request of the slot `stamp` was answered now: a store that can moves the slot here (the server
   * surely counted the request by then, however slow the way was); others do nothing.
   */
  readonly settle: (stamp: number) => Effect.Effect<void>
}

/** How a window is asked for: at most `limit` slots in any `windowMs` (a margin for clocks and latency included). */
export interface WindowSpec {
  /** The key every runner of the account names. */
  readonly key: string
  /** Slots per window. */
  readonly limit: number
  /** The window, in milliseconds, margin included. */
  readonly windowMs: number
  /** For token-bucket stores: the burst (see `tokenBucketFor`). */
  readonly burst?: number
}

/** Where shared budgets are kept, so that every runner that uses the same store stays within them together. */
export interface RateLimitStore {
  /** The store, without credentials: `file:/home/ops/.cache/deleted-users`, `memory`, `redis://127.0.0.1:6379`. */
  readonly description: string
  /** The window of a key. */
  readonly window: (spec: WindowSpec) => SharedWindow
  /**
   * Keeps what the store needs (a connection) open for the current scope, and fails at once if it cannot
   * be had: a long job holds it for its whole run, so it sends nothing when the store is out of reach.
   */
  readonly hold: Effect.Effect<void, BudgetStoreError, Scope.Scope>
  /** For a store of files: the file that keeps a key's window (so that a caller naming the same file does not count twice). */
  readonly fileOf?: (key: string) => string
}

/**
 * What a polled window's `take(now)` returns: `undefined` when it took a slot at `now`, else the epoch
 * ms at which to try again (when the oldest slot leaves the window, or soon, when another holder has
 * the store locked).
 */
export type PollResult = number | undefined

/**
 * The longest a polled window sleeps between two tries (1 minute), however far off its store says the
 * next slot is: a store edited or reset meanwhile is seen within it.
 */
export const maxPollMillis = 60_000

/**
 * A window over a store that is asked, not waited on: `take(now)` takes a slot or says when to try
 * again, and the window sleeps until then (`Effect.sleep`, never blocking the event loop; each sleep
 * at least 1 ms and at most `maxPollMillis`). `settle` is retried the same way while it returns false
 * (the store is locked by another holder), for at most `settleWithinMs`; past that the slot keeps its
 * first stamp.
 */
export const polledWindow = (options: {
  /** Takes a slot at `now`, or says when to try again. */
  readonly take: (now: number) => PollResult
  /** Moves `stamp` to `now`; false when the store is busy (try again). */
  readonly settle: (stamp: number, now: number) => boolean
  /** The typed error of a store that throws. */
  readonly failure: (cause: unknown) => BudgetStoreError
  /** How long `settle` keeps trying (default 5 s). */
  readonly settleWithinMs?: number
}): SharedWindow => {
  const settleWithin = options.settleWithinMs ?? 5_000
  return {
    take: Effect.gen(function* () {
      for (;;) {
        const now = yield* Clock.currentTimeMillis
        const until = yield* Effect.try({ try: () => options.take(now), catch: options.failure })
        if (until === undefined) return now
        yield* Effect.sleep(Duration.millis(Math.min(maxPollMillis, Math.max(1, until - now))))
      }
    }),
    settle: (stamp) =>
      Effect.gen(function* () {
        const start = yield* Clock.currentTimeMillis
        for (let attempt = 0; ; attempt++) {
          const now = yield* Clock.currentTimeMillis
          let done: boolean
          try {
            done = options.settle(stamp, Math.max(stamp, now))
          } catch {
            // the slot keeps its first stamp: the window frees it a little early, as a store without settle does
            return
          }
          if (done || now - start >= settleWithin) return
          yield* Effect.sleep(Duration.millis(Math.min(20, 1 + attempt)))
        }
      })
  }
}

/**
 * The stamps of one key in memory: an exact rolling window, for one process. Callers with different
 * limits or windows share the stamps; each counts them against its own.
 */
class MemoryWindow {
  private stamps: Array<number> = []
  private longest = 0

  take(now: number, limit: number, windowMs: number): PollResult {
    this.longest = Math.max(this.longest, windowMs)
    let first = 0
    while (first < this.stamps.length && this.stamps[first]! <= now - this.longest) first++
    if (first > 0) this.stamps = this.stamps.slice(first)
    const inWindow = this.stamps.filter((stamp) => stamp > now - windowMs)
    if (inWindow.length < limit) {
      this.stamps.push(now)
      this.stamps.sort((a, b) => a - b)
      return undefined
    }
    return inWindow[inWindow.length - limit]! + windowMs
  }

  settle(stamp: number, later: number): boolean {
    const at = this.stamps.indexOf(stamp)
    if (at >= 0) this.stamps.splice(at, 1)
    this.stamps.push(later)
    this.stamps.sort((a, b) => a - b)
    return true
  }
}

const memoryWindowOf = (window: MemoryWindow, limit: number, windowMs: number): SharedWindow =>
  polledWindow({
    take: (now) => window.take(now, limit, windowMs),
    settle: (stamp, now) => window.settle(stamp, now),
    failure: () => new BudgetStoreError({ store: "memory", reason: "unexpected" })
  })

/** A window of its own in memory (an exact rolling window, settled at each answer), shared with nobody. */
export const privateWindow = (limit: number, windowMs: number): SharedWindow => memoryWindowOf(new MemoryWindow(), limit, windowMs)

const processWindows = new Map<string, MemoryWindow>()

/** A store in this process's memory, shared by every client of the process (an exact rolling window per key). */
export const memoryRateLimitStore = (): RateLimitStore => ({
  description: "memory",
  window: (spec) => {
    let window = processWindows.get(spec.key)
    if (window === undefined) processWindows.set(spec.key, (window = new MemoryWindow()))
    return memoryWindowOf(window, spec.limit, spec.windowMs)
  },
  hold: Effect.void
})

/** A token bucket's size: see `tokenBucketFor`. */
export interface TokenBucket {
  /** Tokens the bucket holds when full: slots that may be taken at once. */
  readonly burst: number
  /** One token comes back every `refillMs` milliseconds. */
  readonly refillMs: number
}

/**
 * The token bucket that keeps a rolling-window budget: Effect's `RateLimiter` token bucket holds
 * `burst` tokens and refills one every `refillMs`, so it admits up to `burst` + (window / refill) in any
 * window; with `refillMs` = ⌈window / (limit − burst)⌉ that is at most `limit` (for 700 per 10 minutes
 * and its 1 s margin: burst 10, one token every 871 ms). A plain bucket of `limit` over the window would
 * admit up to 2 × `limit` in a rolling window. Default burst: a quarter of the limit, 1 to 10.
 */
export const tokenBucketFor = (limit: number, windowMs: number, burst?: number): TokenBucket => {
  const n = Math.max(1, Math.floor(limit))
  const b = Math.max(1, Math.min(n, Math.floor(burst ?? Math.min(10, Math.max(1, Math.floor(n / 4))))))
  // burst = limit: a full bucket restarts its refill clock when taken from, so nothing more comes within the window.
  return { burst: b, refillMs: n > b ? Math.ceil(windowMs / (n - b)) : Math.ceil(windowMs) + 1 }
}

/**
 * A window kept by an Effect `RateLimiter` token bucket (see `tokenBucketFor`): a slot is reserved in
 * the store, then waited for with `Effect.sleep`.
 */
export const bucketWindow = (
  consume: (options: Parameters<RateLimiter.RateLimiter["consume"]>[0]) => Effect.Effect<RateLimiter.ConsumeResult, BudgetStoreError>,
  spec: WindowSpec
): SharedWindow => {
  const { burst, refillMs } = tokenBucketFor(spec.limit, spec.windowMs, spec.burst)
  return {
    take: Effect.gen(function* () {
      const result = yield* consume({ algorithm: "token-bucket", onExceeded: "delay", key: spec.key, limit: burst, window: Duration.millis(burst * refillMs) })
      if (!Duration.isZero(result.delay)) yield* Effect.sleep(result.delay)
      return yield* Clock.currentTimeMillis
    }),
    settle: () => Effect.void
  }
}

/** A `RateLimiterError` as the `BudgetStoreError` of a store. */
export const storeFailure = (description: string) => (error: RateLimiter.RateLimiterError): BudgetStoreError =>
  new BudgetStoreError({ store: description, reason: describeCause(error.reason._tag === "RateLimitStoreError" ? (error.reason.cause ?? error.reason.message) : error.message) })

/** A cause as one line of at most 300 characters (with its own cause's message). */
export const describeCause = (cause: unknown): string => {
  const text = cause instanceof Error ? `${cause.message}${cause.cause instanceof Error ? `: ${cause.cause.message}` : ""}` : String(cause)
  return text.replace(/\s*\n\s*/g, " ").slice(0, 300)
}

/**
 * A store over an Effect `RateLimiter` of your own (e.g. `RateLimiter.layer` over `layerStoreRedis` or
 * `layerStoreMemory`; `effect/persistence/RateLimiter` is marked unstable): token buckets sized by
 * `tokenBucketFor`, so the rolling window holds.
 */
export const rateLimiterStore = (limiter: RateLimiter.RateLimiter, description = "RateLimiter"): RateLimitStore => ({
  description,
  window: (spec) => bucketWindow((options) => Effect.mapError(limiter.consume(options), storeFailure(description)), spec),
  hold: Effect.void
})
