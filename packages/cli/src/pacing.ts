import { DeletedUsers, makeWith, type RateLimitStore, type ZendeskConfig } from "@deleted-users/effect-client"
import type { Transport } from "@effect-openapi/runtime"
import { nodeTransport } from "@effect-openapi/runtime/node"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/**
 * The most bytes of a response body a command reads: 4 MiB, some 100 times a page of 100 deleted
 * users (about 40 KB). Past it the transport stops reading and fails with `TransportError` reason
 * `TooLarge` (exit 1). The runtime's own default (64 MiB) is too much for the command's 128 MB heap
 * (see bin/deleted-users.cjs): 8 MB of `{},{},…` parse into 150 MB of objects, and V8 would end the
 * process (exit 134, no message) where this limit ends it with one line.
 */
export const maxResponseBytes = 4 * 1024 * 1024

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
