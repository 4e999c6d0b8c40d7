/**
 * Pacing as a transport wrapper: `paced(transport, window)` takes a slot of a shared window (see
 * `RateLimitStore`) before each request and settles it once the answer is in, so every client and
 * process that paces through the same store and key stays within the budget together. Waiting is an
 * `Effect.sleep`: the event loop runs on meanwhile.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { TransportError } from "./errors.js"
import type { RateLimitStore, SharedWindow, WindowSpec } from "./rate-limit-store.js"
import type { Transport } from "./transport.js"

/**
 * A transport that takes a slot of `window` before each request (each attempt of each call) and
 * settles it when the answer is in (the server counted the request by then). A store that fails makes
 * the request fail, unsent, as a `TransportError` with reason `Refused` (so retry policies treat it as
 * never sent). Give a `RateLimitStore` and a `WindowSpec` to take the window of a key in that store.
 */
export const paced: {
  (transport: Transport, window: SharedWindow): Transport
  (transport: Transport, store: RateLimitStore, spec: WindowSpec): Transport
} = (transport: Transport, windowOrStore: SharedWindow | RateLimitStore, spec?: WindowSpec): Transport => {
  const window = spec === undefined ? (windowOrStore as SharedWindow) : (windowOrStore as RateLimitStore).window(spec)
  return {
    send: (request, timeout) =>
      window.take.pipe(
        Effect.mapError((error) => new TransportError({ operation: request.operation, reason: "Refused", message: `${request.operation}: not sent: ${error.message}` })),
        Effect.flatMap((stamp) => Effect.ensuring(transport.send(request, timeout), window.settle(stamp)))
      )
  }
}
