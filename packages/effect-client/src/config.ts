import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"

/** How the client authenticates. Secrets are `Redacted`: they print as `<redacted>`. */
export type Auth =
  | { readonly _tag: "ApiToken"; readonly email: string; readonly token: Redacted.Redacted<string> }
  | { readonly _tag: "Password"; readonly email: string; readonly password: Redacted.Redacted<string> }
  | { readonly _tag: "OAuth"; readonly token: Redacted.Redacted<string> }

const redact = (secret: string | Redacted.Redacted<string>) => (Redacted.isRedacted(secret) ? secret : Redacted.make(secret))

/** Constructors for `Auth`. */
export const Auth = {
  /** Basic `{email}/token:{api_token}`. */
  apiToken: (email: string, token: string | Redacted.Redacted<string>): Auth => ({ _tag: "ApiToken", email, token: redact(token) }),
  /** Basic `{email}:{password}`. */
  password: (email: string, password: string | Redacted.Redacted<string>): Auth => ({ _tag: "Password", email, password: redact(password) }),
  /** `Authorization: Bearer {token}` (OAuth, scopes `users:read` and `users:write`). */
  oauth: (token: string | Redacted.Redacted<string>): Auth => ({ _tag: "OAuth", token: redact(token) }),
  /** The `Authorization` header value. Call it only where the request is sent. */
  header: (auth: Auth): Redacted.Redacted<string> => {
    switch (auth._tag) {
      case "OAuth":
        return Redacted.make(`Bearer ${Redacted.value(auth.token)}`)
      case "ApiToken":
        return Redacted.make(`Basic ${Buffer.from(`${auth.email}/token:${Redacted.value(auth.token)}`).toString("base64")}`)
      case "Password":
        return Redacted.make(`Basic ${Buffer.from(`${auth.email}:${Redacted.value(auth.password)}`).toString("base64")}`)
    }
  }
}

/** Where the client connects: an account's subdomain, or a base URL (https, or http on loopback). */
export type Target = { readonly subdomain: string } | { readonly baseUrl: string }

const loopback = new Set(["127.0.0.1", "localhost", "[::1]"])
const dnsLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i

/**
 * Checks a target and returns the base URL. A subdomain must be one DNS label (no `.`, `/`, `@`,
 * `#`, `:`), so no input can point the client at another host; a base URL must be https, except
 * on loopback.
 */
export const resolveTarget = (target: Target): Either.Either<URL, ConfigError.ConfigError> => {
  if ("subdomain" in target) {
    return dnsLabel.test(target.subdomain)
      ? Either.right(new URL(`https://${target.subdomain}.zendesk.com`))
      : Either.left(ConfigError.InvalidData(["ZENDESK_SUBDOMAIN"], `A subdomain must be one DNS label (letters, digits, '-'), got ${JSON.stringify(target.subdomain)}`))
  }
  let url: URL
  try {
    url = new URL(target.baseUrl)
  } catch {
    // Echoed without any user:password part it may carry.
    return Either.left(ConfigError.InvalidData(["ZENDESK_BASE_URL"], `Not a URL: ${JSON.stringify(target.baseUrl.replace(/\/\/[^/]*@/, "//<redacted>@"))}`))
  }
  if (url.username !== "" || url.password !== "") {
    return Either.left(ConfigError.InvalidData(["ZENDESK_BASE_URL"], "A base URL must not carry credentials; use the ZENDESK_* credential variables"))
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback.has(url.hostname))) {
    return Either.left(ConfigError.InvalidData(["ZENDESK_BASE_URL"], `A base URL must be https (http only on 127.0.0.1, localhost or [::1]), got ${url.origin}`))
  }
  if (url.search !== "" || url.hash !== "") {
    return Either.left(ConfigError.InvalidData(["ZENDESK_BASE_URL"], "A base URL must not have a query or fragment"))
  }
  return Either.right(new URL(url.origin + url.pathname.replace(/\/+$/, "")))
}

/** The configuration every call reads: where to connect and how to authenticate. */
export interface ZendeskConfigShape {
  /** The base URL, without a trailing slash; paths carry `/api/v2`. */
  readonly baseUrl: string
  readonly auth: Auth
}

/** Reads `ZENDESK_SUBDOMAIN` or `ZENDESK_BASE_URL`, and the credentials (token, password or OAuth). */
const fromEnvConfig: Config.Config<ZendeskConfigShape> = Config.all({
  subdomain: Config.option(Config.string("ZENDESK_SUBDOMAIN")),
  baseUrl: Config.option(Config.string("ZENDESK_BASE_URL")),
  email: Config.option(Config.string("ZENDESK_EMAIL")),
  apiToken: Config.option(Config.redacted("ZENDESK_API_TOKEN")),
  password: Config.option(Config.redacted("ZENDESK_PASSWORD")),
  oauthToken: Config.option(Config.redacted("ZENDESK_OAUTH_TOKEN"))
}).pipe(
  Config.mapOrFail((env) => {
    const target: Either.Either<Target, ConfigError.ConfigError> = Option.isSome(env.baseUrl)
      ? Either.right({ baseUrl: env.baseUrl.value })
      : Option.isSome(env.subdomain)
        ? Either.right({ subdomain: env.subdomain.value })
        : Either.left(ConfigError.MissingData(["ZENDESK_SUBDOMAIN"], "Set ZENDESK_SUBDOMAIN or ZENDESK_BASE_URL"))
    const auth: Either.Either<Auth, ConfigError.ConfigError> = Option.isSome(env.oauthToken)
      ? Either.right(Auth.oauth(env.oauthToken.value))
      : Option.isNone(env.email)
        ? Either.left(ConfigError.MissingData(["ZENDESK_EMAIL"], "Set ZENDESK_OAUTH_TOKEN, or ZENDESK_EMAIL with ZENDESK_API_TOKEN or ZENDESK_PASSWORD"))
        : Option.isSome(env.apiToken)
          ? Either.right(Auth.apiToken(env.email.value, env.apiToken.value))
          : Option.isSome(env.password)
            ? Either.right(Auth.password(env.email.value, env.password.value))
            : Either.left(ConfigError.MissingData(["ZENDESK_API_TOKEN"], "Set ZENDESK_API_TOKEN or ZENDESK_PASSWORD with ZENDESK_EMAIL"))
    return Either.flatMap(target, (t) =>
      Either.flatMap(resolveTarget(t), (url) => Either.map(auth, (a): ZendeskConfigShape => ({ baseUrl: url.href.replace(/\/$/, ""), auth: a })))
    )
  })
)

/** Where to connect and how to authenticate. */
export class ZendeskConfig extends Context.Tag("@deleted-users/effect-client/ZendeskConfig")<ZendeskConfig, ZendeskConfigShape>() {
  /** Checks a target and credentials; fails with a `ConfigError` for a bad subdomain or base URL. */
  static make(target: Target, auth: Auth): Effect.Effect<ZendeskConfigShape, ConfigError.ConfigError> {
    return Either.match(resolveTarget(target), {
      onLeft: Effect.fail,
      onRight: (url) => Effect.succeed({ baseUrl: url.href.replace(/\/$/, ""), auth })
    })
  }

  /** A layer from a subdomain or base URL and credentials. */
  static layer(target: Target, auth: Auth): Layer.Layer<ZendeskConfig, ConfigError.ConfigError> {
    return Layer.effect(ZendeskConfig, ZendeskConfig.make(target, auth))
  }

  /**
   * A layer from the environment: `ZENDESK_SUBDOMAIN` or `ZENDESK_BASE_URL`, and `ZENDESK_OAUTH_TOKEN`,
   * or `ZENDESK_EMAIL` with `ZENDESK_API_TOKEN` or `ZENDESK_PASSWORD`.
   */
  static readonly fromEnv: Layer.Layer<ZendeskConfig, ConfigError.ConfigError> = Layer.effect(ZendeskConfig, fromEnvConfig)
}
