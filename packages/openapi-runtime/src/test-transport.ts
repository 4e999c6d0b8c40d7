/**
 * A transport without sockets, for unit tests: `testTransport(handler)` answers every request from a
 * function, so a client's encoding, decoding, errors, retries and pagination can be tested table by
 * table, hermetically, the way openapi-fetch tests its core over a mocked `fetch`. The client built on
 * it is the real one (`makeWith(testTransport(handler), options)`): only the wire is replaced. To stub
 * whole operations instead (no encoding, no decoding), use a generated client's `layerTest(handlers)`.
 *
 * @module
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type { TransportError } from "./errors.js"
import { isTimer, timeoutError, timerMillis, type HttpRequest, type HttpResponse, type Transport } from "./transport.js"

/** What a test handler answers: a status, headers (any case) and a body as bytes, text, or a value to send as JSON. */
export interface TestResponse {
  /** The HTTP status. */
  readonly status: number
  /** Response headers; names are lower-cased, as a transport hands them over. */
  readonly headers?: Readonly<Record<string, string>>
  /** The body as bytes or text (UTF-8). */
  readonly body?: Uint8Array | string
  /** A value sent as the JSON body, with `content-type: application/json` unless `headers` names one. */
  readonly json?: unknown
}

/**
 * Answers one request: a response, or an `Effect` of one, which may wait (on the Effect clock, so
 * `TestClock` drives it) or fail with a `TransportError` (a refused connection, a body that broke off).
 */
export type TestHandler = (request: HttpRequest) => TestResponse | Effect.Effect<TestResponse, TransportError>

const encoder = new TextEncoder()

/** A handler's answer as the `HttpResponse` a transport hands over. */
const toResponse = (answer: TestResponse): HttpResponse => {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(answer.headers ?? {})) headers[name.toLowerCase()] = value
  let body: Uint8Array
  if (answer.json !== undefined) {
    headers["content-type"] ??= "application/json"
    body = encoder.encode(JSON.stringify(answer.json))
  } else {
    body = answer.body === undefined ? new Uint8Array(0) : typeof answer.body === "string" ? encoder.encode(answer.body) : answer.body
  }
  return { status: answer.status, headers, body }
}

/**
 * A transport that answers each request from `handler`, with no socket. The request it gets is what
 * a real transport would send (method in lower case, full URL, headers in lower case, encoded body).
 * A handler whose effect outlasts the request's timeout fails the request with `TransportError`
 * reason `Timeout`, as a real transport does; a handler that throws is a defect, not a failure.
 */
export const testTransport = (handler: TestHandler): Transport => ({
  send: (request, timeout) => {
    const answered = Effect.suspend(() => {
      const answer = handler(request)
      return Effect.isEffect(answer) ? Effect.map(answer as Effect.Effect<TestResponse, TransportError>, toResponse) : Effect.succeed(toResponse(answer))
    })
    return isTimer(timeout)
      ? Effect.timeoutOrElse(answered, { duration: Duration.millis(timerMillis(timeout)), orElse: () => Effect.fail(timeoutError(request.operation, timeout)) })
      : answered
  }
})
