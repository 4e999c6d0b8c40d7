import { DeletedUsers, makeWith, StampFile, withSharedSlot, type RateLimitStore, type ZendeskConfig } from "@deleted-users/effect-client"
import type { Transport } from "@deleted-users/openapi-runtime"
import { nodeTransport } from "@deleted-users/openapi-runtime/node"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { createHash } from "node:crypto"
import { mkdirSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

/**
 * Where the `requests` (or `purges`) sent to an account in the last window are kept, shared by every
 * run of this user: `$DELETED_USERS_STATE_DIR` (default `~/.cache/deleted-users`), one file per
 * account. Undefined when no such folder can be made (then each run paces itself alone).
 */
export const stateFileFor = (baseUrl: string, kind: "requests" | "purges"): string | undefined => {
  const dir = process.env.DELETED_USERS_STATE_DIR ?? path.join(os.homedir(), ".cache", "deleted-users")
  try {
    mkdirSync(dir, { recursive: true })
  } catch {
    return undefined
  }
  return path.join(dir, `${kind}-${createHash("sha256").update(new URL(baseUrl).origin).digest("hex").slice(0, 16)}`)
}

/**
 * The most bytes of a response body a command reads: 4 MiB, some 100 times a page of 100 deleted
 * users (about 40 KB). Past it the transport stops reading and fails with `TransportError` reason
 * `TooLarge` (exit 1). The runtime's own default (64 MiB) is too much for the command's 128 MB heap
 * (see bin/deleted-users.cjs): 8 MB of `{},{},…` parse into 150 MB of objects, and V8 would end the
 * process (exit 134, no message) where this limit ends it with one line.
 */
export const maxResponseBytes = 4 * 1024 * 1024

/**
 * The default `node:http` transport, paced: each request (and each retry) first takes a slot of the
 * account's rate limit, shared through `file` with every concurrent and later run, so that together
 * they stay under it and meet no 429. A slot counts from when the answer came back (the server
 * counted the request before that), and the window is 2% (at least 1 s) longer than the server's, for clocks.
 * No response body is read past `maxBytes` (default `maxResponseBytes`, or the request's own limit if lower).
 */
export const pacedTransport = (
  file: string | undefined,
  limit: number,
  window: Duration.Duration,
  transport: Transport = nodeTransport(),
  maxBytes: number = maxResponseBytes
): Transport => {
  const span = Duration.toMillis(window)
  const stamps = new StampFile(file ?? path.join(os.tmpdir(), `deleted-users-${process.pid}-requests`), limit, span + Math.max(1_000, span / 50))
  return {
    send: (request, timeout) =>
      withSharedSlot(stamps, transport.send({ ...request, maxResponseBytes: Math.min(request.maxResponseBytes ?? maxBytes, maxBytes) }, timeout))
  }
}

/** The `DeletedUsers` service over `pacedTransport` (see there), for the `ZendeskConfig` of the context. */
export const pacedDeletedUsers = (file: string | undefined, limit: number, window: Duration.Duration): Layer.Layer<DeletedUsers, never, ZendeskConfig> =>
  Layer.effect(DeletedUsers, Effect.suspend(() => makeWith(pacedTransport(file, limit, window))))

/** The default `node:http` transport, reading no response body past `maxBytes` (default `maxResponseBytes`, or the request's own limit if lower). */
export const cappedTransport = (transport: Transport = nodeTransport(), maxBytes: number = maxResponseBytes): Transport => ({
  send: (request, timeout) => transport.send({ ...request, maxResponseBytes: Math.min(request.maxResponseBytes ?? maxBytes, maxBytes) }, timeout)
})

/**
 * The `DeletedUsers` service over `cappedTransport`, every request paced within the account's request
 * limit (`limit` per `window`, plus 2% and at least 1 s for clocks) and every purge within its deletion
 * budget, both kept in `store` (default: files in `$DELETED_USERS_STATE_DIR`, else `~/.cache/deleted-users`)
 * and shared by every run that uses the same store, whatever its checkpoint.
 */
export const accountDeletedUsers = (
  store: RateLimitStore | undefined,
  limit: number,
  window: Duration.Duration
): Layer.Layer<DeletedUsers, never, ZendeskConfig> =>
  Layer.effect(
    DeletedUsers,
    Effect.suspend(() => makeWith(cappedTransport(), { ...(store === undefined ? {} : { rateLimitStore: store }), requestBudget: { limit, window } }))
  )
