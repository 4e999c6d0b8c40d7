/**
 * How a generated client sends: a `Transport` is one function from a request to its response, bodies
 * read whole up to a limit. `fromHttpClient` runs over the @effect/platform `HttpClient` of the
 * context; `./node` has the default, a lean `node:http` transport. Neither follows redirects: the
 * executor does, on the configured origin only.
 *
 * @module
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import type { HttpMethod } from "@effect/platform/HttpMethod"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { constTrue } from "effect/Function"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { TransportError } from "./errors.js"

/** A request, ready to send. The URL may carry secrets (an API key in the query): never print it. */
export interface HttpRequest {
  /** The operationId, for error messages. */
  readonly operation: string
  /** The HTTP method, in lower case. */
  readonly method: string
  /** The full URL, query included. */
  readonly url: string
  /** Request headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  /** The encoded body, if any. */
  readonly body: Uint8Array | string | undefined
  /**
   * The most bytes of response body to read (default `defaultMaxResponseBytes`, 64 MiB), counted as
   * the body arrives (decoded, when the client inflates it): past it the transport stops reading,
   * drops the connection and fails with `TransportError` reason `TooLarge`.
   */
  readonly maxResponseBytes?: number | undefined
}

/** A response, body read whole; header names in lower case. */
export interface HttpResponse {
  /** The HTTP status. */
  readonly status: number
  /** Response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  /** The whole body. */
  readonly body: Uint8Array
}

/**
 * A response whose body is not read yet: a `Stream` of its chunks as they arrive, pulled on demand
 * (backpressured); ending or interrupting the stream closes the connection.
 */
export interface StreamingResponse {
  /** The HTTP status. */
  readonly status: number
  /** Response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  /** The body, chunk by chunk; fails with `TransportError` reason `Body` when it breaks off. Run it once. */
  readonly body: Stream.Stream<Uint8Array, TransportError>
}

/** Sends one request; fails only with `TransportError`. Interrupting the effect aborts the request. */
export interface Transport {
  /** Sends the request and reads the whole response; fails with `TransportError` after `timeout`. */
  readonly send: (request: HttpRequest, timeout: Duration.Duration | undefined) => Effect.Effect<HttpResponse, TransportError>
  /**
   * Optional: sends the request and succeeds once the status and headers are in (within `timeout`),
   * the body left to stream. A transport without it streams nothing: its `send` body is handed over
   * as one chunk (see `openResponse`).
   */
  readonly stream?: ((request: HttpRequest, timeout: Duration.Duration | undefined) => Effect.Effect<StreamingResponse, TransportError>) | undefined
}

/** The response body limit of a client or call that sets none: 64 MiB. */
export const defaultMaxResponseBytes = 64 * 1024 * 1024

/** The longest timer Node (and Effect's clock) can arm: 2^31 - 1 ms, about 24.8 days. */
export const maxTimerMillis = 2 ** 31 - 1

/** Error codes that mean the request never left: nothing can have executed on the server. */
const notSent = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ERR_INVALID_URL", "BAD_PORT"])

/** The first `code` in an error's cause chain. */
export const errorCode = (cause: unknown): string | undefined => {
  let current = cause as { code?: unknown; cause?: unknown } | undefined
  for (let i = 0; i < 6 && current !== undefined && current !== null; i++) {
    if (typeof current.code === "string") return current.code
    // fetch refuses the ports the Fetch standard blocks before opening any connection.
    if ((current as { message?: unknown }).message === "bad port") return "BAD_PORT"
    current = current.cause as typeof current
  }
  return undefined
}

/**
 * A platform's error message, made safe to show: every header value of the request (credentials
 * included) and the query of its URL (where an API key may travel) blanked out, at most 200 characters.
 */
const scrubbed = (message: string, request: HttpRequest | undefined): string => {
  let text = message
  if (request !== undefined) {
    const secrets = Object.values(request.headers)
    const query = request.url.indexOf("?")
    if (query >= 0) secrets.push(request.url.slice(query + 1), ...new URLSearchParams(request.url.slice(query + 1)).values())
    for (const secret of secrets.sort((a, b) => b.length - a.length)) {
      if (secret.length >= 4) text = text.split(secret).join("[redacted]")
    }
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}

/**
 * Classifies a failed exchange: refused (never sent) or connection (may have reached the server).
 * Given the request, the platform's message is scrubbed of its header values and query.
 */
export const connectionError = (operation: string, cause: unknown, request?: HttpRequest): TransportError => {
  const code = errorCode(cause)
  const refused = code !== undefined && notSent.has(code)
  const detail = code ?? scrubbed(cause instanceof Error ? cause.message : String(cause), request)
  return new TransportError({
    operation,
    reason: refused ? "Refused" : "Connection",
    message: `${operation}: ${refused ? "the connection was refused before sending" : "the connection failed"} (${detail})`
  })
}

/** The `TransportError` of a request that took longer than its timeout. */
export const timeoutError = (operation: string, timeout: Duration.Duration): TransportError =>
  new TransportError({ operation, reason: "Timeout", message: `${operation}: no response within ${Duration.format(timeout)}` })

/** The `TransportError` of a response whose body passed `maxResponseBytes`. */
export const tooLargeError = (operation: string, limit: number, status: number): TransportError =>
  new TransportError({
    operation,
    reason: "TooLarge",
    status,
    message: `${operation}: the response body (status ${status}) passed ${limit} bytes (maxResponseBytes); reading stopped`
  })

/** The body of a `TransportError` for a response that broke off. */
const brokeOff = (operation: string): TransportError =>
  new TransportError({ operation, reason: "Body", message: `${operation}: the response body broke off` })

/**
 * Whether a timeout arms a timer: any finite one (`Duration.infinity` means none). One of 2^31 ms or
 * more is armed at `maxTimerMillis` (see `timerMillis`): Node would fire a longer one at once.
 */
export const isTimer = (timeout: Duration.Duration | undefined): timeout is Duration.Duration =>
  timeout !== undefined && Duration.isFinite(timeout)

/** The delay of the timer of a finite timeout: at least 1 ms, at most `maxTimerMillis` (24.8 days). */
export const timerMillis = (timeout: Duration.Duration): number => Math.min(maxTimerMillis, Math.max(1, Math.ceil(Duration.toMillis(timeout))))

/** The declared length of a body, when the headers give a valid one. */
export const contentLength = (headers: Readonly<Record<string, string | undefined>>): number | undefined => {
  const value = headers["content-length"]
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : undefined
}

/** Whether a response has no body whatever its `content-length` says: one to a HEAD, a 204 or a 304. */
export const hasNoBody = (method: string, status: number): boolean => method.toLowerCase() === "head" || status === 204 || status === 304

/** Whether a body is sent compressed (`content-encoding` other than `identity`): its length is not its decoded length. */
const isEncoded = (headers: Readonly<Record<string, string | undefined>>): boolean => {
  const encoding = headers["content-encoding"]
  return encoding !== undefined && encoding.trim() !== "" && encoding.trim().toLowerCase() !== "identity"
}

const concat = (chunks: ReadonlyArray<Uint8Array>, size: number): Uint8Array => {
  if (chunks.length === 1) return chunks[0]!
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.length
  }
  return body
}

/**
 * Reads a body of at most `limit` bytes. A body that says its length, uncompressed, within the limit
 * is read in one go; one that says a length past it fails at its first bytes; any other (chunked, or
 * compressed: counted decoded) is counted chunk by chunk, and stops at the limit, connection dropped.
 */
const readBody = (request: HttpRequest, response: HttpClientResponse.HttpClientResponse, limit: number): Effect.Effect<Uint8Array, TransportError> => {
  const operation = request.operation
  const headers = response.headers
  const declared = isEncoded(headers) ? undefined : contentLength(headers)
  if ((declared !== undefined && declared <= limit) || hasNoBody(request.method, response.status)) {
    return Effect.matchEffect(response.arrayBuffer, {
      onFailure: () => Effect.fail(brokeOff(operation)),
      onSuccess: (buffer) => Effect.succeed(new Uint8Array(buffer))
    })
  }
  const tooLarge = tooLargeError(operation, limit, response.status)
  const allowed = declared === undefined ? limit : -1
  return Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let size = 0
    return Effect.matchEffect(
      Stream.runForEachChunk(response.stream, (arrived) => {
        for (const chunk of arrived) {
          size += chunk.length
          if (size > allowed) return Effect.fail(tooLarge)
          chunks.push(chunk)
        }
        return Effect.void
      }),
      {
        onFailure: (error) =>
          error instanceof TransportError
            ? Effect.fail(error)
            : error.reason === "EmptyBody" && declared === undefined
            ? Effect.succeed(new Uint8Array(0))
            : Effect.fail(declared === undefined ? brokeOff(operation) : tooLarge),
        onSuccess: () => (declared !== undefined ? Effect.fail(tooLarge) : Effect.succeed(concat(chunks, size)))
      }
    )
  })
}

/** `fetch` wrappers that never follow redirects, by the `fetch` they wrap. */
const manualFetches = new WeakMap<typeof globalThis.fetch, typeof globalThis.fetch>()

/**
 * `fetch`, told not to follow redirects (`redirect: "manual"`; Node's fetch then hands back the 3xx
 * itself): a followed redirect would carry every header, credentials included, to wherever it points.
 */
const manualRedirects = (fetch: typeof globalThis.fetch): typeof globalThis.fetch => {
  let manual = manualFetches.get(fetch)
  if (manual === undefined) {
    manual = ((input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) => fetch(input, { ...init, redirect: "manual" })) as typeof globalThis.fetch
    manualFetches.set(fetch, manual)
    manualFetches.set(manual, manual)
  }
  return manual
}

/** Sends a request through `client`: redirects not followed, the client's own tracing off (see `fromHttpClient`). */
const execute = (client: HttpClient.HttpClient, request: HttpRequest) => {
  const body = request.body === undefined
    ? HttpBody.empty
    : typeof request.body === "string"
      ? HttpBody.text(request.body, request.headers["content-type"])
      : HttpBody.uint8Array(request.body, request.headers["content-type"])
  const outgoing = HttpClientRequest.make(request.method.toUpperCase() as HttpMethod)(request.url, { headers: request.headers, body })
  return Effect.flatMap(Effect.serviceOption(FetchHttpClient.Fetch), (fetch) =>
    // The client's own span (the whole URL, query values included) and trace headers are off.
    Effect.provideService(
      Effect.locally(client.execute(outgoing), HttpClient.currentTracerDisabledWhen, constTrue),
      FetchHttpClient.Fetch,
      manualRedirects(Option.getOrElse(fetch, () => globalThis.fetch))
    ))
}

/**
 * A transport over an @effect/platform `HttpClient` (fetch, undici, node, or a test client). Over
 * `FetchHttpClient`, every request is sent with `redirect: "manual"`, through the `fetch` of
 * `FetchHttpClient.Fetch` where the call runs (a `Fetch` given only to the layer's context is not
 * seen); a client that follows redirects on its own accord (`HttpClient.followRedirects`) must not be
 * used, since it would carry the credentials along. The client's own tracing
 * (`HttpClient.currentTracerDisabledWhen`) is off for these requests: its span would carry the full
 * URL, an API key in the query included, and its `b3`/`traceparent` headers would go out unasked.
 */
export const fromHttpClient = (client: HttpClient.HttpClient): Transport => ({
  send: (request, timeout) => {
    const limit = request.maxResponseBytes ?? defaultMaxResponseBytes
    const exchange = execute(client, request).pipe(
      Effect.flatMap((response) =>
        Effect.map(readBody(request, response, limit), (bytes): HttpResponse => ({ status: response.status, headers: response.headers, body: bytes }))
      ),
      Effect.catchTag("RequestError", (error) => Effect.fail(connectionError(request.operation, error.cause, request))),
      Effect.catchTag("ResponseError", () =>
        Effect.fail(new TransportError({ operation: request.operation, reason: "Body", message: `${request.operation}: the response broke off` }))
      )
    )
    return isTimer(timeout)
      ? Effect.timeoutFail(exchange, { duration: Duration.millis(timerMillis(timeout)), onTimeout: () => timeoutError(request.operation, timeout) })
      : exchange
  },
  stream: (request, timeout) => {
    const opened = execute(client, request).pipe(
      Effect.map((response): StreamingResponse => ({
        status: response.status,
        headers: response.headers,
        body: Stream.catchAll(response.stream, (error) =>
          error._tag === "ResponseError" && error.reason === "EmptyBody"
            ? Stream.empty
            : Stream.fail(new TransportError({ operation: request.operation, reason: "Body", message: `${request.operation}: the response body broke off` })))
      })),
      Effect.catchTag("RequestError", (error) => Effect.fail(connectionError(request.operation, error.cause, request))),
      Effect.catchTag("ResponseError", () =>
        Effect.fail(new TransportError({ operation: request.operation, reason: "Body", message: `${request.operation}: the response broke off` }))
      )
    )
    return isTimer(timeout)
      ? Effect.timeoutFail(opened, { duration: Duration.millis(timerMillis(timeout)), onTimeout: () => timeoutError(request.operation, timeout) })
      : opened
  }
})
