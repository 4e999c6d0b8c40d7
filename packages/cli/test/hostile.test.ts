// Issue 27, the command's side: hostile servers, odd base URLs, odd files and paths. The built bin,
// against a node:http server in this file (127.0.0.1, closed after the tests) or the simulator:
// nothing leaks, nothing hangs, every failure is one line and a documented exit code.
import { start, type RunningSimulator } from "@deleted-users/simulator"
import * as Effect from "effect/Effect"
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { ExitCode, OutputError, describeFailure, escapeInvisible, maxResponseBytes, quote, redactCredentials, stripUrlSecrets } from "../src/index.js"
import { encodeJson } from "../src/output.js"

const bin = fileURLToPath(new URL("../bin/deleted-users.cjs", import.meta.url))

interface Run {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  readonly ms: number
}

/** Runs the bin as an executable (its heap flags: the 128 MB the command has); killed after 60 s. */
const cli = (args: ReadonlyArray<string>, env: Record<string, string | undefined>) =>
  new Promise<Run>((resolve) => {
    const started = Date.now()
    const defined = Object.fromEntries(Object.entries({ PATH: process.env.PATH, ...env }).filter(([, v]) => v !== undefined))
    const child = spawn(bin, args, { env: defined, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d) => (stdout += d))
    child.stderr.on("data", (d) => (stderr += d))
    const killer = setTimeout(() => child.kill("SIGKILL"), 60_000)
    child.on("close", (code, signal) => {
      clearTimeout(killer)
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started })
    })
  })

/** The one line a failure prints: exactly one line on stderr, prefixed, no stack trace, no terminal control. */
const oneLine = (run: Run) => {
  const lines = run.stderr.trim().split("\n")
  expect(lines, run.stderr).toHaveLength(1)
  expect(lines[0]).toMatch(/^deleted-users: /)
  expect(run.stderr).not.toMatch(/\n\s+at |Error:\s*$|\{$/)
  // Nothing a terminal would act on or hide: no control but the final new line, no format character.
  expect(run.stderr.trimEnd()).not.toMatch(/[\p{Cc}\p{Cf}]/u)
  return lines[0]!
}

/** A server that answers what each test says; it records what reached it and closes after the tests. */
const hostile = () => {
  let handler: http.RequestListener = (_req, res) => res.end()
  const requests: Array<{ method: string; url: string; authorization: string | undefined }> = []
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization })
    handler(req, res)
  })
  // Bounded: whatever happens, it stops.
  setTimeout(() => server.close(), 600_000).unref()
  return {
    requests,
    answer: (h: http.RequestListener) => {
      handler = h
      requests.length = 0
    },
    listen: () => new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** A deleted user as Zendesk sends it, with `extra` spliced in as raw JSON properties. */
const userJson = (id: number, extra = "") =>
  `{"id":${id},"url":"https://acme.zendesk.com/api/v2/deleted_users/${id}.json","name":"Ada","email":"ada@example.com","created_at":"2024-01-01T00:00:00Z","updated_at":"2024-01-02T00:00:00Z","time_zone":"UTC","phone":null,"shared_phone_number":null,"photo":null,"locale_id":1,"locale":"en-US","organization_id":null,"role":"end-user","active":false${extra}}`

const page = (users: ReadonlyArray<string>) =>
  `{"deleted_users":[${users.join(",")}],"meta":{"has_more":false,"after_cursor":null,"before_cursor":null},"links":{"prev":null,"next":null}}`

const json = (res: http.ServerResponse, body: string, status = 200) => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" })
  res.end(body)
}

/** Streams `head`, then `total` bytes of `unit` repeated, then `tail`, a megabyte at a time; stops when the client hangs up. */
const stream = (res: http.ServerResponse, head: string, unit: string, total: number, tail: string) => {
  res.writeHead(200, { "content-type": "application/json" })
  const block = unit.repeat(Math.ceil((1 << 20) / unit.length))
  let sent = 0
  let gone = false
  res.on("close", () => (gone = true))
  res.write(head)
  const more = () => {
    while (!gone && sent < total) {
      sent += block.length
      if (!res.write(block)) return void res.once("drain", more)
    }
    if (!gone) res.end(tail)
  }
  more()
}

const token = "tok-SeCrEt-0123456789"
const basic = Buffer.from(`admin@example.com/token:${token}`).toString("base64")

describe("against a hostile server", () => {
  const server = hostile()
  let url: string
  let env: Record<string, string>
  beforeAll(async () => {
    url = await server.listen()
    env = { ZENDESK_BASE_URL: url, ZENDESK_EMAIL: "admin@example.com", ZENDESK_API_TOKEN: token, DELETED_USERS_STATE_DIR: mkdtempSync(path.join(os.tmpdir(), "cli-hostile-")) }
  })
  afterAll(() => server.close())

  describe("5. base URLs: user info with a /, a query, what a URL parser drops; nothing leaks, nothing is sent", () => {
    const port = () => new URL(url).port
    const cases: ReadonlyArray<readonly [string, () => string, RegExp]> = [
      ["user info with a / (no URL at all)", () => "https://ops:hun/ter2@acme.zendesk.com", /must not carry credentials/],
      ["user info with a /, on this server", () => `http://ops:hun/ter2@127.0.0.1:${port()}`, /must not carry credentials/],
      ["user info with a quote", () => `http://ops:hun"ter2@127.0.0.1:${port()}/`, /must not carry credentials/],
      ["an api key in the query", () => `${url}/?api_key=hunter2`, /must not have a query or fragment .*got http:\/\/127\.0\.0\.1:\d+\/\?<redacted>/],
      ["an empty query (a parser drops it)", () => `${url}/?`, /must not have a query or fragment/],
      ["an empty fragment (a parser drops it)", () => `${url}#`, /must not have a query or fragment/],
      ["a tab in the port (a parser drops it: another port)", () => `http://127.0.0.1:${port().slice(0, 2)}\t${port().slice(2)}`, /control or invisible characters.*got \\u0009 at character 20/],
      ["a new line in the host", () => `http://127.0.0.\n1:${port()}`, /got \\u000A at character/],
      ["a leading space", () => ` ${url}`, /got a space at character 1\b/],
      ["a zero-width space", () => `${url}/\u200b`, /got \\u200B at character/]
    ]

    it.each(cases)("ZENDESK_BASE_URL with %s: exit 2, one line, nothing sent", async (_, base, message) => {
      server.answer((_req, res) => json(res, `{"count":{"value":1,"refreshed_at":"2024-01-01T00:00:00Z"}}`))
      const run = await cli(["count"], { ...env, ZENDESK_BASE_URL: base() })
      expect(run.code, run.stderr).toBe(ExitCode.usage)
      const line = oneLine(run)
      expect(line).toMatch(/^deleted-users: configuration: ZENDESK_BASE_URL: .*; fix ZENDESK_BASE_URL$/)
      expect(line).toMatch(message)
      expect(line).not.toMatch(/hun|ter2/)
      expect(server.requests).toEqual([])
    })

    it("--base-url with user info holding a /: the flag is named, the password is not shown, nothing sent", async () => {
      server.answer((_req, res) => json(res, "{}"))
      const run = await cli(["count", "--base-url", `http://ops:hun/ter2@127.0.0.1:${port()}`], env)
      expect(run.code, run.stderr).toBe(ExitCode.usage)
      expect(oneLine(run)).toMatch(/^deleted-users: configuration: --base-url: A base URL must not carry credentials.*; fix --base-url$/)
      expect(run.stderr).not.toMatch(/hun|ter2/)
      expect(server.requests).toEqual([])
    })

    it("a host label xn--… that is no punycode: exit 2, nothing sent", async () => {
      const run = await cli(["count"], { ...env, ZENDESK_BASE_URL: "https://xn--zz.zendesk.com" })
      expect(run.code, run.stderr).toBe(ExitCode.usage)
      expect(oneLine(run)).toMatch(/"xn--zz" is not punycode/)
    })

    it("a plain base URL, with a path and a trailing slash, still works", async () => {
      server.answer((_req, res) => json(res, `{"count":{"value":7,"refreshed_at":"2024-01-01T00:00:00Z"}}`))
      const run = await cli(["count"], { ...env, ZENDESK_BASE_URL: `${url}/` })
      expect(run.code, run.stderr).toBe(ExitCode.ok)
      expect(JSON.parse(run.stdout).count.value).toBe(7)
      expect(server.requests.map((r) => r.url)).toEqual(["/api/v2/deleted_users/count"])
    })

    it("a server that echoes the credentials and terminal controls back in an error: redacted and escaped, one line", async () => {
      server.answer((req, res) =>
        json(res, JSON.stringify({ error: "Bad\u001b[2J\rThing", description: `echo ${req.headers.authorization} token=${token} \u202eevil\u0007` }), 401)
      )
      const run = await cli(["show", "5"], env)
      expect(run.code, run.stderr).toBe(ExitCode.failed)
      const line = oneLine(run)
      expect(server.requests[0]?.authorization).toBe(`Basic ${basic}`)
      expect(run.stderr).not.toContain(token)
      expect(run.stderr).not.toContain(basic)
      expect(line).toContain("Basic <redacted> token=<redacted>")
      expect(line).toContain("Bad\\u001B[2J\\u000DThing")
      expect(line).toContain("\\u202Eevil\\u0007")
    })
  })

  describe("8. a value nested 100k deep in an extra property: exit 1, one line, never 'a bug'", () => {
    const deep = `,"extra":${"[".repeat(100_000)}${"]".repeat(100_000)}`
    beforeEach(() =>
      server.answer((req, res) => {
        if (req.url!.includes("/count")) return json(res, `{"count":{"value":1,"refreshed_at":"2024-01-01T00:00:00Z"${deep}}}`)
        if (/deleted_users\/\d+/.test(req.url!)) return json(res, `{"deleted_user":${userJson(5, deep)}}`)
        return json(res, page([userJson(5, deep)]))
      })
    )

    it.each([[["count"]], [["show", "5"]], [["list"]], [["list", "--format", "json"]], [["list", "--format", "table"]], [["purge", "--dry-run", "--quiet", "5"]]])("%j", async (args) => {
      const run = await cli(args, env)
      expect(run.code, run.stderr).toBe(ExitCode.failed)
      const line = oneLine(run)
      expect(line).not.toMatch(/a bug|RangeError|unexpected error/)
      expect(line).toMatch(/nested deeper than|nested too deep/)
    })
  })

  describe("7. huge bodies: the response limit ends the run with one line, never V8's out-of-memory", () => {
    it("count against a 150 MB body: exit 1, one line, after at most a few limits' worth read", async () => {
      server.answer((_req, res) => stream(res, `{"count":{"value":1,"refreshed_at":"2024-01-01T00:00:00Z","pad":"`, "x", 150 * (1 << 20), `"}}`))
      const run = await cli(["count"], env)
      expect(run.signal).toBe(null)
      expect(run.code, run.stderr).toBe(ExitCode.failed)
      expect(oneLine(run)).toMatch(new RegExp(`CountDeletedUsers: the response body \\(status 200\\) passed ${maxResponseBytes} bytes .*check that the base URL or subdomain names a Zendesk account`))
    })

    it("count against 8 MB of {},{},… (150 MB of objects once parsed): exit 1 and one line, not exit 134", async () => {
      server.answer((_req, res) => stream(res, `{"count":{"value":1,"refreshed_at":"2024-01-01T00:00:00Z","pad":[`, "{},", 8 * (1 << 20), `{}]}}`))
      const run = await cli(["count"], env)
      expect(run.code, run.stderr.slice(0, 300)).toBe(ExitCode.failed)
      expect(oneLine(run)).toMatch(/passed \d+ bytes \(maxResponseBytes\)/)
    })

    it("list against pages just under the limit of {},{},…: every page printed, exit 0", async () => {
      const filler = `,"pad":[${"{},".repeat(Math.floor((maxResponseBytes - 4096) / 3) - 1)}{}]`
      const body = page([userJson(5, filler)])
      expect(Buffer.byteLength(body)).toBeLessThan(maxResponseBytes)
      server.answer((_req, res) => json(res, body))
      const run = await cli(["list", "--format", "table"], env)
      expect(run.code, run.stderr.slice(0, 300)).toBe(ExitCode.ok)
      expect(run.stdout.trim().split("\n")).toHaveLength(2)
    })
  })

  it("list --format table: a name with tabs, new lines and terminal controls stays one row of six cells, escaped", async () => {
    server.answer((_req, res) => json(res, page([userJson(5).replace(`"name":"Ada"`, `"name":"A\\td\\na\\u001b[2J\\r\\u202e"`), userJson(6)])))
    const run = await cli(["list", "--format", "table"], env)
    expect(run.code, run.stderr).toBe(ExitCode.ok)
    const rows = run.stdout.trimEnd().split("\n")
    expect(rows).toHaveLength(3)
    for (const row of rows) expect(row.split("\t")).toHaveLength(6)
    expect(rows[1]).toBe("5\tA\\u0009d\\u000Aa\\u001B[2J\\u000D\\u202E\tada@example.com\tend-user\tfalse\t2024-01-02T00:00:00Z")
  })
})

describe("16. ids files with a byte order mark or invisible characters; output paths that are no files", () => {
  let sim: RunningSimulator
  let env: Record<string, string>
  const dir = mkdtempSync(path.join(os.tmpdir(), "cli-odd-files-"))
  beforeAll(async () => {
    sim = await start({ users: 60, seed: 27, requestsPerWindow: 1_000_000 })
    env = { ZENDESK_BASE_URL: sim.url, ZENDESK_EMAIL: "admin@example.com", ZENDESK_API_TOKEN: "sim-api-token", DELETED_USERS_STATE_DIR: mkdtempSync(path.join(os.tmpdir(), "cli-state-")) }
  })
  afterAll(() => sim.close())

  it("a UTF-8 byte order mark before the first id is skipped: the ids are purged, exit 0", async () => {
    const ids = sim.state.idsWhere("soft-deleted").slice(0, 3)
    const file = path.join(dir, "bom.txt")
    writeFileSync(file, `\ufeff${ids.join("\r\n")}\r\n`)
    const run = await cli(["purge", "--yes", "--from", file], env)
    expect(run.code, run.stderr).toBe(ExitCode.ok)
    expect(JSON.parse(run.stdout).summary).toMatchObject({ selected: 3, purged: 3 })
    for (const id of ids) expect(sim.state.user(id)!.status).toBe("purged")
  })

  it.each([
    ["a byte order mark on line 2", "10000000001\n\ufeff10000000002\n", /line 2: not a user id .*: "\\uFEFF10000000002"/],
    ["a zero-width space after an id", "10000000001\u200b\n", /line 1: not a user id .*: "10000000001\\u200B"/],
    ["a right-to-left override", "\u202e10000000001\n", /line 1: not a user id .*: "\\u202E10000000001"/],
    ["an escape sequence", "1\u001b[2J\n", /line 1: not a user id .*: "1\\u001[bB]\[2J"/]
  ])("%s: exit 2, the character shown escaped, nothing sent", async (_, text, message) => {
    const file = path.join(dir, "odd.txt")
    writeFileSync(file, text)
    const before = sim.state.requests.length
    const run = await cli(["purge", "--yes", "--from", file], env)
    expect(run.code, run.stderr).toBe(ExitCode.usage)
    expect(oneLine(run)).toMatch(message)
    expect(sim.state.requests.length).toBe(before)
  })

  it.skipIf(process.platform !== "linux")("--audit-log /proc/version (a file that fails every write with EIO): exit 2, one line, nothing sent", async () => {
    const before = sim.state.requests.length
    const id = String(sim.state.idsWhere("soft-deleted")[10])
    const run = await cli(["purge", "--yes", "--audit-log", "/proc/version", id], env)
    expect(run.code, run.stderr).toBe(ExitCode.usage)
    expect(oneLine(run)).toMatch(/^deleted-users: --audit-log \/proc\/version: is on procfs, a kernel interface that stores no file; give a path on a disk; nothing was sent$/)
    expect(sim.state.requests.length).toBe(before)
    expect(sim.state.user(Number(id))!.status).toBe("soft-deleted")
  })

  const kernelFiles = ["/proc/self/comm", "/sys/kernel/mm/transparent_hugepage/enabled"].filter((f) => existsSync(f))
  it.skipIf(process.platform !== "linux" || kernelFiles.length === 0).each(kernelFiles.map((f) => [f]))("--checkpoint %s: exit 2, one line, nothing sent", async (file) => {
    const before = sim.state.requests.length
    const run = await cli(["purge", "--yes", "--checkpoint", file, String(sim.state.idsWhere("soft-deleted")[11])], env)
    expect(run.code, run.stderr).toBe(ExitCode.usage)
    expect(oneLine(run)).toMatch(/^deleted-users: --checkpoint \/.*: is on (procfs|sysfs), a kernel interface/)
    expect(sim.state.requests.length).toBe(before)
  })

  it.skipIf(process.platform !== "linux")("--audit-log in a folder of /proc (a new file there): exit 2, nothing sent", async () => {
    const run = await cli(["purge", "--yes", "--audit-log", "/proc/self/audit.ndjson", "10000000001"], env)
    expect(run.code, run.stderr).toBe(ExitCode.usage)
    expect(oneLine(run)).toMatch(/the folder \/proc\/self is on procfs/)
  })

  it("an existing regular audit log is checked without being changed, and then appended to", async () => {
    const audit = path.join(dir, "audit.ndjson")
    writeFileSync(audit, `{"earlier":true}\n`)
    const id = sim.state.idsWhere("soft-deleted")[12]!
    const run = await cli(["purge", "--yes", "--audit-log", audit, String(id)], env)
    expect(run.code, run.stderr).toBe(ExitCode.ok)
    const lines = readFileSync(audit, "utf8").trim().split("\n")
    expect(lines[0]).toBe(`{"earlier":true}`)
    expect(lines.length).toBeGreaterThan(1)
  })
})

describe("the pieces", () => {
  it("encodeJson: a value nested past the stack is an OutputError (exit 1, one line, not a bug)", () => {
    let deep: unknown = []
    for (let i = 0; i < 100_000; i++) deep = [deep]
    const failure = Effect.runSync(Effect.flip(encodeJson("user 5", { id: 5, extra: deep })))
    expect(failure).toBeInstanceOf(OutputError)
    const described = describeFailure(failure)
    expect(described.code).toBe(ExitCode.failed)
    expect(described.line).toMatch(/^deleted-users: cannot print user 5 as JSON \(nested too deep: Maximum call stack size exceeded\).*report it with the request id$/)
    expect(described.line).not.toMatch(/a bug/)
  })

  it("stripUrlSecrets: user info holding /, : or @ is redacted whole", () => {
    expect(stripUrlSecrets(`Not a URL: "https://ops:hun/ter2@acme.zendesk.com"`)).toBe(`Not a URL: "https://<redacted>@acme.zendesk.com"`)
    expect(stripUrlSecrets("https://a:b@c/d@acme.zendesk.com/api")).toBe("https://<redacted>@acme.zendesk.com/api")
  })

  it("redactCredentials: the secrets of the environment and the Authorization values made of them; short ones are left", () => {
    const env = { ZENDESK_EMAIL: "a@b.c", ZENDESK_API_TOKEN: "tok/en+1", ZENDESK_PASSWORD: "abc" }
    const header = Buffer.from("a@b.c/token:tok/en+1").toString("base64")
    expect(redactCredentials(`x tok/en+1 tok%2Fen%2B1 ${header} abc`, env)).toBe("x <redacted> <redacted> <redacted> abc")
  })

  it("quote and escapeInvisible: what a terminal would not show is escaped, the rest stays", () => {
    expect(quote("\ufeff123")).toBe(`"\\uFEFF123"`)
    expect(escapeInvisible("a b\u00a0c\u{e0001}ü…")).toBe("a b\\u00A0c\\uDB40\\uDC01ü…")
  })
})
