import { start } from "@deleted-users/simulator"
import { spawn } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { fixtureOrigin, keepHeaders, makeRedactor, recordFromSimulator, recorderMarker, redactJson, requestHeaderAllowList, responseHeaderAllowList, writeBadFixtures } from "../src/index.js"

const committed = fileURLToPath(new URL("../../../packages/contract-tests/fixtures", import.meta.url))
const bin = fileURLToPath(new URL("../dist/cli.js", import.meta.url))

const run = (args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH!, ...env }, stdio: ["ignore", "ignore", "pipe"] })
    let stderr = ""
    child.stderr.on("data", (d) => (stderr += d))
    child.on("close", (code) => resolve({ code, stderr }))
  })

describe("redaction by allow-list", () => {
  it("keeps only named headers: Authorization and cookies are never written", () => {
    const request = keepHeaders(Object.entries({ Authorization: "Basic c2VjcmV0", Cookie: "a=b", Accept: "application/json", "X-Simulator-Fault": "reset" }), (n) => requestHeaderAllowList.includes(n))
    expect(request).toEqual([{ name: "accept", value: "application/json" }])
    const response = keepHeaders(Object.entries({ "Set-Cookie": "s=1", "Retry-After": "5", "X-Zendesk-Request-Id": "abc", Server: "nginx", "zendesk-ratelimit-purge": "total=1" }), (n) => responseHeaderAllowList.some((r) => r.test(n)))
    expect(response.map((h) => h.name)).toEqual(["retry-after", "x-zendesk-request-id", "zendesk-ratelimit-purge"])
  })

  it("replaces emails, phones and names with fakes, one per person, and the origin with example.zendesk.com", () => {
    const body = { deleted_users: [{ name: "Linda Larsen", email: "linda@acme.com", phone: "+44 20 7946 0000", url: "https://acme.zendesk.com/api/v2/deleted_users/1" }, { name: "Linda Larsen", email: "linda@acme.com", phone: null }] }
    const redacted = redactJson(body, { from: "https://acme.zendesk.com", to: fixtureOrigin }, makeRedactor("random")) as any
    expect(redacted.deleted_users[0]).toEqual({ name: expect.stringMatching(/^Person [0-9a-f]{8}$/), email: expect.stringMatching(/^user-[0-9a-f]{10}@example\.com$/), phone: expect.stringMatching(/^\+1555\d{7}$/), url: "https://example.zendesk.com/api/v2/deleted_users/1" })
    expect(redacted.deleted_users[1].name).toBe(redacted.deleted_users[0].name)
    expect(redacted.deleted_users[1].email).toBe(redacted.deleted_users[0].email)
    expect(JSON.stringify(redacted)).not.toMatch(/Linda|acme|7946/)
    expect(makeRedactor("random").name("Permanently Deleted User")).toBe("Permanently Deleted User")
  })

  it("cannot be reversed with a dictionary: a fake depends on the recording, not on the value", () => {
    // 120 candidate names, faked by two recordings of real accounts: no fake is shared, so a
    // dictionary faked by an attacker matches nothing; within a recording, fakes follow order, not value.
    const names = Array.from({ length: 120 }, (_, i) => `Given${i} Family${i % 7}`)
    const first = makeRedactor("random")
    const second = makeRedactor("random")
    const a = names.map((n) => first.name(n))
    const b = names.map((n) => second.name(n))
    expect(a.filter((fake, i) => fake === b[i])).toEqual([])
    expect(new Set(a).size).toBe(names.length)
    const seededA = makeRedactor({ seed: 1 })
    const seededB = makeRedactor({ seed: 1 })
    expect(seededA.name("Alice")).toBe(seededB.name("Bob"))
    expect(seededA.email("a@x.com")).toBe(seededB.email("b@y.com"))
  })
})

describe("the committed fixtures", () => {
  it("are what the recorder records from the simulator today, byte for byte, and leak no generated name or email", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "record-"))
    const recorded = await recordFromSimulator(path.join(out, "recorded"))
    const bad = writeBadFixtures(path.join(out, "recorded"), path.join(out, "bad"))
    for (const file of [...recorded, ...bad]) {
      const relative = path.relative(out, file)
      expect(readFileSync(file, "utf8"), `${relative} is stale: run npm run record-fixtures`).toBe(readFileSync(path.join(committed, relative), "utf8"))
    }
    for (const dir of ["recorded", "bad"]) expect(readdirSync(path.join(committed, dir)).filter((f) => f.endsWith(".har")).sort()).toEqual(readdirSync(path.join(out, dir)).sort())
    // The simulator's people (its 12 first and 10 last names) appear nowhere in the fixtures.
    const sim = await start({ users: 250, seed: 42 })
    try {
      const text = [...recorded].map((f) => readFileSync(f, "utf8")).join("\n")
      for (const user of sim.state.users.slice(0, 250)) {
        if (user.name !== "Permanently Deleted User") expect(text).not.toContain(user.name)
        if (user.email !== null) expect(text).not.toContain(user.email)
      }
    } finally {
      await sim.close()
    }
  })
})

describe("the recorder's command line", () => {
  it("never writes into a folder it did not make, unless --force", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "record-cli-"))
    const out = path.join(dir, "mine")
    mkdirSync(out)
    writeFileSync(path.join(out, "precious.txt"), "keep me")
    const refused = await run(["--out", out])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/^deleted-users-record: .*mine exists and was not made by the recorder: pass --force \(force: true\) to replace it, or choose another folder; nothing was written/)
    expect(readdirSync(out)).toEqual(["precious.txt"])
    const forced = await run(["--out", out, "--force"])
    expect(forced.code, forced.stderr).toBe(0)
    expect(readdirSync(out).sort()).toContain("show.har")
    expect(existsSync(path.join(out, recorderMarker))).toBe(true)
    // Now the recorder made it: a new recording replaces it without --force.
    expect((await run(["--out", out])).code).toBe(0)
    expect(readdirSync(dir).filter((f) => f.startsWith(".recording-"))).toEqual([])
  })

  it.each([
    ["wrong credentials", (url: string) => ["--base-url", url], { ZENDESK_EMAIL: "admin@example.com", ZENDESK_API_TOKEN: "wrong" }, 1, /answered 401: check ZENDESK_EMAIL/],
    ["missing credentials", (url: string) => ["--base-url", url], {}, 2, /no credentials: set ZENDESK_OAUTH_TOKEN/],
    ["a refused connection", (url: string) => ["--base-url", url.replace(/:\d+$/, ":39")], { ZENDESK_EMAIL: "admin@example.com", ZENDESK_API_TOKEN: "sim-api-token" }, 1, /cannot reach http:\/\/127.0.0.1:39 \(ECONNREFUSED\)/],
    ["an unknown flag", () => ["--colour"], {}, 2, /Unknown option '--colour'.*usage:/]
  ] as const)("%s: one line, no stack trace, and the fixtures untouched", async (_, args, env, code, message) => {
    const sim = await start({ users: 30, seed: 3 })
    try {
      const dir = mkdtempSync(path.join(os.tmpdir(), "record-fail-"))
      const out = path.join(dir, "recorded")
      expect((await run(["--out", out])).code).toBe(0)
      const before = Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(path.join(out, f), "utf8")]))
      const result = await run([...args(sim.url), "--out", out], env)
      expect(result.code).toBe(code)
      expect(result.stderr.trim().split("\n")).toHaveLength(1)
      expect(result.stderr).toMatch(/^deleted-users-record: /)
      expect(result.stderr).toMatch(message)
      expect(result.stderr).not.toMatch(/\n\s+at /)
      expect(result.stderr).not.toContain("wrong")
      expect(Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(path.join(out, f), "utf8")]))).toEqual(before)
      expect(readdirSync(dir)).toEqual(["bad", "recorded"])
    } finally {
      await sim.close()
    }
  })
})
