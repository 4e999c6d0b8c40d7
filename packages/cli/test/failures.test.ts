import { start, type RunningSimulator } from "@deleted-users/simulator"
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { BudgetStoreError, PauseTooLong, PurgeFileError, PurgeLocked } from "@deleted-users/effect-client"
import * as Duration from "effect/Duration"
import { describeFailure } from "../src/index.js"

const bin = fileURLToPath(new URL("../bin/deleted-users.cjs", import.meta.url))

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

const cli = (args: ReadonlyArray<string>, env: Record<string, string | undefined>) =>
  new Promise<Run>((resolve) => {
    const defined = Object.fromEntries(Object.entries({ PATH: process.env.PATH, ...env }).filter(([, v]) => v !== undefined))
    const child = spawn(process.execPath, [bin, ...args], { env: defined, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d) => (stdout += d))
    child.stderr.on("data", (d) => (stderr += d))
    // "close", not "exit": the pipes may still hold output when the process has exited.
    child.on("close", (code) => resolve({ code, stdout, stderr }))
  })

/** The one line a failure prints: exactly one line on stderr, prefixed, no stack trace. */
const oneLine = (run: Run) => {
  const lines = run.stderr.trim().split("\n")
  expect(lines, run.stderr).toHaveLength(1)
  expect(lines[0]).toMatch(/^deleted-users: /)
  expect(run.stderr).not.toMatch(/\n\s+at |Error:\s*$|\{$/)
  return lines[0]!
}

describe("every command against bad input and faults: one line and a documented exit code", () => {
  let sim: RunningSimulator
  let env: Record<string, string>
  const dir = mkdtempSync(path.join(os.tmpdir(), "cli-failures-"))
  beforeAll(async () => {
    sim = await start({ users: 300, seed: 16, requestsPerWindow: 1_000_000 })
    env = { ZENDESK_BASE_URL: sim.url, ZENDESK_EMAIL: "admin@example.com", ZENDESK_API_TOKEN: "sim-api-token", DELETED_USERS_STATE_DIR: mkdtempSync(path.join(os.tmpdir(), "cli-state-")) }
    writeFileSync(path.join(dir, "one.txt"), `${sim.state.idsWhere("soft-deleted")[0]}\n`)
    // 100,001 lines: 100,000 good ids, then a bad one.
    writeFileSync(path.join(dir, "bad-last.txt"), `${Array.from({ length: 100_000 }, (_, i) => 10_000_000_000 + i).join("\n")}\nnot-an-id\n`)
    writeFileSync(path.join(dir, "garbage.txt"), "x".repeat(2_000_000))
  })
  afterAll(() => sim.close())

  const bad: ReadonlyArray<readonly [string, ReadonlyArray<string>, Record<string, string | undefined>, RegExp]> = [
    ["a subdomain that makes no host name", ["count"], { ZENDESK_BASE_URL: undefined, ZENDESK_SUBDOMAIN: "xn--acme" }, /ZENDESK_SUBDOMAIN "xn--acme" makes no valid URL.*give the account's subdomain/],
    ["a base URL carrying a token in its query", ["count"], { ZENDESK_BASE_URL: "https://host:99999/?token=PASS_SeCrEt_456" }, /ZENDESK_BASE_URL.*https:\/\/host:99999\/\?<redacted>.*fix ZENDESK_BASE_URL/],
    ["an id past 2^53 - 1", ["show", "9007199254740993"], {}, /got "9007199254740993", which is not a safe integer/],
    ["an id that is not a number", ["show", "abc"], {}, /got "abc"; nothing was sent/],
    ["an age past any date", ["purge", "--yes", "--older-than", "99999999999d"], {}, /--older-than: "99999999999d" is more than 100 years/],
    ["a budget with a zero window", ["purge", "--yes", "--budget", "1/0s", "10000000001"], {}, /--budget: the window of "1\/0s" is zero/],
    ["an audit log in a folder that does not exist", ["purge", "--yes", "--from", "one.txt", "--audit-log", "/nonexistent/d/a.ndjson"], {}, /--audit-log \/nonexistent\/d\/a.ndjson: the folder \/nonexistent\/d does not exist; create it/],
    ["a checkpoint that is a folder", ["purge", "--yes", "--from", "one.txt", "--checkpoint", os.tmpdir()], {}, /--checkpoint .*: is a folder; give a file path/],
    ["an ids file that does not exist", ["purge", "--yes", "--from", "missing.txt"], {}, /--from missing.txt: cannot read it \(ENOENT\)/],
    ["a bad id on the last of 100,001 lines", ["purge", "--yes", "--from", "bad-last.txt"], {}, /--from bad-last.txt line 100001: not a user id .*: "not-an-id"/],
    ["2 MB of garbage on one line", ["purge", "--yes", "--from", "garbage.txt"], {}, /--from garbage.txt line 1: .*"x{80}" \(first 80 characters\)/],
    ["--max-errors 0", ["purge", "--yes", "--max-errors", "0", "10000000001"], {}, /--max-errors must be at least 1/],
    ["an unknown flag", ["count", "--colour"], {}, /unknown argument: '--colour'; see deleted-users --help/],
    ["an unknown command", ["restore", "1"], {}, /Invalid subcommand.*see deleted-users --help/],
    ["a Redis URL with no host", ["count", "--rate-limit-store", "redis://"], {}, /--rate-limit-store: not a Redis URL: "redis:\/+"; give one like redis:\/\/127.0.0.1:6379; nothing was sent/],
    ["an unknown rate-limit store with a password", ["purge", "--yes", "--rate-limit-store", "mysql://ops:PASS_SeCrEt_456@db", "10000000001"], {}, /--rate-limit-store: unknown rate-limit store "mysql:\/\/<redacted>@db"; give file, file:<folder>, memory, or redis:\/\/host:port; nothing was sent/]
  ]

  it.concurrent.each(bad)("%s: exit 2, one line, nothing sent", async (_, args, extra, message) => {
    const before = sim.state.requests.length
    const run = await cli(args.map((a) => (a.endsWith(".txt") ? path.join(dir, a) : a)), { ...env, ...extra })
    expect(run.code, run.stderr).toBe(2)
    const line = oneLine(run)
    expect(line.replace(dir + path.sep, "")).toMatch(message)
    expect(line.length).toBeLessThan(400)
    expect(run.stderr).not.toContain("PASS_SeCrEt_456")
    expect(sim.state.requests.length).toBe(before)
  })

  it("--quiet after the subcommand is --quiet, not an id", async () => {
    const run = await cli(["purge", "--from", path.join(dir, "one.txt"), "--yes", "--quiet"], env)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toBe("")
    expect(JSON.parse(run.stdout).summary).toMatchObject({ selected: 1, purged: 1 })
  })

  it("--rate-limit-store memory: a purge works, its budgets kept in this run only", async () => {
    const id = sim.state.idsWhere("soft-deleted")[40]!
    const run = await cli(["purge", "--yes", "--rate-limit-store", "memory", String(id)], env)
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout).summary).toMatchObject({ selected: 1, purged: 1, rateLimited429: 0 })
    expect(sim.state.user(id)!.status).toBe("purged")
  })

  it("two purges at once on the same --checkpoint: the second exits 2 with one line and sends nothing", async () => {
    const [slow, other] = sim.state.idsWhere("soft-deleted").slice(45, 47) as [number, number]
    const checkpoint = path.join(dir, "locked.checkpoint")
    // The first purge's deletion takes 3 s to answer: it holds the checkpoint meanwhile.
    sim.state.faults.add({ _tag: "Latency", ms: 3_000 }, { method: "DELETE", path: new RegExp(`/${slow}$`) })
    const first = cli(["purge", "--yes", "--rate-limit-store", "memory", "--checkpoint", checkpoint, String(slow)], env)
    for (let i = 0; i < 200 && !existsSync(`${checkpoint}.lock`); i++) await new Promise((r) => setTimeout(r, 25))
    expect(existsSync(`${checkpoint}.lock`)).toBe(true)
    const second = await cli(["purge", "--yes", "--rate-limit-store", "memory", "--checkpoint", checkpoint, String(other)], env)
    expect(second.code, second.stderr).toBe(2)
    expect(oneLine(second)).toMatch(/the checkpoint .*locked\.checkpoint is in use by another purge \(pid \d+ on .*\); nothing was sent: wait for it to end/)
    expect(sim.state.requests.filter((r) => r.method === "DELETE" && r.path.endsWith(`/${other}`))).toHaveLength(0)
    expect(sim.state.user(other)!.status).toBe("soft-deleted")
    const done = await first
    expect(done.code, done.stderr).toBe(0)
    expect(JSON.parse(done.stdout).summary).toMatchObject({ purged: 1 })
  })

  const faults: ReadonlyArray<readonly [string, ReadonlyArray<string>, () => void, Record<string, string>, RegExp]> = [
    ["count, wrong credentials", ["count"], () => {}, { ZENDESK_API_TOKEN: "wrong" }, /401 .*check ZENDESK_EMAIL with ZENDESK_API_TOKEN/],
    ["show, a 500", ["show", "ID"], () => sim.state.faults.add({ _tag: "Status", status: 500 }), {}, /500 InternalServerError.*run again later/],
    ["list, a 400", ["list"], () => sim.state.faults.add({ _tag: "Status", status: 400 }), {}, /400 TooManyValues.*report it with the request id/],
    ["list, has_more with no cursor", ["list", "--page-size", "50"], () => sim.state.faults.add({ _tag: "PageMeta", hasMore: true, afterCursor: null }, { path: /deleted_users$/, after: 1 }), {}, /page 2 \(fetched with cursor "[^"]+".*has_more but has no after_cursor/],
    ["list, a cursor that repeats", ["list", "--page-size", "50"], () => sim.state.faults.add({ _tag: "PageMeta", afterCursor: "same" }, { path: /deleted_users$/, after: 1 }), {}, /a second time: the listing would loop/],
    ["count, nothing listening", ["count"], () => {}, { ZENDESK_BASE_URL: "http://127.0.0.1:9" }, /connection was refused before sending.*check the base URL/]
  ]

  it.each(faults)("%s: exit 1, one line", async (_, args, arrange, extra, message) => {
    arrange()
    const id = String(sim.state.idsWhere("soft-deleted")[5])
    const run = await cli(args.map((a) => (a === "ID" ? id : a)), { ...env, ...extra })
    expect(run.code, run.stderr).toBe(1)
    expect(oneLine(run)).toMatch(message)
  })

  describe("a purge goes on past a failed id and ends with the summary", () => {
    const deletes = (id: number) => sim.state.requests.filter((r) => r.method === "DELETE" && r.path.endsWith(`/${id}`))

    it.each([[500], [409], [400]])("one %i among five: the others are purged, exit 1, the failure in the audit log", async (status) => {
      const ids = sim.state.idsWhere("soft-deleted").slice(10 + status % 7 * 5, 15 + status % 7 * 5)
      sim.state.faults.add({ _tag: "Status", status: status as 500 }, { method: "DELETE", path: new RegExp(`/${ids[2]}$`) }, 10)
      const audit = path.join(dir, `audit-${status}.ndjson`)
      const run = await cli(["purge", "--yes", "--audit-log", audit, ...ids.map(String)], env)
      sim.state.faults.clear()
      expect(run.code, run.stderr).toBe(1)
      expect(JSON.parse(run.stdout).summary).toMatchObject({ selected: 5, purged: 4, failed: 1 })
      expect(run.stderr.trim().split("\n").at(-1)).toMatch(/^deleted-users: purge incomplete: 0 refused, 1 failed \(see .*audit-\d+.ndjson/)
      for (const id of ids) expect(sim.state.user(id)!.status, `id ${id}`).toBe(id === ids[2] ? "soft-deleted" : "purged")
      const failed = readFileSync(audit, "utf8").trim().split("\n").map((l) => JSON.parse(l)).filter((l) => l.outcome === "Failed")
      expect(failed).toEqual([expect.objectContaining({ id: ids[2], status })])
      expect(deletes(ids[2]!).length).toBeGreaterThanOrEqual(1)
    })

    it("--max-errors 2 stops a purge where every deletion fails, with the summary", async () => {
      const ids = sim.state.idsWhere("soft-deleted").slice(60, 80)
      sim.state.faults.add({ _tag: "Status", status: 500 }, { method: "DELETE" }, 1_000)
      const run = await cli(["purge", "--yes", "--concurrency", "1", "--max-errors", "2", ...ids.map(String)], env)
      sim.state.faults.clear()
      expect(run.code, run.stderr).toBe(1)
      expect(JSON.parse(run.stdout).summary).toMatchObject({ failed: 2, purged: 0 })
      expect(run.stderr).toMatch(/the purge stopped: 2 ids failed, --max-errors is 2/)
      expect(run.stderr.trim().split("\n").at(-1)).toMatch(/^deleted-users: ServerError: PermanentlyDeleteUser answered 500/)
      expect(sim.state.requests.filter((r) => r.method === "DELETE" && ids.some((id) => r.path.endsWith(`/${id}`))).length).toBeLessThanOrEqual(3)
    })

    it("a purge where every id is refused (403) exits 1 with the summary", async () => {
      const ids = sim.state.idsWhere("soft-deleted").slice(90, 93)
      const run = await cli(["purge", "--yes", ...ids.map(String)], { ...env, ZENDESK_EMAIL: "agent@example.com" })
      expect(run.code, run.stderr).toBe(1)
      expect(JSON.parse(run.stdout).summary).toMatchObject({ selected: 3, refused: 3, purged: 0 })
      expect(run.stderr.trim().split("\n").at(-1)).toMatch(/purge incomplete: 3 refused, 0 failed/)
    })
  })
})

describe("a purge stopped by one of its own errors: one line, and the exit code it documents", () => {
  const cases = [
    [new PurgeLocked({ file: "checkpoint", path: "/tmp/c", pid: 42, host: "ops-1", since: "2026-01-01T00:00:00.000Z" }), 2, /in use by another purge \(pid 42 on ops-1.*nothing was sent/],
    [new PurgeFileError({ file: "audit log", path: "/tmp/a.ndjson", operation: "write", code: "ENOSPC", reason: "no space left on device" }), 1, /cannot write the audit log \/tmp\/a\.ndjson: ENOSPC .*free some space/],
    [new PauseTooLong({ asked: Duration.days(3), cap: Duration.minutes(15), source: "Retry-After" }), 1, /asked to wait 3\.0 days \(Retry-After\).*run it again later/],
    [new BudgetStoreError({ store: "redis://127.0.0.1:6379", reason: "cannot connect: ECONNREFUSED" }), 1, /rate-limit store redis:\/\/127\.0\.0\.1:6379 failed: cannot connect.*run again/]
  ] as const
  it.each(cases)("%s", (error, code, line) => {
    const described = describeFailure(error)
    expect(described.code).toBe(code)
    expect(described.line).toMatch(/^deleted-users: /)
    expect(described.line).toMatch(line)
    expect(described.line).not.toMatch(/unexpected error|a bug/)
    expect(described.line).not.toContain("\n")
  })
})
