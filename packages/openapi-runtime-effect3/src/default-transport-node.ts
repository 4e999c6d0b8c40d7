/**
 * The transport of a generated client's `layer(options)` on Node (the `node` condition of
 * `@effect-openapi/runtime-effect3/default-transport`): keep-alive `node:http`/`node:https` (see `./node`).
 * Everywhere else the same subpath gives `fetch` (`default-transport.ts`).
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { nodeTransport } from "./transport-node.js"
import type { Transport } from "./transport.js"

/** Which transport `defaultTransport` makes here: `"node:http"` (this build), or `"fetch"` (every other platform). */
export const defaultTransportKind: "fetch" | "node:http" = "node:http"

/** The platform's transport, made once per layer: here a keep-alive `node:http` transport (`nodeTransport()`), its own agent per layer. */
export const defaultTransport: Effect.Effect<Transport> = Effect.sync(() => nodeTransport())
