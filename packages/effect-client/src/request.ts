import { Duration, Effect, Schedule } from "effect"
import { DecodeError, TransportError, type ZendeskError } from "./errors.js"
import { TransportHandle, type HeaderReader, type OpenApiClient } from "./openapi.js"
import { requestIdOf, responseError } from "./response.js"
import { validate, type SchemaName } from "./validation.js"

/** What openapi-fetch resolves with (bodies read as text). */
export interface RawResult {
  readonly response: { readonly status: number; readonly ok: boolean; readonly headers: HeaderReader }
  readonly data?: unknown
  readonly error?: unknown
}

/** A validated 2xx body and the response it came with. */
export interface Received<A> {
  readonly body: A
  readonly response: RawResult["response"]
}

/** How one call is sent: the per-request timeout and the retry schedule. */
export interface SendOptions {
  readonly timeout: Duration.Duration
  readonly retry: Schedule.Schedule<unknown, ZendeskError>
}

/** Error codes that mean the request never left: nothing can have executed on Zendesk's side. */
const notSent = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "BAD_PORT"])

const codeIn = (cause: unknown): string | undefined => {
  let current = cause as { code?: unknown; cause?: unknown } | undefined
  for (let i = 0; i < 6 && current !== undefined && current !== null; i++) {
    if (typeof current.code === "string") return current.code
    // fetch refuses the ports the Fetch standard blocks before opening any connection.
    if ((current as { message?: unknown }).message === "bad port") return "BAD_PORT"
    current = current.cause as typeof current
  }
  return undefined
}

const transportError = (operation: string, cause: unknown): TransportError => {
  const tagged = cause as { _tag?: string; reason?: string; message?: string }
  const code = codeIn(cause)
  const reason = tagged._tag === "ResponseError" ? "Body" : code !== undefined && notSent.has(code) ? "Refused" : "Connection"
  const detail = cause instanceof Error ? cause.message : String(cause)
  const what = reason === "Body" ? "the response body broke off" : reason === "Refused" ? `the connection was refused before sending (${code})` : "the connection failed"
  return new TransportError({ operation, reason, message: `${operation}: ${what} (${detail})` })
}

/**
 * Sends once: a transport failure, a timeout, an error status or a body off the spec each fail with
 * their class. The per-request timeout is a plain timer; it and interruption both cancel the
 * `TransportHandle`, which interrupts the HTTP call's fiber (and so aborts the request).
 */
export const sendOnce = <A>(
  operation: string,
  schema: SchemaName,
  timeout: Duration.Duration,
  client: OpenApiClient,
  call: (client: OpenApiClient, transport: TransportHandle) => Promise<RawResult>
): Effect.Effect<Received<A>, ZendeskError> =>
  Effect.async<RawResult, TransportError>((resume) => {
    const handle = new TransportHandle()
    let timedOut = false
    // Past 2^31 - 1 ms Node fires a timer at once: such a timeout means none.
    const timer = Duration.isFinite(timeout) && Duration.toMillis(timeout) < 2 ** 31 - 1
      ? setTimeout(() => {
          timedOut = true
          handle.cancel()
        }, Math.max(1, Duration.toMillis(timeout)))
      : undefined
    call(client, handle).then(
      (result) => {
        clearTimeout(timer)
        resume(Effect.succeed(result))
      },
      (cause: unknown) => {
        clearTimeout(timer)
        resume(
          Effect.fail(
            timedOut
              ? new TransportError({ operation, reason: "Timeout", message: `${operation}: no response within ${Duration.format(timeout)}` })
              : transportError(operation, cause)
          )
        )
      }
    )
    return Effect.sync(() => {
      clearTimeout(timer)
      handle.cancel()
    })
  }).pipe(
    Effect.flatMap(({ response, data, error }): Effect.Effect<Received<A>, ZendeskError> => {
      if (!response.ok) return Effect.flatMap(responseError(operation, response, error), Effect.fail)
      const requestId = requestIdOf(response)
      const decodeError = (pointer: string, message: string) =>
        new DecodeError({ operation, status: response.status, pointer, message: `${operation}: ${message} at ${pointer}`, requestId })
      let body: unknown
      try {
        body = JSON.parse(typeof data === "string" ? data : "")
      } catch {
        return Effect.fail(decodeError("/", "the body is not JSON"))
      }
      const mismatch = validate(schema, body)
      return mismatch === undefined
        ? Effect.succeed({ body: body as A, response })
        : Effect.fail(decodeError(mismatch.pointer, mismatch.message))
    })
  )

/** Sends with retries: the schedule sees each failure, and the last one is returned when it gives up. */
export const send = <A>(
  operation: string,
  schema: SchemaName,
  options: SendOptions,
  client: OpenApiClient,
  call: (client: OpenApiClient, transport: TransportHandle) => Promise<RawResult>
): Effect.Effect<Received<A>, ZendeskError> =>
  sendOnce<A>(operation, schema, options.timeout, client, call).pipe(Effect.retry(options.retry))

/** Whether a failure may have happened after Zendesk acted (so a retried delete may find the user gone). */
export const mayHaveExecuted = (error: ZendeskError): boolean =>
  (error._tag === "TransportError" && error.reason !== "Refused") || error._tag === "ServerError"

