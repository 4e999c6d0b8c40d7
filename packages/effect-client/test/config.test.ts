import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Redacted, Result } from "effect"
import { Auth, ZendeskConfig, resolveTarget } from "../src/index.js"

describe("targets", () => {
  it.each([
    ["acme", "https://acme.zendesk.com/"],
    ["acme-eu-2", "https://acme-eu-2.zendesk.com/"]
  ])("subdomain %s → %s", (subdomain, url) => {
    expect(Result.getOrThrow(resolveTarget({ subdomain })).href).toBe(url)
  })

  it.each(["evil.com", "evil.com/", "a/b", "user@evil", "acme#x", "acme:443", "", "-acme", "acme.zendesk.com", "a b"])(
    "refuses the subdomain %j: no input points the client at another host",
    (subdomain) => {
      expect(Result.isFailure(resolveTarget({ subdomain }))).toBe(true)
    }
  )

  it.each([
    ["https://acme.zendesk.com", true],
    ["https://proxy.internal/zendesk/", true],
    ["http://127.0.0.1:8080", true],
    ["http://localhost:3000", true],
    ["http://[::1]:3000", true],
    ["http://acme.zendesk.com", false],
    ["http://10.0.0.1", false],
    ["ftp://acme.zendesk.com", false],
    ["https://user:pass@acme.zendesk.com", false],
    ["not a url", false]
  ])("base URL %s accepted: %s", (baseUrl, ok) => {
    expect(Result.isSuccess(resolveTarget({ baseUrl }))).toBe(ok)
  })
})

const fromEnv = (env: Record<string, string>) =>
  ZendeskConfig.pipe(
    Effect.provide(ZendeskConfig.fromEnv),
    Effect.provideService(ConfigProvider.ConfigProvider, ConfigProvider.fromEnv({ env })),
    Effect.result
  )

it("an unparsable base URL is echoed without the credentials it carries", () => {
  const error = Result.getFailure(resolveTarget({ baseUrl: "https://me:s3cret@acme.zendesk.com:99999" }))
  expect(error._tag).toBe("Some")
  expect(String(error.pipe((o) => (o._tag === "Some" ? o.value : "")))).not.toContain("s3cret")
})

describe("ZendeskConfig.fromEnv", () => {
  it.effect("email + API token", () =>
    Effect.gen(function* () {
      const config = Result.getOrThrow(yield* fromEnv({ ZENDESK_SUBDOMAIN: "acme", ZENDESK_EMAIL: "a@b.c", ZENDESK_API_TOKEN: "t" }))
      expect(config.baseUrl).toBe("https://acme.zendesk.com")
      expect(Redacted.value(Auth.header(config.auth))).toBe(`Basic ${Buffer.from("a@b.c/token:t").toString("base64")}`)
    }))

  it.effect("email + password", () =>
    Effect.gen(function* () {
      const config = Result.getOrThrow(yield* fromEnv({ ZENDESK_BASE_URL: "http://127.0.0.1:1234", ZENDESK_EMAIL: "a@b.c", ZENDESK_PASSWORD: "p" }))
      expect(config.baseUrl).toBe("http://127.0.0.1:1234")
      expect(Redacted.value(Auth.header(config.auth))).toBe(`Basic ${Buffer.from("a@b.c:p").toString("base64")}`)
    }))

  it.effect("OAuth token", () =>
    Effect.gen(function* () {
      const config = Result.getOrThrow(yield* fromEnv({ ZENDESK_SUBDOMAIN: "acme", ZENDESK_OAUTH_TOKEN: "o" }))
      expect(Redacted.value(Auth.header(config.auth))).toBe("Bearer o")
    }))

  it.effect.each([
    [{ ZENDESK_EMAIL: "a@b.c", ZENDESK_API_TOKEN: "t" }, "ZENDESK_SUBDOMAIN"],
    [{ ZENDESK_SUBDOMAIN: "acme" }, "ZENDESK_EMAIL"],
    [{ ZENDESK_SUBDOMAIN: "acme", ZENDESK_EMAIL: "a@b.c" }, "ZENDESK_API_TOKEN"],
    [{ ZENDESK_SUBDOMAIN: "evil.com/", ZENDESK_OAUTH_TOKEN: "o" }, "one DNS label"],
    [{ ZENDESK_BASE_URL: "http://example.com", ZENDESK_OAUTH_TOKEN: "o" }, "must be https"]
  ] as const)("refuses %j with a ConfigError naming %s", ([env, words]) =>
    Effect.gen(function* () {
      const result = yield* fromEnv(env)
      expect(Result.isFailure(result)).toBe(true)
      expect(String(Result.getFailure(result).pipe((o) => (o._tag === "Some" ? o.value : "")))).toContain(words)
    }))
})
