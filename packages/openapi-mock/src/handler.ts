/**
 * The mock's request handler: route (404, 405), check credentials (401), parameters and body (422 or
 * the declared 400, 415), then answer with the declared response `Prefer` asks for or the default
 * one (406 when `Accept` allows none of its media types).
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import { checkBody, readBody } from "./body.js"
import { allowOrigin, answerPreflight } from "./cors.js"
import { checkParameters, type RequestParts } from "./parameters.js"
import { parsePrefer } from "./prefer.js"
import { invalidRequest, problem, type Problem } from "./problem.js"
import { buildResponse } from "./respond.js"
import { makeRouter, type Route } from "./route.js"
import { checkSecurity } from "./security.js"
import type { Spec } from "./spec.js"
import { chooseResponse, declaredStatuses, invalidRequestStatus } from "./status.js"
import { makeValidate } from "./validate.js"

/** Handles one request to the mock. */
export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>

const sendProblem = (res: ServerResponse, p: Problem, headers: Record<string, string | ReadonlyArray<string>> = {}) => {
  const body = Buffer.from(JSON.stringify(p))
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  res.writeHead(p.status, { "content-type": "application/problem+json", "content-length": body.length }).end(body)
}

const decode = (s: string) => {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

const cookiesOf = (header: string | undefined): Record<string, string> =>
  Object.fromEntries((header ?? "").split(";").flatMap((pair) => {
    const eq = pair.indexOf("=")
    return eq < 0 ? [] : [[pair.slice(0, eq).trim(), decode(pair.slice(eq + 1).trim())]]
  }))

const label = (route: Route) => `${route.method.toUpperCase()} ${route.template}`

/** The handler for a loaded spec: its router and validators built once. */
export const makeHandler = (spec: Spec): Handler => {
  const doc = spec.document
  const routeOf = makeRouter(doc)
  const validate = makeValidate(spec)
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    allowOrigin(req, res)
    if (answerPreflight(req, res)) return
    const url = new URL(req.url ?? "/", "http://openapi-mock")
    const routed = routeOf(req.method ?? "GET", url.pathname)
    if (routed._tag === "NoPath") {
      return sendProblem(res, problem("no-route", 404, "No such path", `no path of the spec matches ${url.pathname}`))
    }
    if (routed._tag === "NoMethod") {
      const detail = `${req.method ?? ""} is not declared for ${url.pathname}; allowed: ${routed.allowed.join(", ")}`
      return sendProblem(res, problem("method-not-allowed", 405, "Method not allowed", detail), { allow: routed.allowed.join(", ") })
    }
    const route = routed.route
    const raw = await readBody(req)
    if (raw === undefined) return sendProblem(res, problem("payload-too-large", 413, "Payload too large", "the request body is larger than 16 MiB"))
    const parts: RequestParts = { query: url.searchParams, headers: req.headers, cookies: cookiesOf(req.headers.cookie) }
    const unauthenticated = checkSecurity(doc, route, parts)
    if (unauthenticated !== undefined) {
      const headers = unauthenticated.challenges.length === 0 ? {} : { "www-authenticate": unauthenticated.challenges.join(", ") }
      return sendProblem(res, problem("unauthorized", 401, "Unauthorized", unauthenticated.detail), headers)
    }
    const body = checkBody(doc, route, req.headers["content-type"], raw, validate)
    if (body._tag === "UnsupportedMediaType") {
      const detail = `${label(route)} takes ${body.accepted.join(", ")}, not ${body.sent}`
      return sendProblem(res, problem("unsupported-media-type", 415, "Unsupported media type", detail))
    }
    const violations = [...checkParameters(doc, route, parts, validate), ...(body._tag === "Invalid" ? body.violations : [])]
    if (violations.length > 0) return sendProblem(res, invalidRequest(invalidRequestStatus(route), violations))
    const prefer = parsePrefer(req.headers.prefer)
    const chosen = chooseResponse(doc, route, prefer.code)
    if (chosen === undefined) {
      const detail = `${label(route)} declares no response ${prefer.code ?? ""}; it declares ${declaredStatuses(route).join(", ") || "none"}`
      return sendProblem(res, problem("no-such-response", prefer.code === undefined ? 501 : 404, "No such response", detail))
    }
    const built = buildResponse(doc, validate, chosen, req.headers.accept, prefer.example)
    if (built._tag === "NotAcceptable") {
      const detail = `${label(route)} answers ${chosen.key} with ${built.declared.join(", ")}, not ${req.headers.accept ?? ""}`
      return sendProblem(res, problem("not-acceptable", 406, "Not acceptable", detail))
    }
    if (built._tag === "NoSuchExample") {
      const where = `${label(route)} ${chosen.key}${built.mediaType === undefined ? "" : ` ${built.mediaType}`}`
      const detail = `${where} has no example '${prefer.example ?? ""}'; it has ${built.names.join(", ") || "none"}`
      return sendProblem(res, problem("no-such-example", 404, "No such example", detail))
    }
    for (const [name, value] of Object.entries(built.headers)) res.setHeader(name, value)
    res.writeHead(built.status, built.body === undefined ? {} : { "content-length": built.body.length })
    res.end(req.method === "HEAD" ? undefined : built.body)
  }
  return async (req, res) => {
    try {
      await handle(req, res)
    } catch (error) {
      if (!res.headersSent) sendProblem(res, problem("mock-failure", 500, "The mock failed", String((error as Error)?.message ?? error)))
      else res.destroy()
    }
  }
}
