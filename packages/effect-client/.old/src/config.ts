import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"

/** How the client authenticates. Secrets are `Redacted`: they print as `<redacted>`. */
export type Auth =
  | {
      /** An agent's email address with an API token. */
      readonly _tag: "ApiToken"
      /** The agent's email address. */
      readonly email: string
      /** The API token. */
      readonly token: Redacted.Redacted<string>
    }
  | {
      /** An agent's email address with their password. */
      readonly _tag: "Password"
      /** The agent's email address. */
      readonly email: string
      /** The password. */
      readonly password: Redacted.Redacted<string>
    }
  | {
      /** An OAuth access token. */
      readonly _tag: "OAuth"
      /** The access token. */
      readonly token: Redacted.Redacted<string>
    }

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
export type Target =
  | {
      /** The account's subdomain: `acme` for `https://acme.zendesk.com`. */
      readonly subdomain: string
    }
  | {
      /** The base URL, e.g. a simulator's `http://127.0.0.1:8080`. */
      readonly baseUrl: string
    }

/** A `ConfigError` for a variable that is set but not valid: its message names the variable. */
const invalid = (variable: string, message: string): Config.ConfigError =>
  new Config.ConfigError(new Schema.SchemaError(new SchemaIssue.Pointer([variable], new SchemaIssue.InvalidValue({ message }))))

/** A `ConfigError` for a variable that is missing: its message names the variable and says what to set. */
const missing = (variable: string, message: string): Config.ConfigError =>
  new Config.ConfigError(new Schema.SchemaError(new SchemaIssue.Pointer([variable], new SchemaIssue.MissingKey({ messageMissingKey: message }))))

const loopback = new Set(["127.0.0.1", "localhost", "[::1]"])
const dnsLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i

/**
 * Checks a target and returns the base URL. A subdomain must be one DNS label (no `.`, `/`, `@`,
 * `#`, `:`), so no input can point the client at another host; a base URL must be https, except
 * on loopback.
 */
export const resolveTarget = (target: Target): Result.Result<URL, Config.ConfigError> => {
  if ("subdomain" in target) {
    return dnsLabel.test(target.subdomain)
      ? Result.succeed(new URL(`https://${target.subdomain}.zendesk.com`))
      : Result.fail(invalid("ZENDESK_SUBDOMAIN", `A subdomain must be one DNS label (letters, digits, '-'), got ${JSON.stringify(target.subdomain)}`))
  }
  let url: URL
  try {
    url = new URL(target.baseUrl)
  } catch {
    // Echoed without any user:password part it may carry.
    return Result.fail(invalid("ZENDESK_BASE_URL", `Not a URL: ${JSON.stringify(target.baseUrl.replace(/\/\/[^/]*@/, "//<redacted>@"))}`))
  }
  if (url.username !== "" || url.password !== "") {
    return Result.fail(invalid("ZENDESK_BASE_URL", "A base URL must not carry credentials; use the ZENDESK_* credential variables"))
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback.has(url.hostname))) {
    return Result.fail(invalid("ZENDESK_BASE_URL", `A base URL must be https (http only on 127.0.0.1, localhost or [::1]), got ${url.origin}`))
  }
  if (url.search !== "" || url.hash !== "") {
    return Result.fail(invalid("ZENDESK_BASE_URL", "A base URL must not have a query or fragment"))
  }
  return Result.succeed(new URL(url.origin + url.pathname.replace(/\/+$/, "")))
}

/** The configuration every call reads: where to connect and how to authenticate. */
export interface ZendeskConfigShape {
  /** The base URL, without a trailing slash; paths carry `/api/v2`. */
  readonly baseUrl: string
  /** The credentials every request is sent with. */
  readonly auth: Auth
}

/** Reads `ZENDESK_SUBDOMAIN` or `ZENDESK_BASE_URL`, and the credentials (token, password or OAuth). */
const fromEnvConfig: Config.Config<ZendeskConfigShape> = Config.all({
  subdomain: Config.option(Config.String("ZENDESK_SUBDOMAIN")),
  baseUrl: Config.option(Config.String("ZENDESK_BASE_URL")),
  email: Config.option(Config.String("ZENDESK_EMAIL")),
  apiToken: Config.option(Config.Redacted("ZENDESK_API_TOKEN")),
  password: Config.option(Config.Redacted("ZENDESK_PASSWORD")),
  oauthToken: Config.option(Config.Redacted("ZENDESK_OAUTH_TOKEN"))
}).pipe(
  Config.mapEffect((env) => {
    const target: Result.Result<Target, Config.ConfigError> = Option.isSome(env.baseUrl)
      ? Result.succeed({ baseUrl: env.baseUrl.value })
      : Option.isSome(env.subdomain)
        ? Result.succeed({ subdomain: env.subdomain.value })
        : Result.fail(missing("ZENDESK_SUBDOMAIN", "Set ZENDESK_SUBDOMAIN or ZENDESK_BASE_URL"))
    const auth: Result.Result<Auth, Config.ConfigError> = Option.isSome(env.oauthToken)
      ? Result.succeed(Auth.oauth(env.oauthToken.value))
      : Option.isNone(env.email)
        ? Result.fail(missing("ZENDESK_EMAIL", "Set ZENDESK_OAUTH_TOKEN, or ZENDESK_EMAIL with ZENDESK_API_TOKEN or ZENDESK_PASSWORD"))
        : Option.isSome(env.apiToken)
          ? Result.succeed(Auth.apiToken(env.email.value, env.apiToken.value))
          : Option.isSome(env.password)
            ? Result.succeed(Auth.password(env.email.value, env.password.value))
            : Result.fail(missing("ZENDESK_API_TOKEN", "Set ZENDESK_API_TOKEN or ZENDESK_PASSWORD with ZENDESK_EMAIL"))
    return Effect.fromResult(
      Result.flatMap(target, (t) =>
        Result.flatMap(resolveTarget(t), (url) => Result.map(auth, (a): ZendeskConfigShape => ({ baseUrl: url.href.replace(/\/$/, ""), auth: a })))
      )
    )
  })
)

/** Where to connect and how to authenticate. */
export class ZendeskConfig extends Context.Service<ZendeskConfig, ZendeskConfigShape>()("@deleted-users/effect-client/ZendeskConfig") {
  /** Checks a target and credentials; fails with a `ConfigError` for a bad subdomain or base URL. */
  static make(target: Target, auth: Auth): Effect.Effect<ZendeskConfigShape, Config.ConfigError> {
    return Result.match(resolveTarget(target), {
      onFailure: Effect.fail,
      onSuccess: (url) => Effect.succeed({ baseUrl: url.href.replace(/\/$/, ""), auth })
    })
  }

  /** A layer from a subdomain or base URL and credentials. */
  static layer(target: Target, auth: Auth): Layer.Layer<ZendeskConfig, Config.ConfigError> {
    return Layer.effect(ZendeskConfig, ZendeskConfig.make(target, auth))
  }

  /**
   * A layer from the environment: `ZENDESK_SUBDOMAIN` or `ZENDESK_BASE_URL`, and `ZENDESK_OAUTH_TOKEN`,
   * or `ZENDESK_EMAIL` with `ZENDESK_API_TOKEN` or `ZENDESK_PASSWORD`.
   */
  static readonly fromEnv: Layer.Layer<ZendeskConfig, Config.ConfigError> = Layer.effect(ZendeskConfig, fromEnvConfig)
}
