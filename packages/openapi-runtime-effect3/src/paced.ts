/**
 * Pacing as a transport wrapper: `paced(transport, window)` takes a slot of a shared window (see
 * `RateLimitStore`) before each request and settles it once the answer is in, so every client and
 * process that paces through the same store and key stays within the budget together. Waiting is an
 * `Effect.sleep`: the event loop runs on meanwhile.
 *
 * @module
 */
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { TransportError } from "./errors.js"
import type { RateLimitStore, SharedWindow, WindowSpec } from "./rate-limit-store.js"
import type { HttpRequest, Transport } from "./transport.js"

/**
 * A transport that takes a slot of `window` before each request (each attempt of each call) and
 * settles it when the answer is in (the server counted the request by then); a transport that streams
 * (`stream`) still does, each streamed request taking a slot. A store that fails makes
 * the request fail, unsent, as a `TransportError` with reason `Refused` (so retry policies treat it as
 * never sent). Give a `RateLimitStore` and a `WindowSpec` to take the window of a key in that store.
 */
export const paced: {
  (transport: Transport, window: SharedWindow): Transport
  (transport: Transport, store: RateLimitStore, spec: WindowSpec): Transport
} = (transport: Transport, windowOrStore: SharedWindow | RateLimitStore, spec?: WindowSpec): Transport => {
  const window = spec === undefined ? (windowOrStore as SharedWindow) : (windowOrStore as RateLimitStore).window(spec)
  const paced = <A>(request: HttpRequest, send: Effect.Effect<A, TransportError>): Effect.Effect<A, TransportError> =>
    window.take.pipe(
      Effect.mapError((error) => new TransportError({ operation: request.operation, reason: "Refused", message: `${request.operation}: not sent: ${error.message}` })),
      Effect.flatMap((stamp) => Effect.ensuring(send, window.settle(stamp)))
    )
  const stream = transport.stream
  return {
    send: (request, timeout) => paced(request, transport.send(request, timeout)),
    // A streamed request's slot is settled once its status and headers are in.
    ...(stream === undefined ? {} : { stream: (request: HttpRequest, timeout: Duration.Duration | undefined) => paced(request, stream(request, timeout)) })
  }
}
