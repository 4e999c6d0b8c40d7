/**
 * What the recipes need of Zendesk besides the generated client: its credentials as the spec's
 * security schemes, and which failures may have reached it.
 *
 * @module
 */
import type { Auth } from "./config.js"
import type { ZendeskError } from "./errors.js"
import type { ZendeskDeletedUsersAuth } from "./generated/index.js"

/** Zendesk's three ways to sign in, as the spec's `basicAuth` and `bearerAuth` schemes. */
export const schemeCredentials = (auth: Auth): ZendeskDeletedUsersAuth => {
  switch (auth._tag) {
    case "OAuth":
      return { bearerAuth: auth.token }
    case "ApiToken":
      return { basicAuth: { username: `${auth.email}/token`, password: auth.token } }
    case "Password":
      return { basicAuth: { username: auth.email, password: auth.password } }
  }
}

/** Whether a failure may have happened after Zendesk acted (so a retried delete may find the user gone): a transport failure once sent, or a 5xx. */
export const mayHaveExecuted = (error: ZendeskError): boolean =>
  (error._tag === "TransportError" && error.reason !== "Refused") || ("status" in error && (error.status ?? 0) >= 500)
