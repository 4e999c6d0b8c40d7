import * as Effect from "effect/Effect"
import * as HttpRouter from "effect/http/HttpRouter"
import * as HttpServerRequest from "effect/http/HttpServerRequest"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import type { Fault, FaultMatch } from "./faults.js"
import type { SimulatorState } from "./state.js"

/** Where the admin API lives: outside `/api/`, so no Zendesk path reaches it. Its requests are not logged or limited. */
export const adminPrefix = "/__admin"

/** What `GET /__admin/state` answers: the account's users by status, the purges and the 429s sent. */
export interface AdminState {
  readonly users: { readonly active: number; readonly softDeleted: number; readonly purged: number }
  /** How many times each id was permanently deleted with a 200 (keys are ids). */
  readonly purges: Record<string, number>
  readonly rateLimited: { readonly account: number; readonly purge: number }
  /** Requests in the log. */
  readonly requests: number
}

/** The state a test asserts on, as JSON. */
export const adminState = (state: SimulatorState): AdminState => {
  const users = { active: 0, softDeleted: 0, purged: 0 }
  for (const u of state.users) {
    if (u.status === "active") users.active++
    else if (u.status === "soft-deleted") users.softDeleted++
    else users.purged++
  }
  return { users, purges: Object.fromEntries(state.purges), rateLimited: { ...state.rateLimited }, requests: state.requests.length }
}

/** The body of `POST /__admin/faults`: a fault, which requests it applies to (path as a RegExp source), how many times. */
interface QueuedFaultBody {
  readonly fault: Fault
  readonly match?: { readonly method?: string; readonly path?: string; readonly after?: number }
  readonly times?: number
}

const json = (body: unknown, status = 200) => HttpServerResponse.jsonUnsafe(body, { status })

/**
 * The admin API, for crash and load tests that run the simulator in another process:
 * `GET /__admin/state`, `GET /__admin/requests?since=N` (the request log from entry N),
 * `POST /__admin/reset` (empties the log, the 429 counters, the queued faults and the rate windows),
 * `POST /__admin/faults` (queues a fault). Any other path under `/__admin/` answers 404.
 */
export const adminRoutes = (state: SimulatorState): ReadonlyArray<HttpRouter.Route> => [
  HttpRouter.route("GET", `${adminPrefix}/state`, Effect.sync(() => json(adminState(state)))),
  HttpRouter.route(
    "GET",
    `${adminPrefix}/requests`,
    Effect.map(HttpServerRequest.HttpServerRequest, (request) => {
      const since = Number(new URL(request.url, "http://simulator").searchParams.get("since") ?? "0")
      const from = Number.isSafeInteger(since) && since > 0 ? since : 0
      return json({ requests: state.requests.slice(from), next: state.requests.length })
    })
  ),
  HttpRouter.route(
    "POST",
    `${adminPrefix}/reset`,
    Effect.sync(() => {
      state.reset()
      return json(adminState(state))
    })
  ),
  HttpRouter.route(
    "POST",
    `${adminPrefix}/faults`,
    HttpServerRequest.HttpServerRequest.pipe(
      Effect.flatMap((request) => request.json),
      Effect.map((raw) => {
        const body = raw as unknown as QueuedFaultBody
        if (body === null || typeof body !== "object" || typeof body.fault?._tag !== "string") return json({ error: "expected {fault, match?, times?}" }, 400)
        const match: FaultMatch = {
          ...(body.match?.method === undefined ? {} : { method: body.match.method }),
          ...(body.match?.path === undefined ? {} : { path: new RegExp(body.match.path) }),
          ...(body.match?.after === undefined ? {} : { after: body.match.after })
        }
        state.faults.add(body.fault, match, body.times ?? 1)
        return json({ queued: true })
      }),
      Effect.catch(() => Effect.succeed(json({ error: "the body is not JSON" }, 400)))
    )
  ),
  HttpRouter.route("*", `${adminPrefix}/*`, Effect.succeed(json({ error: "no such admin route" }, 404)))
]

/** Adds the admin API (see `adminRoutes`) to the `HttpRouter` the layer is built with. */
export const addAdminRoutes = (state: SimulatorState) => HttpRouter.addAll(adminRoutes(state))
