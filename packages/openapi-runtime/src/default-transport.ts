/**
 * The transport of a generated client's `layer(options)`, chosen by the package's conditional export
 * `@effect-openapi/runtime/default-transport`: on Node (condition `node`) the keep-alive
 * `node:http` transport of `./node`, everywhere else (condition `default`: browsers, edge runtimes,
 * workers) this module, `fetch` through `effect/http/FetchHttpClient`. Neither module is imported by
 * the other, so a browser or edge bundle of a generated client holds no `node:` import at all.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import { fromHttpClient, type Transport } from "./transport.js"

/** Which transport `defaultTransport` makes here: `"fetch"` (this build), or `"node:http"` (the Node build). */
export const defaultTransportKind: "fetch" | "node:http" = "fetch"

/**
 * The platform's transport, made once per layer: here `fetch` (`fromHttpClient` over
 * `FetchHttpClient`, redirects not followed); on Node, keep-alive `node:http`.
 */
export const defaultTransport: Effect.Effect<Transport> = Effect.map(
  Effect.provide(Effect.service(HttpClient.HttpClient), FetchHttpClient.layer),
  fromHttpClient
)
