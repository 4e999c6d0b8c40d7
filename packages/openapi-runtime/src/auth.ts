/**
 * Security schemes and the credentials that satisfy them. Secrets are held `Redacted` and read only
 * where the request is built.
 *
 * @module
 */
import * as Redacted from "effect/Redacted"
import { isHeaderValue } from "@effect-openapi/runtime-core"
import type { SecurityRequirement } from "@effect-openapi/runtime-core"

/** A security scheme, as the spec declares it. */
export type SecurityScheme =
  | {
      /** HTTP authentication. */
      readonly type: "http"
      /** The scheme: `basic`, `bearer`, or another sent as `Authorization: <scheme> <token>`. */
      readonly scheme: string
    }
  | {
      /** An API key. */
      readonly type: "apiKey"
      /** Where the key is sent. */
      readonly in: "header" | "query" | "cookie"
      /** The header, query parameter or cookie that carries it. */
      readonly name: string
    }
  | {
      /** A token obtained elsewhere, sent as a bearer token. */
      readonly type: "oauth2" | "openIdConnect"
    }

/** A secret as a caller passes it. */
export type Secret = string | Redacted.Redacted<string>

/** What satisfies a scheme: a token or key, or a user name and password (HTTP basic). */
export type Credential = Secret | {
  /** The user name. */
  readonly username: string
  /** The password. */
  readonly password: Secret
}

/** A credential, secrets redacted. */
export type HeldCredential = Redacted.Redacted<string> | {
  /** The user name. */
  readonly username: string
  /** The password, redacted. */
  readonly password: Redacted.Redacted<string>
}

const redact = (secret: Secret): Redacted.Redacted<string> => (Redacted.isRedacted(secret) ? secret : Redacted.make(secret))

/** Redacts every secret of a set of credentials, dropping those not given. */
export const holdCredentials = (credentials: Readonly<Record<string, Credential | undefined>> | undefined): Readonly<Record<string, HeldCredential>> => {
  const held: Record<string, HeldCredential> = {}
  for (const [name, credential] of Object.entries(credentials ?? {})) {
    if (credential === undefined) continue
    held[name] = typeof credential === "object" && !Redacted.isRedacted(credential)
      ? { username: credential.username, password: redact(credential.password) }
      : redact(credential as Secret)
  }
  return held
}

const secretOf = (credential: HeldCredential): string =>
  Redacted.isRedacted(credential) ? Redacted.value(credential) : Redacted.value(credential.password)

/**
 * The first scheme whose credential would go into a header (an API key in a header, a bearer or other
 * token) but holds a character no header can carry (CR, LF, NUL, past Latin-1), if any. Sending it
 * would fail in the platform, whose error message may quote the header, secret and all.
 */
export const unsendableCredential = (
  schemes: Readonly<Record<string, SecurityScheme>>,
  credentials: Readonly<Record<string, HeldCredential>>
): string | undefined => {
  for (const [name, credential] of Object.entries(credentials)) {
    const scheme = schemes[name]
    if (scheme === undefined) continue
    const inHeader = scheme.type === "apiKey" ? scheme.in === "header" : !(scheme.type === "http" && scheme.scheme.toLowerCase() === "basic")
    if (inHeader && !isHeaderValue(secretOf(credential))) return name
  }
  return undefined
}

/** The `Authorization` value of each basic credential, encoded at its first use (a credential never changes). */
const basicAuthorizations = new WeakMap<HeldCredential, string>()

/** `Basic <base64 of user:password in UTF-8>`, encoded once per credential. */
const basicAuthorization = (credential: HeldCredential): string => {
  let value = basicAuthorizations.get(credential)
  if (value === undefined) {
    const pair = Redacted.isRedacted(credential) ? Redacted.value(credential) : `${credential.username}:${Redacted.value(credential.password)}`
    value = `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(pair)))}`
    basicAuthorizations.set(credential, value)
  }
  return value
}

/**
 * Adds the credentials of the first requirement alternative that the credentials satisfy to the
 * headers or the query; none when no alternative is satisfied (the server then answers 401).
 */
export const applySecurity = (
  requirements: ReadonlyArray<SecurityRequirement>,
  schemes: Readonly<Record<string, SecurityScheme>>,
  credentials: Readonly<Record<string, HeldCredential>>,
  headers: Record<string, string>,
  query: Array<[string, string]>
): void => {
  const chosen = requirements.find((alternative) => alternative.every((name) => credentials[name] !== undefined && schemes[name] !== undefined))
  for (const name of chosen ?? []) {
    const scheme = schemes[name]!
    const credential = credentials[name]!
    if (scheme.type === "apiKey") {
      const value = secretOf(credential)
      if (scheme.in === "header") headers[scheme.name.toLowerCase()] = value
      else if (scheme.in === "query") query.push([scheme.name, value])
      else headers["cookie"] = [headers["cookie"], `${scheme.name}=${encodeURIComponent(value)}`].filter((c) => c !== undefined).join("; ")
    } else if (scheme.type === "http" && scheme.scheme.toLowerCase() === "basic") {
      headers["authorization"] = basicAuthorization(credential)
    } else {
      headers["authorization"] = `${scheme.type === "http" ? scheme.scheme.replace(/^bearer$/i, "Bearer") : "Bearer"} ${secretOf(credential)}`
    }
  }
}
