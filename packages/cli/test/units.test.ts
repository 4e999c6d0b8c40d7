import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Result from "effect/Result"
import { hoistGlobalOptions } from "../src/argv.js"
import { parseBudget, parseDuration, renderProgress } from "../src/index.js"
import { jsonArrayItem } from "../src/output.js"
import { stripUrlSecrets } from "../src/secrets.js"

describe("durations and budgets", () => {
  it.each([
    ["30d", 30 * 86_400_000],
    ["12h", 12 * 3_600_000],
    ["90m", 90 * 60_000],
    ["45s", 45_000]
  ])("%s", (text, ms) => expect(Duration.toMillis(Result.getOrThrow(parseDuration(text)))).toBe(ms))

  it.each(["", "30", "d30", "30 days", "-1d"])("refuses %j", (text) => expect(Result.isFailure(parseDuration(text))).toBe(true))

  it("reads 700/10m and refuses 0/1s", () => {
    expect(Result.getOrThrow(parseBudget("700/10m"))).toEqual({ limit: 700, window: Duration.minutes(10) })
    expect(Result.isFailure(parseBudget("0/1s"))).toBe(true)
    expect(Result.isFailure(parseBudget("700"))).toBe(true)
    expect(Result.isFailure(parseBudget("1/0s"))).toBe(true)
    expect(Result.isFailure(parseBudget("1/0ms"))).toBe(true)
    expect(Result.isFailure(parseDuration("99999999999d"))).toBe(true)
  })
})

describe("the progress line", () => {
  it("shows done/total, rate, time spent, ETA and time waiting on rate limits", () => {
    const line = renderProgress({ label: "purge", done: 120, total: 500, startedAt: 0, waited: Duration.seconds(3) }, 5_000, 10)
    expect(line).toBe("purge [##--------] 120/500 24.0/s, 5s spent ETA 16s, 3s waiting on rate limits")
  })

  it("without a total, only the count and the rate", () => {
    expect(renderProgress({ label: "list", done: 50, total: undefined, startedAt: 0, waited: Duration.zero }, 2_000)).toBe("list 50 25.0/s, 2s spent")
  })
})

describe("secrets in URLs", () => {
  it.each([
    ["https://host:99999/?token=PASS_SeCrEt_456", "https://host:99999/?<redacted>"],
    ["Not a URL: \"https://ops:PASS_SeCrEt_456@acme.zendesk.com/api\"", "Not a URL: \"https://<redacted>@acme.zendesk.com/api\""],
    ["GET http://127.0.0.1:9/api/v2/deleted_users?page%5Bafter%5D=abc#frag failed", "GET http://127.0.0.1:9/api/v2/deleted_users?<redacted> failed"],
    ["no URL here", "no URL here"]
  ])("%s", (text, expected) => {
    expect(stripUrlSecrets(text)).toBe(expected)
    expect(stripUrlSecrets(stripUrlSecrets(text))).toBe(expected)
  })
})

describe("root options anywhere before --", () => {
  it.each([
    [["purge", "--from", "f", "--yes", "--quiet"], ["--quiet", "purge", "--from", "f", "--yes"]],
    [["count", "--base-url", "http://x", "--rate-limit=5/1s"], ["--base-url", "http://x", "--rate-limit=5/1s", "count"]],
    [["show", "--", "--quiet"], ["show", "--", "--quiet"]]
  ])("%j", (args, expected) => expect(hoistGlobalOptions(["node", "bin", ...args])).toEqual(["node", "bin", ...expected]))
})

describe("list --format json, streamed", () => {
  it.each([
    [[]],
    [[{ id: 1, name: "A" }]],
    [[{ id: 1, name: "A", photo: null, tags: ["x", "y"], nested: { deep: { deeper: [1, { a: "multi\nline" }] } } }, { id: 2, name: "B" }]]
  ])("writes exactly what JSON.stringify(users, null, 2) writes (%#)", (users) => {
    const streamed = users.length === 0 ? "[]" : `[\n${users.map(jsonArrayItem).join(",\n")}\n]`
    expect(streamed).toBe(JSON.stringify(users, null, 2))
  })
})
