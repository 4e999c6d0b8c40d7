import * as R from "@effect-openapi/runtime"
import { fileRateLimitStore as filesIn } from "@effect-openapi/runtime/stamp-file"
import * as Context from "effect/Context"
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
import { BudgetStoreError } from "./purge-errors.js"

// The windows, the stores and the token bucket are the runtime's (any generated client paces with
// `paced`): re-exported under the names this package has always had.
export { memoryRateLimitStore, privateWindow, rateLimiterStore, tokenBucketFor } from "@effect-openapi/runtime"
export type { RateLimitStore, SharedWindow, TokenBucket, WindowSpec } from "@effect-openapi/runtime"
export { stampFileWindow } from "@effect-openapi/runtime/stamp-file"

/** The folder the default store keeps its files in: `$DELETED_USERS_STATE_DIR`, else `~/.cache/deleted-users`. */
export const defaultStateDir = (): string => process.env.DELETED_USERS_STATE_DIR ?? path.join(os.homedir(), ".cache", "deleted-users")

/**
 * The key of an account's budget of a kind: `purges-<16 hex>` or `requests-<16 hex>`, from the SHA-256 of
 * the base URL's origin (no credentials, no path). The file store's file has this name, the same as the
 * CLI's state files, so older and newer runs on one machine count each other.
 */
export const accountKey = (baseUrl: string, kind: "purges" | "requests"): string =>
  `${kind}-${createHash("sha256").update(new URL(baseUrl).origin).digest("hex").slice(0, 16)}`

/**
 * The default store: one file per key in a folder (the runtime's `fileRateLimitStore`, over `StampFile`),
 * shared by every process of the machine that uses the folder, and surviving restarts. An exact rolling
 * window: at most `limit` slots in any `windowMs`. Nothing to start; it coordinates one machine only.
 */
export const fileRateLimitStore = (dir: string = defaultStateDir()): R.RateLimitStore => filesIn(dir)

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
export const redisRateLimitStore = (url: string): R.RateLimitStore => {
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
      Effect.mapError((e) => new BudgetStoreError({ store: description, reason: `cannot connect: ${R.describeCause(e.cause ?? e)}` })),
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
    window: (spec) => R.bucketWindow((options) => use((limiter) => Effect.mapError(limiter.consume(options), R.storeFailure(description))), spec),
    hold: Effect.asVoid(Effect.acquireRelease(acquire, () => release))
  }
}

/**
 * The default store, settled when first used (so a client that never purges nor paces creates no
 * folder): files in `defaultStateDir()`, or this process's memory when that folder cannot be made.
 */
export const defaultRateLimitStore = (): R.RateLimitStore => {
  let store: R.RateLimitStore | undefined
  const resolve = () => {
    if (store !== undefined) return store
    const dir = defaultStateDir()
    try {
      mkdirSync(dir, { recursive: true })
      store = fileRateLimitStore(dir)
    } catch {
      store = R.memoryRateLimitStore()
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
export type RateLimitStoreOption = string | R.RateLimitStore

/** What `parseRateLimitStore` makes of a text: the store it names, or why it names none. */
export type ParsedRateLimitStore =
  | {
      /** The text names a store. */
      readonly _tag: "Store"
      /** The store. */
      readonly store: R.RateLimitStore
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
  if (text === "memory") return { _tag: "Store", store: R.memoryRateLimitStore() }
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
export const resolveRateLimitStore = (option: RateLimitStoreOption | undefined): R.RateLimitStore => {
  if (option !== undefined && typeof option !== "string") return option
  if (option === undefined) return defaultRateLimitStore()
  const parsed = parseRateLimitStore(option ?? "file")
  if (parsed._tag === "Store") return parsed.store
  const error = new BudgetStoreError({ store: "?", reason: parsed.message })
  return { description: "?", window: () => ({ take: Effect.fail(error), settle: () => Effect.void }), hold: Effect.fail(error) }
}
