/**
 * The default transport: `node:http`/`node:https` with keep-alive, inside one `Effect.callback`
 * (no Promise, no `fetch`, no `AbortSignal` per call). Interruption destroys the request. It follows
 * no redirect, asks for no compression (so inflates nothing), and stops reading a body at its
 * `maxResponseBytes`. Its `stream` hands the body over as it arrives, read only as fast as it is pulled.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import type * as Duration from "effect/Duration"
import type * as http from "node:http"
import type * as https from "node:https"
import { createRequire } from "node:module"
import * as Stream from "effect/Stream"
import { makeDeadlines, type Deadlines } from "@effect-openapi/runtime-core/transport"
import { TransportError } from "./errors.js"
import { makeRequestTargets, type RequestTarget } from "@effect-openapi/runtime-core/transport"
import { connectionError, contentLength, defaultMaxResponseBytes, hasNoBody, isTimer, timeoutError, timerMillis, tooLargeError, type HttpRequest, type HttpResponse, type StreamingResponse, type Transport } from "./transport.js"

/** Options of the node transport. */
export interface NodeTransportOptions {
  /** Sockets kept per host (default 64). */
  readonly maxSockets?: number
}

const flatten = (headers: http.IncomingHttpHeaders): Record<string, string> => {
  const record: Record<string, string> = {}
  for (const name in headers) {
    const value = headers[name]
    if (value !== undefined) record[name] = Array.isArray(value) ? value.join(", ") : value
  }
  return record
}

/**
 * Built-ins are required, not imported: an ESM `import` of `node:http` reads every export, and on
 * Node 24 its lazy `WebSocket` export then loads undici (and `node:tls`, `http2`, `zlib`...), tens
 * of milliseconds at start. Required, the request also stays synchronous. Any absolute path
 * resolves a built-in.
 */
const builtin = <A>(name: string): A => createRequire(`${process.cwd()}/`)(name) as A

let httpModule: typeof http | undefined

/**
 * `node:https` (and with it `node:tls`) is loaded at the first https request: a command that only
 * talks plain http to a local simulator does not pay for them at start (about 7 ms).
 */
const loadHttps = (): typeof https => builtin<typeof https>("node:https")

/** A keep-alive `node:http`/`node:https` transport. */
export const nodeTransport = (options: NodeTransportOptions = {}): Transport => {
  const maxSockets = options.maxSockets ?? 64
  let secureModule: typeof https | undefined
  let secureAgent: https.Agent | undefined
  const plain = (httpModule ??= builtin<typeof http>("node:http"))
  const httpAgent = new plain.Agent({ keepAlive: true, maxSockets })
  // One timer for the timeouts of every request, and each origin parsed once.
  const deadlines = makeDeadlines()
  const targetOf = makeRequestTargets()
  return {
    send: (request, timeout: Duration.Duration | undefined) =>
      Effect.callback<HttpResponse, TransportError>((resume) => {
        let done = false
        let deadline: unknown
        const finish = (effect: Effect.Effect<HttpResponse, TransportError>) => {
          if (done) return
          done = true
          if (deadline !== undefined) deadlines.remove(deadline)
          resume(effect)
        }
        let target: RequestTarget
        try {
          target = targetOf(request.url)
        } catch (cause) {
          finish(Effect.fail(connectionError(request.operation, cause)))
          return
        }
        const secure = target.protocol === "https:"
        if (secure && secureModule === undefined) {
          secureModule = loadHttps()
          secureAgent = new secureModule.Agent({ keepAlive: true, maxSockets })
        }
        const limit = request.maxResponseBytes ?? defaultMaxResponseBytes
        let outgoing: http.ClientRequest
        try {
          outgoing = (secure ? secureModule! : plain).request(
            { protocol: target.protocol, hostname: target.hostname, port: target.port, path: target.path, auth: target.auth, method: request.method.toUpperCase(), headers: request.headers, agent: secure ? secureAgent : httpAgent },
            (response) => {
              const status = response.statusCode ?? 0
              const headers = flatten(response.headers)
              const tooLarge = () => {
                finish(Effect.fail(tooLargeError(request.operation, limit, status)))
                outgoing.destroy()
              }
              const declared = contentLength(headers)
              if (declared !== undefined && declared > limit && !hasNoBody(request.method, status)) return tooLarge()
              const chunks: Array<Buffer> = []
              let size = 0
              response.on("data", (chunk: Buffer) => {
                size += chunk.length
                if (size > limit) return tooLarge()
                chunks.push(chunk)
              })
              response.on("end", () =>
                finish(Effect.succeed({ status, headers, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }))
              )
              response.on("error", () =>
                finish(Effect.fail(new TransportError({ operation: request.operation, reason: "Body", message: `${request.operation}: the response body broke off` })))
              )
              response.on("aborted", () =>
                finish(Effect.fail(new TransportError({ operation: request.operation, reason: "Body", message: `${request.operation}: the response body broke off` })))
              )
            }
          )
        } catch (cause) {
          // A header node:http refuses (the executor checks them first; a transport used on its own may not).
          finish(Effect.fail(connectionError(request.operation, cause, request)))
          return
        }
        outgoing.on("error", (cause) => finish(Effect.fail(connectionError(request.operation, cause, request))))
        if (isTimer(timeout)) {
          deadline = deadlines.add(timerMillis(timeout), () => {
            finish(Effect.fail(timeoutError(request.operation, timeout)))
            outgoing.destroy()
          })
        }
        outgoing.end(request.body)
        return Effect.sync(() => {
          done = true
          if (deadline !== undefined) deadlines.remove(deadline)
          outgoing.destroy()
        })
      }),
    stream: (request, timeout) => open(request, timeout, deadlines, targetOf, (secure) => {
      if (secure && secureModule === undefined) {
        secureModule = loadHttps()
        secureAgent = new secureModule.Agent({ keepAlive: true, maxSockets })
      }
      return secure ? { module: secureModule!, agent: secureAgent! } : { module: plain, agent: httpAgent }
    })
  }
}

const brokeOff = (operation: string): TransportError =>
  new TransportError({ operation, reason: "Body", message: `${operation}: the response body broke off` })

/**
 * Sends a request and succeeds with its status and headers once they are in (within `timeout`); the
 * body is a `Stream` over the response's async iterator, so a chunk is read only when pulled (the
 * socket pauses meanwhile). Ending or interrupting the stream destroys the request.
 */
const open = (
  request: HttpRequest,
  timeout: Duration.Duration | undefined,
  deadlines: Deadlines,
  targetOf: (url: string) => RequestTarget,
  agentOf: (secure: boolean) => { readonly module: typeof http | typeof https; readonly agent: http.Agent }
): Effect.Effect<StreamingResponse, TransportError> =>
  Effect.callback<StreamingResponse, TransportError>((resume) => {
    let done = false
    let deadline: unknown
    const finish = (effect: Effect.Effect<StreamingResponse, TransportError>) => {
      if (done) return
      done = true
      if (deadline !== undefined) deadlines.remove(deadline)
      resume(effect)
    }
    let outgoing: http.ClientRequest
    try {
      const target = targetOf(request.url)
      const { module, agent } = agentOf(target.protocol === "https:")
      outgoing = module.request({ protocol: target.protocol, hostname: target.hostname, port: target.port, path: target.path, auth: target.auth, method: request.method.toUpperCase(), headers: request.headers, agent }, (response) => {
        // Ending the stream early destroys the request at once, without waiting for a read in flight.
        const chunks: AsyncIterable<Uint8Array> = {
          [Symbol.asyncIterator]: () => {
            const iterator = (response as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]()
            return {
              next: () => iterator.next(),
              return: () => {
                outgoing.destroy()
                void iterator.return?.()?.catch(() => undefined)
                return Promise.resolve({ done: true, value: undefined })
              }
            }
          }
        }
        const body = Stream.fromAsyncIterable(chunks, () => brokeOff(request.operation)).pipe(Stream.ensuring(Effect.sync(() => outgoing.destroy())))
        finish(Effect.succeed({ status: response.statusCode ?? 0, headers: flatten(response.headers), body }))
      })
    } catch (cause) {
      finish(Effect.fail(connectionError(request.operation, cause, request)))
      return
    }
    outgoing.on("error", (cause) => finish(Effect.fail(connectionError(request.operation, cause, request))))
    if (isTimer(timeout)) {
      deadline = deadlines.add(timerMillis(timeout), () => {
        finish(Effect.fail(timeoutError(request.operation, timeout)))
        outgoing.destroy()
      })
    }
    outgoing.end(request.body)
    return Effect.sync(() => {
      if (done) return
      done = true
      if (deadline !== undefined) deadlines.remove(deadline)
      outgoing.destroy()
    })
  })
