/**
 * The one module that uses openapi-fetch: requests are built and typed from the generated `paths`;
 * the transport underneath is the @effect/platform `HttpClient` of the caller's context.
 */
import { HttpClient, HttpClientRequest } from "@effect/platform"
import type { paths } from "@deleted-users/types"
import { Cause, Effect, Exit, FiberId, Redacted, type Fiber } from "effect"
import createClient, { type Client } from "openapi-fetch"

/** A typed openapi-fetch client for the Deleted Users API. */
export type OpenApiClient = Client<paths>

/**
 * How the Effect that sent a request reaches the HTTP call it started: it interrupts the call's
 * fiber (on interruption or timeout) without an `AbortSignal` of its own, since each one Node creates
 * costs more than the rest of our code per call. openapi-fetch copies it onto the request as `transport`.
 */
export class TransportHandle {
  fiber: Fiber.RuntimeFiber<ReceivedResponse, unknown> | undefined = undefined
  cancelled = false
  /** Interrupts the HTTP call, now or as soon as it starts. */
  cancel(): void {
    this.cancelled = true
    this.fiber?.unsafeInterruptAsFork(FiberId.none)
  }
}

/** The request option that carries a `TransportHandle` (openapi-fetch's options type has no place for it). */
export const via = (transport: TransportHandle): {} => ({ transport })

/**
 * What openapi-fetch builds a request into. It needs only the URL, method and headers, so a plain
 * object stands in for undici's `Request`, whose construction costs more than the rest of a call.
 */
class OutgoingRequest {
  readonly url: string
  readonly method: string
  readonly headers: Headers
  /** Set by openapi-fetch, which copies unknown options onto the request (so no initializer here). */
  declare transport?: TransportHandle
  constructor(url: string, init: { method?: string; headers?: HeadersInit }) {
    this.url = url
    this.method = init.method ?? "GET"
    this.headers = new Headers(init.headers)
  }
}

/** What the client reads of response headers: `Headers` has it, and so does `ResponseHeaders`. */
export interface HeaderReader {
  get(name: string): string | null
  forEach(f: (value: string, name: string) => void): void
}

/** Response headers as the client reads them (case-insensitive `get`, and `forEach`). */
export class ResponseHeaders implements HeaderReader {
  constructor(private readonly record: Readonly<Record<string, string>>) {}
  get(name: string): string | null {
    return this.record[name.toLowerCase()] ?? null
  }
  forEach(f: (value: string, name: string) => void): void {
    for (const [name, value] of Object.entries(this.record)) f(value, name)
  }
}

/** A response as openapi-fetch and the client read it: status, headers and the body, already read. */
export interface ReceivedResponse {
  readonly status: number
  readonly ok: boolean
  readonly headers: HeaderReader
  readonly text: () => Promise<string>
}

/**
 * A `fetch` that sends through an @effect/platform `HttpClient` and adds the `Authorization` header
 * at the last moment. The request's `TransportHandle` interrupts the HTTP call.
 */
export const fetchThrough = (client: HttpClient.HttpClient, authorization: Redacted.Redacted<string>) =>
  async (request: OutgoingRequest): Promise<ReceivedResponse> => {
    const headers: Record<string, string> = { authorization: Redacted.value(authorization) }
    request.headers.forEach((value, name) => (headers[name] = value))
    const outgoing = HttpClientRequest.make(request.method as "GET" | "DELETE")(request.url, { headers })
    const exchange = client.execute(outgoing).pipe(
      Effect.flatMap((response) =>
        Effect.map(response.text, (body): ReceivedResponse => ({
          status: response.status,
          ok: response.status >= 200 && response.status < 300,
          headers: new ResponseHeaders(response.headers),
          text: () => Promise.resolve(body)
        }))
      )
    )
    const handle = request.transport
    if (handle?.cancelled === true) throw new Error("interrupted before it was sent")
    const fiber = Effect.runFork(exchange)
    if (handle !== undefined) handle.fiber = fiber
    const exit = await new Promise<Exit.Exit<ReceivedResponse, unknown>>((resolve) => fiber.addObserver(resolve))
    if (Exit.isSuccess(exit)) return exit.value
    throw Cause.squash(exit.cause)
  }

/** Creates the typed client. Every response body is read as text: the client parses and validates it itself. */
export const makeOpenApiClient = (baseUrl: string, client: HttpClient.HttpClient, authorization: Redacted.Redacted<string>): OpenApiClient =>
  createClient<paths>({
    baseUrl,
    Request: OutgoingRequest as unknown as typeof Request,
    fetch: fetchThrough(client, authorization) as unknown as (request: Request) => Promise<Response>,
    headers: { accept: "application/json" }
  })
