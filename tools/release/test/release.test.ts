/**
 * `openapi-release` on a throwaway workspace: this repository's nx.json, package.json files and
 * Zendesk spec in a temp git repository (node_modules linked), every package tagged at 0.1.0, and
 * an `.npmrc` naming a real registry (Verdaccio on 127.0.0.1). Each step commits a spec change and
 * releases: the contract diff must decide the bump, the changelog must name what changed, the tags
 * and the registry must hold the new versions, and a dry run must change nothing.
 */
import { execFile, spawn } from "node:child_process"
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as YAML from "yaml"
import { startRegistry, type Registry } from "../../package-build/test/verdaccio.js"

const root = path.resolve(import.meta.dirname, "../../..")
const cli = path.join(root, "tools/release/dist/cli.js")
const spec = "specs/zendesk/deleted-users.yml"
// Every package of nx.json's release group, each tagged at 0.1.0 (one left untagged would be a first release, and bump its dependents).
const released = ["json-pointer", "openapi-runtime-core", "types", "openapi-runtime", "openapi-runtime-effect3", "effect-client", "cli", "openapi-lint", "contract-tests", "openapi-mock", "package-build", "codegen", "release"] as const
const tools: ReadonlyArray<string> = ["package-build", "codegen", "release"]
const roots: Record<(typeof released)[number], string> = Object.fromEntries(released.map((p) => [p, tools.includes(p) ? `tools/${p}` : `packages/${p}`])) as Record<(typeof released)[number], string>
const execAsync = promisify(execFile)

let registry: Registry
let ws: string

/** The environment of a release as a person runs it, minus what `npm test` itself exported (npm_config_registry would beat `.npmrc`). */
const env = (): NodeJS.ProcessEnv => {
  const out: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && !/^NX_/.test(k) && !/^VITEST/.test(k)) out[k] = v
  return { ...out, NX_DAEMON: "false", NX_NO_CLOUD: "true", NX_TUI: "false", NO_COLOR: "1", FORCE_COLOR: "0", NPM_CONFIG_USERCONFIG: path.join(ws, ".no-user-npmrc") }
}

/** Runs the release command in the workspace; resolves with its exit code and output, whatever the code. */
const runRelease = (args: ReadonlyArray<string>, cwd = ws) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: env(), stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()))
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()))
    child.on("close", (code) => resolve({ code, stdout, stderr }))
  })

const git = async (...args: ReadonlyArray<string>) => (await execAsync("git", args, { cwd: ws, env: env() })).stdout.trim()
const version = (p: (typeof released)[number]) => (JSON.parse(readFileSync(path.join(ws, roots[p], "package.json"), "utf8")) as { version: string }).version
const manifest = (p: (typeof released)[number]) => JSON.parse(readFileSync(path.join(ws, roots[p], "package.json"), "utf8")) as { version: string; dependencies?: Record<string, string> }
const changelog = (p: (typeof released)[number]) => readFileSync(path.join(ws, roots[p], "CHANGELOG.md"), "utf8")
const viewVersions = async (name: string): Promise<Array<string>> => {
  const r = await fetch(`${registry.url}${name.replace("/", "%2f")}`)
  if (r.status === 404) return []
  return Object.keys(((await r.json()) as { versions: Record<string, unknown> }).versions).sort()
}

type Doc = Record<string, any>
/** Rewrites the spec, commits it, and returns the commit. */
const commitSpecChange = async (message: string, edit: (doc: Doc) => void) => {
  const file = path.join(ws, spec)
  const doc = YAML.parse(readFileSync(file, "utf8")) as Doc
  edit(doc)
  writeFileSync(file, YAML.stringify(doc))
  await git("commit", "-qam", message)
  return git("rev-parse", "HEAD")
}

beforeAll(async () => {
  registry = await startRegistry({ proxy: false, prefix: "release-registry-" })
  ws = mkdtempSync(path.join(os.tmpdir(), "release-ws-"))
  for (const file of ["nx.json", spec]) cpSync(path.join(root, file), path.join(ws, file))
  // The manifests keep their internal dependencies only, so npm can rewrite the lock file offline.
  for (const file of ["package.json", ...["packages", "tools"].flatMap((group) => readdirSync(path.join(root, group)).map((dir) => path.join(group, dir, "package.json")))]) {
    if (!existsSync(path.join(root, file))) continue
    const pkg = JSON.parse(readFileSync(path.join(root, file), "utf8")) as Record<string, unknown>
    for (const field of ["dependencies", "devDependencies", "peerDependencies", "overrides"]) {
      const deps = pkg[field] as Record<string, string> | undefined
      if (deps !== undefined) pkg[field] = Object.fromEntries(Object.entries(deps).filter(([name]) => /^@(deleted-users|effect-openapi)\//.test(name)))
    }
    mkdirSync(path.dirname(path.join(ws, file)), { recursive: true })
    writeFileSync(path.join(ws, file), `${JSON.stringify(pkg, null, 2)}\n`)
  }
  // A private workspace package outside the release group, depending on a package the test will make major.
  mkdirSync(path.join(ws, "tools/consumer"), { recursive: true })
  writeFileSync(path.join(ws, "tools/consumer/package.json"), `${JSON.stringify({ name: "@deleted-users/consumer", version: "0.1.0", private: true, dependencies: { "@deleted-users/types": "^0.1.0" } }, null, 2)}\n`)
  await execAsync("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: ws, env: env() })
  symlinkSync(path.join(root, "node_modules"), path.join(ws, "node_modules"), "dir")
  writeFileSync(path.join(ws, ".gitignore"), "node_modules\n.nx/\n.no-user-npmrc\n")
  writeFileSync(path.join(ws, ".npmrc"), registry.npmrc)
  writeFileSync(path.join(ws, ".no-user-npmrc"), "")
  await git("init", "-q", "-b", "main")
  await git("config", "user.email", "release-test@example.com")
  await git("config", "user.name", "Release Test")
  await git("config", "commit.gpgsign", "false")
  await git("config", "tag.gpgsign", "false")
  await git("add", "-A")
  await git("commit", "-qm", "the workspace at 0.1.0")
  for (const p of released) await git("tag", `${p}@0.1.0`)
}, 240_000)

afterAll(async () => {
  await registry?.stop()
  if (ws !== undefined) rmSync(ws, { recursive: true, force: true })
})

describe("npm run release: the contract diff decides the bump of the packages generated from a spec", () => {
  it("--dry-run prints what a breaking change would release, and changes no file, commit, tag or registry", async () => {
    await commitSpecChange("spec: CountDeletedUsers removed, page[size] required", (doc) => {
      delete doc.paths["/api/v2/deleted_users/count"]
      doc.components.parameters.PageSize.required = true
    })
    const head = await git("rev-parse", "HEAD")
    const tags = await git("tag", "--list")
    const { code, stdout, stderr } = await runRelease(["--dry-run"])
    expect(code, stderr).toBe(0)
    expect(stdout).toContain(`${spec}: major`)
    expect(stdout).toMatch(/types: 0\.1\.0 → 1\.0\.0/)
    expect(stdout).toMatch(/effect-client: 0\.1\.0 → 1\.0\.0/)
    expect(stdout).toMatch(/cli: 0\.1\.0 → 0\.1\.1/)
    // The contract tool takes any spec and does not depend on the Zendesk client: a Zendesk major leaves it alone.
    expect(stdout).toMatch(/contract-tests: 0\.1\.0 → \(unchanged\)/)
    expect(stdout).toMatch(/openapi-runtime: 0\.1\.0 → \(unchanged\)/)
    expect(stdout).toContain("Would publish")
    expect(stdout).toContain("Would move @deleted-users/types from ^0.1.0 to ^1.0.0 in tools/consumer/package.json")
    expect(await git("status", "--porcelain", "--untracked-files=all")).toBe("")
    expect(await git("rev-parse", "HEAD")).toBe(head)
    expect(await git("tag", "--list")).toBe(tags)
    expect(existsSync(path.join(ws, ".nx/version-plans")) ? readdirSync(path.join(ws, ".nx/version-plans")) : []).toEqual([])
    expect(await viewVersions("@deleted-users/types")).toEqual([])
  }, 240_000)

  it("a breaking change (an operation removed, a parameter made required) is a major, with ranges, changelog, tags and a publish", async () => {
    const { code, stderr, stdout } = await runRelease([])
    expect(code, `${stdout}\n${stderr}`).toBe(0)
    expect([version("types"), version("effect-client"), version("cli"), version("contract-tests"), version("openapi-runtime"), version("openapi-lint")]).toEqual(["1.0.0", "1.0.0", "0.1.1", "0.1.0", "0.1.0", "0.1.0"])
    expect(manifest("effect-client").dependencies?.["@deleted-users/types"]).toBe("^1.0.0")
    expect(manifest("cli").dependencies?.["@deleted-users/effect-client"]).toBe("^1.0.0")
    expect(manifest("contract-tests").dependencies?.["@deleted-users/effect-client"]).toBeUndefined()
    for (const p of ["types", "effect-client"] as const) {
      const text = changelog(p)
      expect(text).toMatch(/^# 1\.0\.0/m)
      expect(text).toContain("removed operation CountDeletedUsers")
      expect(text).toMatch(/page\\?\[size\\?\].*now required/)
    }
    expect(changelog("cli")).toContain("Updated effect-client to 1.0.0")
    // The lock file follows, so npm ci still installs the workspace.
    const lock = JSON.parse(readFileSync(path.join(ws, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string; dependencies?: Record<string, string> }> }
    expect(lock.packages["packages/types"]?.version).toBe("1.0.0")
    expect(lock.packages["packages/cli"]?.dependencies?.["@deleted-users/effect-client"]).toBe("^1.0.0")
    // A workspace package outside the release group follows too (Nx leaves it alone).
    const consumer = JSON.parse(readFileSync(path.join(ws, "tools/consumer/package.json"), "utf8")) as { dependencies: Record<string, string> }
    expect(consumer.dependencies["@deleted-users/types"]).toBe("^1.0.0")
    expect(lock.packages["tools/consumer"]?.dependencies?.["@deleted-users/types"]).toBe("^1.0.0")
    expect((await git("tag", "--list")).split("\n")).toEqual(expect.arrayContaining(["types@1.0.0", "effect-client@1.0.0", "cli@0.1.1"]))
    expect(await git("status", "--porcelain", "--untracked-files=all")).toBe("")
    expect(await viewVersions("@deleted-users/types")).toEqual(["1.0.0"])
    expect(await viewVersions("@deleted-users/effect-client")).toEqual(["1.0.0"])
    expect(await viewVersions("@deleted-users/cli")).toEqual(["0.1.1"])
    expect(await viewVersions("@effect-openapi/contract")).toEqual([])
    expect(await viewVersions("@effect-openapi/runtime")).toEqual([])
  }, 240_000)

  // The next two skip the publish (proven above) to keep the test short.
  it("an addition (a new operation) is a minor, and the changelog names it", async () => {
    await commitSpecChange("spec: SearchDeletedUsers", (doc) => {
      doc.paths["/api/v2/deleted_users/search"] = { get: { operationId: "SearchDeletedUsers", summary: "Search deleted users", responses: { "200": { description: "The matching deleted users" } } } }
    })
    const { code, stderr, stdout } = await runRelease(["--skip-publish"])
    expect(code, `${stdout}\n${stderr}`).toBe(0)
    expect([version("types"), version("effect-client"), version("cli")]).toEqual(["1.1.0", "1.1.0", "0.1.2"])
    expect(changelog("types")).toMatch(/## 1\.1\.0[^]*new operation SearchDeletedUsers[^]*# 1\.0\.0/)
    expect((await git("tag", "--list")).split("\n")).toEqual(expect.arrayContaining(["types@1.1.0", "effect-client@1.1.0", "cli@0.1.2"]))
  }, 240_000)

  it("a change no client can see (a description) is a patch", async () => {
    await commitSpecChange("spec: wording", (doc) => {
      doc.info.description = `${String(doc.info.description)}\nReworded.`
    })
    const { code, stderr, stdout } = await runRelease(["--skip-publish"])
    expect(code, `${stdout}\n${stderr}`).toBe(0)
    expect(stdout).toContain(`${spec}: patch`)
    expect([version("types"), version("effect-client"), version("cli")]).toEqual(["1.1.1", "1.1.1", "0.1.3"])
    expect(changelog("effect-client")).toMatch(/## 1\.1\.1[^]*no change a client can see/)
    expect(await git("tag", "--list", "effect-client@*")).toBe("effect-client@0.1.0\neffect-client@1.0.0\neffect-client@1.1.0\neffect-client@1.1.1")
  }, 240_000)

  it("with nothing changed since the tags, releases nothing", async () => {
    const { code, stdout } = await runRelease([])
    expect(code).toBe(0)
    expect(stdout).toContain("Nothing to release")
  }, 60_000)

  it("exits 2 on an unknown option, outside the workspace root, and on uncommitted changes", async () => {
    const bad = await runRelease(["--publish-everything"])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/Unknown option '--publish-everything'[^]*usage: openapi-release/)
    const elsewhere = await runRelease(["--dry-run"], path.join(ws, "packages"))
    expect(elsewhere.code).toBe(2)
    expect(elsewhere.stderr).toContain("run from the workspace root")
    writeFileSync(path.join(ws, roots.cli, "package.json"), `${readFileSync(path.join(ws, roots.cli, "package.json"), "utf8")}\n`)
    const dirty = await runRelease([])
    expect(dirty.code).toBe(2)
    expect(dirty.stderr).toMatch(/uncommitted changes[^]*packages\/cli\/package\.json/)
    expect(await git("tag", "--list", "cli@*")).toBe("cli@0.1.0\ncli@0.1.1\ncli@0.1.2\ncli@0.1.3")
    await git("checkout", "--", roots.cli)
  }, 60_000)

  it("a package with no tag (never published) is released, as a patch, even with nothing changed", async () => {
    await git("tag", "-d", "openapi-lint@0.1.0")
    const { code, stdout, stderr } = await runRelease(["--dry-run", "--skip-publish"])
    expect(code, `${stdout}\n${stderr}`).toBe(0)
    expect(stdout).toContain("First release of packages/openapi-lint (no tag openapi-lint@0.1.0 yet)")
    expect(stdout).toMatch(/openapi-lint: 0\.1\.0 → 0\.1\.1/)
    expect(stdout).toMatch(/types: 1\.1\.1 → \(unchanged\)/)
  }, 120_000)
})
