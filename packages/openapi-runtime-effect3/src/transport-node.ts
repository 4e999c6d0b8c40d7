/**
 * The default transport: `node:http`/`node:https` with keep-alive, inside one `Effect.async`
 * (no Promise, no `fetch`, no `AbortSignal` per call). Interruption destroys the request.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import type * as Duration from "effect/Duration"
import * as DurationM from "effect/Duration"
import type * as Http from "node:http"
import type * as https from "node:https"
import { createRequire } from "node:module"
import { TransportError } from "./errors.js"
import { connectionError, isTimer, timeoutError, type HttpResponse, type Transport } from "./transport.js"

/** Options of the node transport. */
export interface NodeTransportOptions {
  /** Sockets kept per host (default 64). */
  readonly maxSockets?: number
}

const flatten = (headers: Http.IncomingHttpHeaders): Record<string, string> => {
  const record: Record<string, string> = {}
  for (const name in headers) {
    const value = headers[name]
    if (value !== undefined) record[name] = Array.isArray(value) ? value.join(", ") : value
  }
  return record
}

/**
 * `node:https` (and with it `node:tls`), loaded at the first https request: a command that only
 * talks plain http to a local simulator does not pay for them at start (about 7 ms). Required, not
 * imported, so that the request stays synchronous; any absolute path resolves a built-in.
 */
const loadHttps = (): typeof https => createRequire(`${process.cwd()}/`)("node:https") as typeof https

/**
 * `node:http`, required rather than imported: on Node 24 an ES import of it reads every export, and
 * its lazy `WebSocket` loads undici and `node:tls`, the cost that `loadHttps` defers.
 */
const http = createRequire(`${process.cwd()}/`)("node:http") as typeof Http

/** A keep-alive `node:http`/`node:https` transport. */
export const nodeTransport = (options: NodeTransportOptions = {}): Transport => {
  const maxSockets = options.maxSockets ?? 64
  let secureModule: typeof https | undefined
  let secureAgent: https.Agent | undefined
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets })
  return {
    send: (request, timeout: Duration.Duration | undefined) =>
      Effect.async<HttpResponse, TransportError>((resume) => {
        let done = false
        let timer: ReturnType<typeof setTimeout> | undefined
        const finish = (effect: Effect.Effect<HttpResponse, TransportError>) => {
          if (done) return
          done = true
          if (timer !== undefined) clearTimeout(timer)
          resume(effect)
        }
        let url: URL
        try {
          url = new URL(request.url)
        } catch (cause) {
          finish(Effect.fail(connectionError(request.operation, cause)))
          return
        }
        const secure = url.protocol === "https:"
        if (secure && secureModule === undefined) {
          secureModule = loadHttps()
          secureAgent = new secureModule.Agent({ keepAlive: true, maxSockets })
        }
        const outgoing = (secure ? secureModule! : http).request(
          url,
          { method: request.method.toUpperCase(), headers: request.headers, agent: secure ? secureAgent : httpAgent },
          (response) => {
            const chunks: Array<Buffer> = []
            response.on("data", (chunk: Buffer) => chunks.push(chunk))
            response.on("end", () =>
              finish(Effect.succeed({ status: response.statusCode ?? 0, headers: flatten(response.headers), body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }))
            )
            response.on("error", () =>
              finish(Effect.fail(new TransportError({ operation: request.operation, reason: "Body", message: `${request.operation}: the response body broke off` })))
            )
            response.on("aborted", () =>
              finish(Effect.fail(new TransportError({ operation: request.operation, reason: "Body", message: `${request.operation}: the response body broke off` })))
            )
          }
        )
        outgoing.on("error", (cause) => finish(Effect.fail(connectionError(request.operation, cause))))
        timer = isTimer(timeout)
          ? setTimeout(() => {
              finish(Effect.fail(timeoutError(request.operation, timeout)))
              outgoing.destroy()
            }, Math.max(1, DurationM.toMillis(timeout)))
          : undefined
        outgoing.end(request.body)
        return Effect.sync(() => {
          done = true
          if (timer !== undefined) clearTimeout(timer)
          outgoing.destroy()
        })
      })
  }
}
