/**
 * Checks that a request carries the credentials its operation's security asks for (any one
 * requirement, every scheme of it): present, not verified. Otherwise a 401 with `WWW-Authenticate`.
 *
 * @module
 */
import type { Document, SecurityScheme } from "./openapi.js"
import type { RequestParts } from "./parameters.js"
import type { Route } from "./route.js"

/** Missing credentials: the schemes any of which would do, and the `WWW-Authenticate` challenges to send. */
export interface Unauthenticated {
  /** One line: what to send. */
  readonly detail: string
  /** The challenges (`Basic realm="openapi-mock"`, `Bearer`), for `WWW-Authenticate`. */
  readonly challenges: ReadonlyArray<string>
}

const authorization = (parts: RequestParts): string => {
  const value = parts.headers.authorization
  return (typeof value === "string" ? value : value?.[0] ?? "").trim()
}

const httpScheme = (scheme: SecurityScheme): string => (scheme.type === "http" ? (scheme.scheme ?? "basic") : "bearer").toLowerCase()

const satisfied = (scheme: SecurityScheme | undefined, parts: RequestParts): boolean => {
  if (scheme === undefined) return true
  switch (scheme.type) {
    case "http":
    case "oauth2":
    case "openIdConnect":
      return authorization(parts).toLowerCase().startsWith(`${httpScheme(scheme)} `)
    case "apiKey": {
      const name = scheme.name ?? ""
      if (scheme.in === "query") return parts.query.has(name)
      if (scheme.in === "cookie") return Object.hasOwn(parts.cookies, name)
      return parts.headers[name.toLowerCase()] !== undefined
    }
    default:
      return true
  }
}

const describe = (name: string, scheme: SecurityScheme | undefined): string =>
  scheme === undefined ? name
    : scheme.type === "apiKey" ? `${name} (API key in ${scheme.in ?? "header"} '${scheme.name ?? ""}')`
    : `${name} (Authorization: ${httpScheme(scheme).replace(/^./, (c) => c.toUpperCase())} ...)`

/** Undefined when the request carries the credentials of one of its operation's security requirements. */
export const checkSecurity = (doc: Document, route: Route, parts: RequestParts): Unauthenticated | undefined => {
  const requirements = route.operation.security ?? doc.security ?? []
  const schemes = doc.components?.securitySchemes ?? {}
  if (requirements.length === 0) return undefined
  if (requirements.some((r) => Object.keys(r).every((name) => satisfied(schemes[name], parts)))) return undefined
  const names = [...new Set(requirements.flatMap((r) => Object.keys(r)))]
  const challenges = [...new Set(names.flatMap((name) => {
    const scheme = schemes[name]
    if (scheme === undefined || scheme.type === "apiKey") return []
    const http = httpScheme(scheme)
    return [http === "basic" ? `Basic realm="openapi-mock"` : http.replace(/^./, (c) => c.toUpperCase())]
  }))]
  return { detail: `credentials missing: send ${names.map((n) => describe(n, schemes[n])).join(" or ")}`, challenges }
}
