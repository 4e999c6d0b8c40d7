/**
 * Responses read as they arrive: the executor's `open` sends a call like any other (input checked,
 * authenticated, redirects followed, retried until a response is in) and hands a 2xx body over as a
 * `Stream` of chunks, backpressured, never held whole; any other status is read whole (up to
 * `maxResponseBytes`) and fails with the same typed error as the buffered method.
 *
 * @module
 */
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { Received } from "./decode.js"
import type { TransportError } from "./errors.js"
import { defaultMaxResponseBytes, hasNoBody, isTimer, timeoutError, timerMillis, tooLargeError, type HttpRequest, type HttpResponse, type Transport } from "./transport.js"

/** A response as the executor meets it when streaming: a 2xx carries its body as `stream` (and `body` empty); any other is read whole. */
export interface OpenedResponse extends HttpResponse {
  /** The body of a 2xx, chunk by chunk, as it arrives. */
  readonly stream?: Stream.Stream<Uint8Array, TransportError> | undefined
}

/** A 2xx whose body is a `Stream` of bytes, from the executor's `open`. */
export type StreamedResponse = Received<Stream.Stream<Uint8Array, TransportError>>

const isSuccess = (status: number): boolean => status >= 200 && status < 300

/** Reads a streamed body whole, failing with `TransportError` reason `TooLarge` past `limit` (the rest is not read). */
export const readWhole = (body: Stream.Stream<Uint8Array, TransportError>, limit: number, operation: string, status: number): Effect.Effect<Uint8Array, TransportError> =>
  Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let size = 0
    return Effect.map(
      Stream.runForEach(body, (chunk) => {
        size += chunk.length
        if (size > limit) return Effect.fail(tooLargeError(operation, limit, status))
        chunks.push(chunk)
        return Effect.void
      }),
      () => {
        const whole = new Uint8Array(size)
        let offset = 0
        for (const chunk of chunks) {
          whole.set(chunk, offset)
          offset += chunk.length
        }
        return whole
      }
    )
  })

/**
 * A body stream that fails with `TransportError` reason `Timeout` when no chunk arrives for `timeout`
 * (the call's timeout, as an idle limit: a long stream may last longer, a silent one may not).
 */
export const idleTimeout = (body: Stream.Stream<Uint8Array, TransportError>, operation: string, timeout: Duration.Duration | undefined): Stream.Stream<Uint8Array, TransportError> =>
  isTimer(timeout) ? Stream.timeoutFail(body, () => timeoutError(operation, timeout), timerMillis(timeout)) : body

/**
 * Sends `request` for a streamed read: through the transport's `stream` when it has one, else its
 * `send` (the whole body then arrives as one chunk: `testTransport` answers so). A 2xx's body is left
 * to stream, under the idle `timeout`; any other status is read whole, up to `maxResponseBytes`.
 */
export const openResponse = (transport: Transport, request: HttpRequest, timeout: Duration.Duration | undefined): Effect.Effect<OpenedResponse, TransportError> => {
  const noBody = (status: number) => hasNoBody(request.method, status)
  if (transport.stream === undefined) {
    return Effect.map(transport.send(request, timeout), (response): OpenedResponse =>
      isSuccess(response.status) ? { ...response, body: new Uint8Array(0), stream: noBody(response.status) || response.body.length === 0 ? Stream.empty : Stream.succeed(response.body) } : response
    )
  }
  return Effect.flatMap(transport.stream(request, timeout), (response): Effect.Effect<OpenedResponse, TransportError> => {
    if (isSuccess(response.status)) {
      const stream = noBody(response.status) ? Stream.empty : idleTimeout(response.body, request.operation, timeout)
      return Effect.succeed({ status: response.status, headers: response.headers, body: new Uint8Array(0), stream })
    }
    const limit = request.maxResponseBytes ?? defaultMaxResponseBytes
    return Effect.map(readWhole(response.body, limit, request.operation, response.status), (body): OpenedResponse => ({ status: response.status, headers: response.headers, body }))
  })
}

/** The body of an opened call as a `Stream` of its chunks: the call's typed errors before the body, `TransportError` within it. */
export const bytesOf = <E>(opened: Effect.Effect<StreamedResponse, E>): Stream.Stream<Uint8Array, E | TransportError> =>
  Stream.unwrap(Effect.map(opened, (response) => response.body))

const encoder = new TextEncoder()

/**
 * A test double's answer (bytes, or text as UTF-8) as the `Stream` of bytes a streamed method yields:
 * one chunk, or none for any other value. For `layerTest`.
 */
export const bytesOfAnswer = <E>(answer: Effect.Effect<unknown, E>): Stream.Stream<Uint8Array, E> =>
  Stream.unwrap(Effect.map(answer, (body) => (body instanceof Uint8Array ? Stream.succeed(body) : typeof body === "string" && body !== "" ? Stream.succeed(encoder.encode(body)) : Stream.empty)))
