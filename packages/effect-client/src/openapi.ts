/**
 * The one module that uses openapi-fetch: requests are built and typed from the generated `paths`;
 * the transport underneath is the @effect/platform `HttpClient` of the caller's context.
 */
import { HttpClient, HttpClientRequest } from "@effect/platform"
import type { paths } from "@deleted-users/types"
import { Cause, Effect, Exit, Redacted } from "effect"
import createClient, { type Client } from "openapi-fetch"

/** A typed openapi-fetch client for the Deleted Users API. */
export type OpenApiClient = Client<paths>

const bodyless = new Set([101, 204, 205, 304])

/**
 * A `fetch` that sends through an @effect/platform `HttpClient` and adds the `Authorization` header
 * at the last moment. Aborting the request's signal interrupts the HTTP call.
 */
export const fetchThrough = (client: HttpClient.HttpClient, authorization: Redacted.Redacted<string>) =>
  async (request: Request): Promise<Response> => {
    const outgoing = HttpClientRequest.make(request.method as "GET" | "DELETE")(request.url, {
      headers: { ...Object.fromEntries(request.headers), authorization: Redacted.value(authorization) }
    })
    const exchange = client.execute(outgoing).pipe(
      Effect.flatMap((response) =>
        Effect.map(response.arrayBuffer, (body) =>
          new Response(bodyless.has(response.status) ? null : body, { status: response.status, headers: response.headers })
        )
      )
    )
    const exit = await Effect.runPromiseExit(exchange, { signal: request.signal })
    if (Exit.isSuccess(exit)) return exit.value
    throw Cause.squash(exit.cause)
  }

/** Creates the typed client. Every response body is read as text: the client parses and validates it itself. */
export const makeOpenApiClient = (baseUrl: string, client: HttpClient.HttpClient, authorization: Redacted.Redacted<string>): OpenApiClient =>
  createClient<paths>({ baseUrl, fetch: fetchThrough(client, authorization), headers: { accept: "application/json" } })
