import { Redacted } from "effect"

/**
 * The credentials the simulator accepts. They come from the same variables the client reads, so
 * one environment serves both; each has a documented default for a fresh machine.
 */
export interface Credentials {
  readonly email: string
  readonly apiToken: Redacted.Redacted<string>
  readonly password: Redacted.Redacted<string>
  readonly oauthToken: Redacted.Redacted<string>
}

/** The defaults, as the README documents them. */
export const defaultCredentials = {
  email: "admin@example.com",
  apiToken: "sim-api-token",
  password: "sim-password",
  oauthToken: "sim-oauth-token"
} as const

/** Reads `ZENDESK_EMAIL`, `ZENDESK_API_TOKEN`, `ZENDESK_PASSWORD` and `ZENDESK_OAUTH_TOKEN`, with the defaults. */
export const credentialsFromEnv = (env: Record<string, string | undefined> = process.env): Credentials => ({
  email: env.ZENDESK_EMAIL || defaultCredentials.email,
  apiToken: Redacted.make(env.ZENDESK_API_TOKEN || defaultCredentials.apiToken),
  password: Redacted.make(env.ZENDESK_PASSWORD || defaultCredentials.password),
  oauthToken: Redacted.make(env.ZENDESK_OAUTH_TOKEN || defaultCredentials.oauthToken)
})

/** Who a request authenticated as: the admin, a plain agent (403 on a purge), or nobody (401). */
export type Principal = "admin" | "agent" | "anonymous"

/**
 * Checks an `Authorization` header: Basic `email:password`, Basic `email/token:api_token`, or
 * `Bearer token`. Agents listed in `agents` sign in with the same password or token.
 */
export const authenticate = (header: string | undefined, credentials: Credentials, agents: ReadonlyArray<string>): Principal => {
  if (header === undefined) return "anonymous"
  const [scheme, value = ""] = header.split(" ", 2)
  if (scheme?.toLowerCase() === "bearer") return value === Redacted.value(credentials.oauthToken) ? "admin" : "anonymous"
  if (scheme?.toLowerCase() !== "basic") return "anonymous"
  const decoded = Buffer.from(value, "base64").toString("utf8")
  const colon = decoded.indexOf(":")
  if (colon < 0) return "anonymous"
  const user = decoded.slice(0, colon)
  const secret = decoded.slice(colon + 1)
  const [email, tokenMarker] = user.endsWith("/token") ? [user.slice(0, -"/token".length), true] : [user, false]
  const expected = tokenMarker ? Redacted.value(credentials.apiToken) : Redacted.value(credentials.password)
  if (secret !== expected) return "anonymous"
  if (email === credentials.email) return "admin"
  return agents.includes(email) ? "agent" : "anonymous"
}
