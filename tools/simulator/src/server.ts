import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as HttpRouter from "effect/http/HttpRouter"
import * as HttpServer from "effect/http/HttpServer"
import * as HttpServerRequest from "effect/http/HttpServerRequest"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import * as Layer from "effect/Layer"
import * as NetAddress from "effect/net/NetAddress"
import * as Scope from "effect/Scope"
import { createServer, type ServerResponse } from "node:http"
import { adminPrefix, adminRoutes } from "./admin.js"
import { authenticate } from "./credentials.js"
import { encodeCursor } from "./cursor.js"
import { envelopes } from "./envelopes.js"
import { parseFaultHeader, type Fault } from "./faults.js"
import type { WindowDecision } from "./rate-limit.js"
import * as routes from "./routes.js"
import { SimulatorState, type LoggedRequest, type SimulatorOptions } from "./state.js"

type Route = (request: routes.RouteRequest) => routes.Reply

const statusBodies: Record<number, unknown> = {
  400: { error: "TooManyValues", description: "Too many values given" },
  401: envelopes.unauthorized,
  403: envelopes.forbidden,
  404: envelopes.invalidEndpoint,
  409: envelopes.conflict,
  422: envelopes.recordInvalid,
  500: envelopes.internal,
  502: envelopes.internal,
  504: envelopes.internal
}

const rateHeaders = (d: WindowDecision, bucket: string): Record<string, string> => ({
  "x-rate-limit": String(d.limit),
  "x-rate-limit-remaining": String(d.remaining),
  "ratelimit-limit": String(d.limit),
  "ratelimit-remaining": String(d.remaining),
  "ratelimit-reset": String(d.resetSeconds),
  [`zendesk-ratelimit-${bucket}`]: `total=${d.limit}; remaining=${d.remaining}; resets=${d.resetSeconds}`
})

const tooManyRequests = (retryAfter: number | string, headers: Record<string, string>) =>
  HttpServerResponse.text("Too Many Requests", { status: 429, headers: { ...headers, "retry-after": String(retryAfter) } })

/** Answers with a status fault: the envelope Zendesk sends for it. */
const faultResponse = (fault: Extract<Fault, { _tag: "Status" }>, headers: Record<string, string>) => {
  const withRetry = fault.retryAfter === undefined ? headers : { ...headers, "retry-after": String(fault.retryAfter) }
  if (fault.status === 429) return tooManyRequests(fault.retryAfter ?? 1, headers)
  if (fault.status === 503) {
    return fault.retryAfter === undefined
      ? HttpServerResponse.jsonUnsafe(envelopes.maintenance, { status: 503, headers })
      : HttpServerResponse.jsonUnsafe(envelopes.databaseTimeout, { status: 503, headers: withRetry })
  }
  return HttpServerResponse.jsonUnsafe(statusBodies[fault.status], { status: fault.status, headers: withRetry })
}

/** Wraps a route with what every Zendesk response goes through: faults, auth, limits and headers. */
const handle = (state: SimulatorState, route: Route, options: { purge?: boolean; anonymous?: boolean } = {}) =>
  Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const params = yield* HttpRouter.params
    const url = new URL(request.url, "http://simulator")
    const requestId = state.requestId()
    const entry: LoggedRequest = { method: request.method, path: url.pathname, query: url.search, requestId, at: state.clock(), status: 0, aborted: false }
    state.requests.push(entry)
    const faults = [...state.faults.take(request.method, url.pathname), ...parseFaultHeader(request.headers["x-simulator-fault"])]
    const latency = state.latencyMs + faults.reduce((ms, f) => (f._tag === "Latency" ? ms + f.ms : ms), 0)
    if (latency > 0) {
      yield* Effect.sleep(latency).pipe(Effect.onInterrupt(() => Effect.sync(() => (entry.aborted = true))))
    }
    const now = state.clock()
    let headers: Record<string, string> = { "x-zendesk-request-id": requestId }
    const reply = (response: HttpServerResponse.HttpServerResponse) => {
      entry.status = response.status
      return response
    }

    const principal = authenticate(request.headers["authorization"], state.credentials, state.agents)
    if (principal === "anonymous" && !options.anonymous) {
      return reply(HttpServerResponse.jsonUnsafe(envelopes.unauthorized, { status: 401, headers }))
    }
    const account = state.requestLimiter.take(now)
    headers = { ...headers, ...rateHeaders(account, "account") }
    if (!account.allowed) {
      state.rateLimited.account++
      return reply(tooManyRequests(account.retryAfterSeconds, headers))
    }
    const status = faults.find((f): f is Extract<Fault, { _tag: "Status" }> => f._tag === "Status")
    if (status !== undefined) return reply(faultResponse(status, headers))
    if (faults.some((f) => f._tag === "Reset")) {
      NodeHttpServerRequest.toIncomingMessage(request).socket.destroy()
      return reply(HttpServerResponse.empty({ status: 599 }))
    }
    if (options.purge && principal === "admin") {
      const purge = state.purgeLimiter.take(now)
      headers = { ...headers, ...rateHeaders(purge, "deleted-users-purge") }
      if (!purge.allowed) {
        state.rateLimited.purge++
        return reply(tooManyRequests(purge.retryAfterSeconds, headers))
      }
    }

    const result = route({ state, query: url.searchParams, id: params["id"], principal, now })
    const meta = faults.find((f): f is Extract<Fault, { _tag: "PageMeta" }> => f._tag === "PageMeta")
    const rewritten = meta === undefined ? result.body : rewriteMeta(result.body, meta, url.searchParams.get("page[after]"), state)
    const body = faults.some((f) => f._tag === "BadBody") ? breakSchema(rewritten) : rewritten
    if (faults.some((f) => f._tag === "Truncate")) {
      const raw = NodeHttpServerRequest.toServerResponse(request) as ServerResponse
      const text = JSON.stringify(body)
      raw.writeHead(result.status, { ...headers, "content-type": "application/json; charset=utf-8", "content-length": String(text.length) })
      raw.write(text.slice(0, Math.floor(text.length / 2)))
      raw.socket?.destroy()
      entry.status = result.status
      return HttpServerResponse.empty({ status: result.status })
    }
    return reply(HttpServerResponse.jsonUnsafe(body, { status: result.status, headers: { ...headers, ...result.headers } }))
  })

/** A cursor page with its meta rewritten by a `PageMeta` fault. */
const rewriteMeta = (body: unknown, fault: Extract<Fault, { _tag: "PageMeta" }>, after: string | null, state: SimulatorState): unknown => {
  const page = body as { meta?: { has_more: boolean; after_cursor: string | null } }
  if (page.meta === undefined) return body
  const afterCursor = fault.afterCursor === undefined
    ? page.meta.after_cursor
    : fault.afterCursor === "same"
      ? after
      : fault.afterCursor === "rewind"
        ? encodeCursor("after", (state.deletedIds()[0] ?? 1) - 1)
        : fault.afterCursor
  return { ...page, meta: { ...page.meta, ...(fault.hasMore === undefined ? {} : { has_more: fault.hasMore }), after_cursor: afterCursor } }
}

/** A 200 body that breaks the schema: the first id becomes a string. */
const breakSchema = (body: unknown): unknown => {
  const json = JSON.stringify(body)
  return JSON.parse(json.replace(/"id":(\d+)/, '"id":"$1"'))
}

/**
 * The routes of the Deleted Users API (and the soft delete it starts from), and the admin API. `/count` wins over `/{id}`;
 * every other path (`/__admin` itself included) gets Zendesk's 404, through the same faults, auth and limits.
 */
export const simulatorRoutes = (state: SimulatorState): ReadonlyArray<HttpRouter.Route> => {
  const notFound = handle(state, () => ({ status: 404, body: envelopes.invalidEndpoint }))
  return [
    HttpRouter.route("GET", "/api/v2/deleted_users", handle(state, routes.listDeletedUsers)),
    HttpRouter.route("GET", "/api/v2/deleted_users/count", handle(state, routes.countDeletedUsers)),
    HttpRouter.route("GET", "/api/v2/deleted_users/:id", handle(state, routes.showDeletedUser)),
    HttpRouter.route("DELETE", "/api/v2/deleted_users/:id", handle(state, routes.permanentlyDeleteUser, { purge: true })),
    HttpRouter.route("DELETE", "/api/v2/users/:id", handle(state, routes.deleteUser)),
    HttpRouter.route("GET", "/api/v2/users/me", Effect.succeed(HttpServerResponse.jsonUnsafe({ user: { id: null, name: "Anonymous user" } }))),
    ...adminRoutes(state),
    HttpRouter.route("*", adminPrefix, notFound),
    HttpRouter.route("*", "*", notFound)
  ]
}

/** A running simulator: its base URL, its state for assertions, and how to stop it. */
export interface RunningSimulator {
  readonly url: string
  readonly state: SimulatorState
  readonly close: () => Promise<void>
}

/** Adds the simulator's routes (see `simulatorRoutes`) to the `HttpRouter` the layer is built with. */
export const makeRouter = (state: SimulatorState) => HttpRouter.addAll(simulatorRoutes(state))

/** The simulator as a Layer, for Effect programs: the server runs for the layer's lifetime. No request is logged or traced. */
export const layer = (state: SimulatorState) =>
  HttpRouter.serve(makeRouter(state), { disableLogger: true, disableListenLog: true }).pipe(
    Layer.provideMerge(NodeHttpServer.layer(() => createServer({ keepAliveTimeout: 5_000 }), { host: state.options.host ?? "127.0.0.1", port: state.options.port ?? 0 }))
  )

/** The base URL of a server's TCP address (`http://host:port`, an IPv6 host in brackets). */
export const baseUrlOf = (address: NetAddress.SocketAddress): string => {
  if (!NetAddress.isInetAddress(address)) throw new Error("the simulator listens on TCP only")
  const hostname = NetAddress.formatHost(address)
  const host = hostname.includes(":") ? `[${hostname}]` : hostname
  return `http://${host}:${address.port}`
}

/** Starts a simulator on 127.0.0.1 (a free port unless `port` is given). */
export const start = async (options: SimulatorOptions = {}): Promise<RunningSimulator> => {
  const state = new SimulatorState(options)
  const scope = Effect.runSync(Scope.make())
  const context = await Effect.runPromise(Layer.buildWithScope(layer(state), scope))
  state.baseUrl = baseUrlOf(Context.get(context, HttpServer.HttpServer).address)
  return { url: state.baseUrl, state, close: () => Effect.runPromise(Scope.close(scope, Exit.void)) }
}
