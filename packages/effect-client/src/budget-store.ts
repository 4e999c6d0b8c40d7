import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as RateLimiter from "effect/persistence/RateLimiter"
import * as References from "effect/References"
import * as Scope from "effect/Scope"
import * as Semaphore from "effect/Semaphore"
import { createHash } from "node:crypto"
import { mkdirSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { systemError } from "./file-io.js"
import { BudgetStoreError } from "./purge-errors.js"
import { StampFile } from "./stamp-file.js"

/**
 * One account's rolling window of a budget (its permanent deletions, or its requests), as kept by a
 * `RateLimitStore`: every runner that takes slots of the same key in the same store shares it.
 */
export interface SharedWindow {
  /** Waits on the Effect `Clock` until the window has room, takes a slot, and returns its stamp (epoch ms). */
  readonly take: Effect.Effect<number, BudgetStoreError>
  /**
   * The request of the slot `stamp` was answered at `now`: a store that can moves the slot there
   * (the server surely counted the request by then, however slow the way was); others do nothing.
   */
  readonly settle: (stamp: number) => Effect.Effect<void>
}

/** How a window is asked for: at most `limit` slots in any `windowMs` (a margin for clocks and latency included). */
export interface WindowSpec {
  /** The key every runner of the account names: see `accountKey`. */
  readonly key: string
  /** Slots per window. */
  readonly limit: number
  /** The window, in milliseconds, margin included. */
  readonly windowMs: number
  /** For token-bucket stores: the burst (see `tokenBucketFor`). */
  readonly burst?: number
}

/**
 * Where the budgets of an account are kept, so that every runner that uses the same store stays within
 * them together: `file` (the default: files in a folder, for the processes of one machine), `memory`
 * (one process), `redis://…` (every machine that reaches the server), or an Effect `RateLimiter`.
 */
export interface RateLimitStore {
  /** The store, without credentials: `file:/home/ops/.cache/deleted-users`, `memory`, `redis://127.0.0.1:6379`. */
  readonly description: string
  /** The window of a key. */
  readonly window: (spec: WindowSpec) => SharedWindow
  /**
   * Keeps what the store needs (a connection) open for the current scope, and fails at once if it cannot
   * be had: a purge holds it for its whole run, so it sends nothing when the store is out of reach.
   */
  readonly hold: Effect.Effect<void, BudgetStoreError, Scope.Scope>
  /** For a store of files: the file that keeps a key's window (so that a caller naming the same file does not count twice). */
  readonly fileOf?: (key: string) => string
}

/** The folder the default store keeps its files in: `$DELETED_USERS_STATE_DIR`, else `~/.cache/deleted-users`. */
export const defaultStateDir = (): string => process.env.DELETED_USERS_STATE_DIR ?? path.join(os.homedir(), ".cache", "deleted-users")

/**
 * The key of an account's budget of a kind: `purges-<16 hex>` or `requests-<16 hex>`, from the SHA-256 of
 * the base URL's origin (no credentials, no path). The file store's file has this name, the same as the
 * CLI's state files, so older and newer runs on one machine count each other.
 */
export const accountKey = (baseUrl: string, kind: "purges" | "requests"): string =>
  `${kind}-${createHash("sha256").update(new URL(baseUrl).origin).digest("hex").slice(0, 16)}`

/** A window that waits on slots from a `take(now)` that returns undefined (taken) or when to try again. */
const polledWindow = (
  take: (now: number) => number | undefined,
  settle: (stamp: number, now: number) => void,
  failure: (e: unknown) => BudgetStoreError
): SharedWindow => ({
  take: Effect.gen(function* () {
    for (;;) {
      const now = yield* Clock.currentTimeMillis
      const until = yield* Effect.try({ try: () => take(now), catch: failure })
      if (until === undefined) return now
      yield* Effect.sleep(Duration.millis(Math.max(1, until - now)))
    }
  }),
  settle: (stamp) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      Effect.sync(() => {
        try {
          settle(stamp, Math.max(stamp, now))
        } catch {
          // the slot keeps its first stamp: the window frees it a little early, as a store without settle does
        }
      })
    )
})

/** A window kept by a `StampFile` (an exact rolling window, settled at each answer), e.g. `PurgeBudget.stateFile`. */
export const stampFileWindow = (stamps: StampFile): SharedWindow =>
  polledWindow((now) => stamps.take(now), (stamp, now) => stamps.settle(stamp, now), (e) => {
    const { code, reason } = systemError(e)
    return new BudgetStoreError({ store: `file:${stamps.path}`, reason: `${code} (${reason})` })
  })

/** A window of its own in memory (an exact rolling window, settled at each answer), shared with nobody. */
export const privateWindow = (limit: number, windowMs: number): SharedWindow => {
  const window = new MemoryWindow()
  return polledWindow((now) => window.take(now, limit, windowMs), (stamp, now) => window.settle(stamp, now), () => new BudgetStoreError({ store: "memory", reason: "unexpected" }))
}

/**
 * The default store: one file per key in a folder (see `StampFile`), shared by every process of the
 * machine that uses the folder, and surviving restarts. An exact rolling window: at most `limit` slots
 * in any `windowMs`. Nothing to start; it coordinates one machine only.
 */
export const fileRateLimitStore = (dir: string = defaultStateDir()): RateLimitStore => {
  const description = `file:${dir}`
  const files = new Map<string, StampFile>()
  let made = false
  const pathOf = (key: string) => path.resolve(dir, key.replace(/[^A-Za-z0-9._-]/g, "_"))
  const fileOf = (spec: WindowSpec) => {
    if (!made) {
      try {
        mkdirSync(dir, { recursive: true })
        made = true
      } catch {
        // each take then fails with the reason
      }
    }
    const file = pathOf(spec.key)
    const id = `${file}\n${spec.limit}\n${spec.windowMs}`
    let stamps = files.get(id)
    if (stamps === undefined) files.set(id, (stamps = new StampFile(file, spec.limit, spec.windowMs)))
    return stamps
  }
  const failure = (spec: WindowSpec) => (e: unknown) => {
    const { code, reason } = systemError(e)
    return new BudgetStoreError({ store: description, reason: `cannot use ${path.join(dir, spec.key)}: ${code} (${reason})` })
  }
  return {
    description,
    window: (spec) => {
      const stamps = fileOf(spec)
      return polledWindow((now) => stamps.take(now), (stamp, now) => stamps.settle(stamp, now), failure(spec))
    },
    fileOf: pathOf,
    hold: Effect.try({
      try: () => void mkdirSync(dir, { recursive: true }),
      catch: (e) => new BudgetStoreError({ store: description, reason: `cannot create the folder: ${systemError(e).code} (${systemError(e).reason})` })
    })
  }
}

/**
 * The stamps of one key in memory: the same rolling window as a `StampFile`, for one process. Callers
 * with different limits or windows share the stamps; each counts them against its own.
 */
class MemoryWindow {
  private stamps: Array<number> = []
  private longest = 0

  take(now: number, limit: number, windowMs: number): number | undefined {
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

  settle(stamp: number, later: number) {
    const at = this.stamps.indexOf(stamp)
    if (at >= 0) this.stamps.splice(at, 1)
    this.stamps.push(later)
    this.stamps.sort((a, b) => a - b)
  }
}

const processWindows = new Map<string, MemoryWindow>()

/** A store in this process's memory, shared by every client and purge of the process (an exact rolling window). */
export const memoryRateLimitStore = (): RateLimitStore => ({
  description: "memory",
  window: (spec) => {
    let window = processWindows.get(spec.key)
    if (window === undefined) processWindows.set(spec.key, (window = new MemoryWindow()))
    const w = window
    return polledWindow((now) => w.take(now, spec.limit, spec.windowMs), (stamp, now) => w.settle(stamp, now), () => new BudgetStoreError({ store: "memory", reason: "unexpected" }))
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

/** A window kept by an Effect `RateLimiter` token bucket (see `tokenBucketFor`): a slot is reserved, then waited for. */
const bucketWindow = (
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

const storeFailure = (description: string) => (error: RateLimiter.RateLimiterError) =>
  new BudgetStoreError({ store: description, reason: describeCause(error.reason._tag === "RateLimitStoreError" ? (error.reason.cause ?? error.reason.message) : error.message) })

const describeCause = (cause: unknown): string => {
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

/** A Redis URL without its user and password. */
export const redactStoreUrl = (url: string): string => {
  try {
    const parsed = new URL(url)
    parsed.username = ""
    parsed.password = ""
    return parsed.href.replace(/\/$/, "")
  } catch {
    return "redis://<invalid URL>"
  }
}

/**
 * A store on a Redis server (`redis://[user:password@]host:port[/db]`, or `rediss://` for TLS), shared by
 * every machine that reaches it: Effect's `RateLimiter` with its Redis store (`layerStoreRedis`, keys
 * under `deleted-users:`), over `@effect/platform-node`'s `NodeRedis` (the `redis` package), both loaded
 * only when this store is used. The connection is opened when first needed, kept while a purge holds
 * it (or a request uses it), and closed when nothing does.
 */
export const redisRateLimitStore = (url: string): RateLimitStore => {
  const description = redactStoreUrl(url)
  const lock = Semaphore.makeUnsafe(1)
  let open: { readonly limiter: RateLimiter.RateLimiter; readonly scope: Scope.Closeable; refs: number } | undefined

  const connect = Effect.gen(function* () {
    const NodeRedis = yield* Effect.tryPromise({
      try: () => import("@effect/platform-node/NodeRedis"),
      catch: () => new BudgetStoreError({ store: description, reason: "a Redis store needs the packages @effect/platform-node and redis" })
    })
    const scope = yield* Scope.make()
    const layer = RateLimiter.layer.pipe(
      Layer.provide(RateLimiter.layerStoreRedis({ prefix: "deleted-users:" })),
      Layer.provide(NodeRedis.layer({ url, socket: { connectTimeout: 5_000 } }))
    )
    const context = yield* Layer.buildWithScope(layer, scope).pipe(
      // The client logs a warning for each socket error: the purge reports what fails, as a typed error, and no more.
      Effect.provideService(References.MinimumLogLevel, "Error"),
      Effect.mapError((e) => new BudgetStoreError({ store: description, reason: `cannot connect: ${describeCause(e.cause ?? e)}` })),
      Effect.onError(() => Scope.close(scope, Exit.void))
    )
    return { limiter: Context.get(context, RateLimiter.RateLimiter), scope, refs: 0 }
  })

  const acquire = lock.withPermits(1)(
    Effect.gen(function* () {
      if (open === undefined) open = yield* connect
      open.refs++
      return open.limiter
    })
  )
  const release = lock.withPermits(1)(
    Effect.suspend(() => {
      const current = open
      if (current === undefined) return Effect.void
      current.refs--
      if (current.refs > 0) return Effect.void
      open = undefined
      return Scope.close(current.scope, Exit.void)
    })
  )
  const use = <A>(f: (limiter: RateLimiter.RateLimiter) => Effect.Effect<A, BudgetStoreError>) => Effect.acquireUseRelease(acquire, f, () => release)

  return {
    description,
    window: (spec) => bucketWindow((options) => use((limiter) => Effect.mapError(limiter.consume(options), storeFailure(description))), spec),
    hold: Effect.asVoid(Effect.acquireRelease(acquire, () => release))
  }
}

/**
 * The default store, settled when first used (so a client that never purges nor paces creates no
 * folder): files in `defaultStateDir()`, or this process's memory when that folder cannot be made.
 */
export const defaultRateLimitStore = (): RateLimitStore => {
  let store: RateLimitStore | undefined
  const resolve = () => {
    if (store !== undefined) return store
    const dir = defaultStateDir()
    try {
      mkdirSync(dir, { recursive: true })
      store = fileRateLimitStore(dir)
    } catch {
      store = memoryRateLimitStore()
    }
    return store
  }
  return {
    get description() {
      return resolve().description
    },
    window: (spec) => resolve().window(spec),
    hold: Effect.suspend(() => resolve().hold),
    fileOf: (key) => resolve().fileOf?.(key) ?? ""
  }
}

/** What `rateLimitStore` accepts: `"file"` (default folder), `"file:<folder>"`, `"memory"`, `"redis://…"`/`"rediss://…"`, or a store. */
export type RateLimitStoreOption = string | RateLimitStore

/** What `parseRateLimitStore` makes of a text: the store it names, or why it names none. */
export type ParsedRateLimitStore =
  | {
      /** The text names a store. */
      readonly _tag: "Store"
      /** The store. */
      readonly store: RateLimitStore
    }
  | {
      /** The text names no store. */
      readonly _tag: "Invalid"
      /** Why, and what to give instead (the text shown without credentials). */
      readonly message: string
    }

/**
 * The store a text names (`file`, `file:<folder>`, `memory`, `redis://…`, `rediss://…`), or why it names
 * none: for a command line to check before anything is sent. Nothing is opened or connected yet.
 */
export const parseRateLimitStore = (text: string): ParsedRateLimitStore => {
  if (text === "file") return { _tag: "Store", store: fileRateLimitStore() }
  if (text.startsWith("file:") && text.length > 5) return { _tag: "Store", store: fileRateLimitStore(path.resolve(text.slice(5))) }
  if (text === "memory") return { _tag: "Store", store: memoryRateLimitStore() }
  if (/^rediss?:\/\//i.test(text)) {
    try {
      const url = new URL(text)
      if (url.hostname === "") throw new Error("no host")
      return { _tag: "Store", store: redisRateLimitStore(text) }
    } catch {
      return { _tag: "Invalid", message: `not a Redis URL: ${JSON.stringify(redactStoreUrl(text))}; give one like redis://127.0.0.1:6379` }
    }
  }
  const shown = text.replace(/\/\/[^/@]*@/, "//<redacted>@").slice(0, 80)
  return { _tag: "Invalid", message: `unknown rate-limit store ${JSON.stringify(shown)}; give file, file:<folder>, memory, or redis://host:port` }
}

/**
 * The store an option names (the default: `file`, in `defaultStateDir()`, or `memory` when that folder
 * cannot be made); a text that names none fails every slot with `BudgetStoreError`. */
export const resolveRateLimitStore = (option: RateLimitStoreOption | undefined): RateLimitStore => {
  if (option !== undefined && typeof option !== "string") return option
  if (option === undefined) return defaultRateLimitStore()
  const parsed = parseRateLimitStore(option ?? "file")
  if (parsed._tag === "Store") return parsed.store
  const error = new BudgetStoreError({ store: "?", reason: parsed.message })
  return { description: "?", window: () => ({ take: Effect.fail(error), settle: () => Effect.void }), hold: Effect.fail(error) }
}
