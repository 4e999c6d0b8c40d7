// The committed bin shim: run as an executable (its first line's heap flags), and its V8 compile cache.
import { start, type RunningSimulator } from "@deleted-users/simulator"
import { spawn } from "node:child_process"
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"

const bin = fileURLToPath(new URL("../bin/deleted-users.cjs", import.meta.url))

/** Runs argv[0] with the rest; "close", not "exit", so the pipes are drained. */
const run = (argv: Array<string>, env: Record<string, string | undefined>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d) => (stdout += d))
    child.stderr.on("data", (d) => (stderr += d))
    child.on("close", (code) => resolve({ code, stdout, stderr }))
  })

describe("the deleted-users bin shim", () => {
  let sim: RunningSimulator
  const envFor = (state: string, cache = "report") => ({
    ZENDESK_BASE_URL: sim.url,
    ZENDESK_EMAIL: "admin@example.com",
    ZENDESK_API_TOKEN: "sim-api-token",
    DELETED_USERS_STATE_DIR: state,
    DELETED_USERS_COMPILE_CACHE: cache
  })
  const cacheFiles = (dir: string) => readdirSync(dir).filter((f) => f.startsWith("v8-") && f.endsWith(".cache"))
  beforeAll(async () => {
    sim = await start({ users: 50, seed: 3, requestsPerWindow: 100_000 })
  })
  afterAll(() => sim.close())

  it("runs as an executable through its first line (env -S node with heap flags), as npx runs it", async () => {
    const state = mkdtempSync(path.join(os.tmpdir(), "bin-state-"))
    const r = await run([bin, "count"], envFor(state))
    expect(r.stderr).toContain("compile cache miss")
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).count.value).toBe(sim.state.deletedIds().length)
  })

  it("compile cache: a miss writes it, the next start uses it, a corrupt one is rejected and rewritten; the answer is the same", async () => {
    const state = mkdtempSync(path.join(os.tmpdir(), "bin-cache-"))
    const argv = [process.execPath, bin, "list", "--format", "ndjson"]
    const first = await run(argv, envFor(state))
    expect(first.stderr).toContain("compile cache miss")
    expect(cacheFiles(state)).toHaveLength(1)
    const second = await run(argv, envFor(state))
    expect(second.stderr).toContain("compile cache hit")
    writeFileSync(path.join(state, cacheFiles(state)[0]!), "not a V8 code cache")
    const third = await run(argv, envFor(state))
    expect(third.stderr).toContain("compile cache rejected")
    const fourth = await run(argv, envFor(state))
    expect(fourth.stderr).toContain("compile cache hit")
    for (const r of [first, second, third, fourth]) {
      expect(r.code).toBe(0)
      expect(r.stdout).toBe(first.stdout)
    }
    expect(first.stdout.trim().split("\n")).toHaveLength(sim.state.deletedIds().length)
  })

  it("compile cache off: nothing is written, and the command still answers", async () => {
    const state = mkdtempSync(path.join(os.tmpdir(), "bin-nocache-"))
    const r = await run([process.execPath, bin, "count"], envFor(state, "off"))
    expect(r.code).toBe(0)
    expect(r.stderr).not.toContain("compile cache")
    expect(cacheFiles(state)).toEqual([])
  })

  it.each([
    ["deleted-users", "../bin/deleted-users.cjs", "../package.json"],
    ["openapi-contract", "../../contract-tests/bin/openapi-contract.js", "../../contract-tests/package.json"]
  ])("%s --version is its package.json version (a release bumps it)", async (_, shim, manifest) => {
    const { version } = JSON.parse(readFileSync(new URL(manifest, import.meta.url), "utf8")) as { version: string }
    const r = await run([process.execPath, fileURLToPath(new URL(shim, import.meta.url)), "--version"], envFor(mkdtempSync(path.join(os.tmpdir(), "bin-version-"))))
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toBe(version)
  })

  it("an unwritable cache folder costs only the compile: exit 0, same answer", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "bin-file-")), "not-a-folder")
    writeFileSync(file, "")
    const r = await run([process.execPath, bin, "count"], envFor(file))
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).count.value).toBe(sim.state.deletedIds().length)
  })
})
