/**
 * How a generated client sends: a `Transport` is one function from a request to its response, bodies
 * read whole. `fromHttpClient` runs over the @effect/platform `HttpClient` of the context;
 * `./node` has the default, a lean `node:http` transport.
 *
 * @module
 */
import * as HttpBody from "@effect/platform/HttpBody"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type { HttpMethod } from "@effect/platform/HttpMethod"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
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

/** Sends one request; fails only with `TransportError`. Interrupting the effect aborts the request. */
export interface Transport {
  /** Sends the request and reads the whole response; fails with `TransportError` after `timeout`. */
  readonly send: (request: HttpRequest, timeout: Duration.Duration | undefined) => Effect.Effect<HttpResponse, TransportError>
}

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

/** Classifies a failed exchange: refused (never sent) or connection (may have reached the server). */
export const connectionError = (operation: string, cause: unknown): TransportError => {
  const code = errorCode(cause)
  const refused = code !== undefined && notSent.has(code)
  const detail = code ?? (cause instanceof Error ? cause.message : String(cause))
  return new TransportError({
    operation,
    reason: refused ? "Refused" : "Connection",
    message: `${operation}: ${refused ? "the connection was refused before sending" : "the connection failed"} (${detail})`
  })
}

/** The `TransportError` of a request that took longer than its timeout. */
export const timeoutError = (operation: string, timeout: Duration.Duration): TransportError =>
  new TransportError({ operation, reason: "Timeout", message: `${operation}: no response within ${Duration.format(timeout)}` })

/** Whether a timeout is worth a timer (past 2^31 - 1 ms Node fires at once, so such a timeout means none). */
export const isTimer = (timeout: Duration.Duration | undefined): timeout is Duration.Duration =>
  timeout !== undefined && Duration.isFinite(timeout) && Duration.toMillis(timeout) < 2 ** 31 - 1

/** A transport over an @effect/platform `HttpClient` (fetch, undici, node, or a test client). */
export const fromHttpClient = (client: HttpClient.HttpClient): Transport => ({
  send: (request, timeout) => {
    const body = request.body === undefined
      ? HttpBody.empty
      : typeof request.body === "string"
        ? HttpBody.text(request.body, request.headers["content-type"])
        : HttpBody.uint8Array(request.body, request.headers["content-type"])
    const outgoing = HttpClientRequest.make(request.method.toUpperCase() as HttpMethod)(request.url, { headers: request.headers, body })
    const exchange = client.execute(outgoing).pipe(
      Effect.flatMap((response) =>
        Effect.map(
          Effect.mapError(response.arrayBuffer, () =>
            new TransportError({ operation: request.operation, reason: "Body", message: `${request.operation}: the response body broke off` })
          ),
          (buffer): HttpResponse => ({ status: response.status, headers: response.headers, body: new Uint8Array(buffer) })
        )
      ),
      Effect.catchTag("RequestError", (error) => Effect.fail(connectionError(request.operation, error.cause))),
      Effect.catchTag("ResponseError", () =>
        Effect.fail(new TransportError({ operation: request.operation, reason: "Body", message: `${request.operation}: the response broke off` }))
      )
    )
    return isTimer(timeout)
      ? Effect.timeoutFail(exchange, { duration: timeout, onTimeout: () => timeoutError(request.operation, timeout) })
      : exchange
  }
})
