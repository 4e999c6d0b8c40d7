/**
 * CORS, open as Prism's is by default: every response allows the request's origin and exposes its
 * headers, and a preflight (`OPTIONS` with `Access-Control-Request-Method`) gets a 204.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from "node:http"

/** Sets the CORS headers of any response to `req`. */
export const allowOrigin = (req: IncomingMessage, res: ServerResponse): void => {
  const origin = req.headers.origin
  res.setHeader("access-control-allow-origin", origin ?? "*")
  if (origin !== undefined) {
    res.setHeader("access-control-allow-credentials", "true")
    res.setHeader("vary", "origin")
  }
  res.setHeader("access-control-expose-headers", "*")
}

/** Answers a CORS preflight (204, any method and header allowed); false when `req` is not one. */
export const answerPreflight = (req: IncomingMessage, res: ServerResponse): boolean => {
  const method = req.headers["access-control-request-method"]
  if (req.method !== "OPTIONS" || method === undefined) return false
  res.setHeader("access-control-allow-methods", method)
  res.setHeader("access-control-allow-headers", req.headers["access-control-request-headers"] ?? "*")
  res.setHeader("access-control-max-age", "600")
  res.writeHead(204).end()
  return true
}
