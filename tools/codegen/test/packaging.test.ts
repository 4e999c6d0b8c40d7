import { describe, expect, it } from "vitest"
import { execFile } from "node:child_process"
import { access, readFile, realpath, stat } from "node:fs/promises"
import * as path from "node:path"
import { promisify } from "node:util"
import { publint } from "publint"
import { workspaceRoot } from "@effect-openapi/codegen"

const run = promisify(execFile)

/** The packages consumers install; they are built to dist/ by the test command before this runs. */
const published = ["packages/json-pointer", "packages/openapi-runtime-core", "packages/types", "packages/openapi-runtime", "packages/openapi-runtime-effect3", "packages/openapi-lint", "packages/effect-client", "packages/contract-tests", "packages/cli", "packages/openapi-mock"]

describe.each(published)("the published package %s", (dir) => {
  const pkgDir = path.join(workspaceRoot, dir)
  const manifest = async () => JSON.parse(await readFile(path.join(pkgDir, "package.json"), "utf8"))

  it("passes publint with no error or warning", async () => {
    const { messages } = await publint({ pkgDir, strict: true, level: "warning" })
    expect(messages).toEqual([])
  })

  it("passes @arethetypeswrong/cli for ESM and CommonJS consumers (node16 profile)", async () => {
    const attw = path.join(workspaceRoot, "node_modules/@arethetypeswrong/cli/dist/index.js")
    const { stdout } = await run(process.execPath, [attw, "--pack", pkgDir, "--profile", "node16", "--format", "json"], { maxBuffer: 64 * 2 ** 20 }).catch((e: { stdout: string }) => e)
    const { analysis } = JSON.parse(stdout) as { analysis: { problems: Array<{ resolutionKind?: string }> } }
    // node10 (no `exports` support) is out of the profile: Node 20 consumers resolve through exports.
    expect(analysis.problems.filter((p) => p.resolutionKind !== "node10")).toEqual([])
  }, 60_000)

  it("ships JavaScript (ESM and CommonJS), .d.ts with maps, the sources, LICENSE, README and (once released) CHANGELOG, and nothing else", async () => {
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: pkgDir })
    const [report] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>
    const files = report!.files.map((f) => f.path)
    for (const needed of ["dist/index.js", "dist/index.d.ts", "dist/index.d.ts.map", "dist/cjs/index.js", "dist/cjs/index.d.ts", "dist/cjs/package.json", "src/index.ts", "LICENSE", "README.md"]) {
      expect(files).toContain(needed)
    }
    const unexpected = files.filter((f) => !/^(package\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/.+\.(js|js\.map|d\.ts|d\.ts\.map)|dist\/cjs\/package\.json|dist\/[a-z-]+\.[mc]js(\.LEGAL\.txt)?|src\/.+\.(ts|json|md)|bin\/[a-z-]+\.c?js)$/.test(f))
    expect(unexpected).toEqual([])
  })

  it("serves import and require, each with its types first; declares engines; internal dependencies as ranges", async () => {
    const m = await manifest()
    expect(m.type).toBe("module")
    expect(Object.keys(m.exports["."])).toEqual(["import", "require"])
    expect(Object.keys(m.exports["."].import)).toEqual(["types", "default"])
    expect(Object.keys(m.exports["."].require)).toEqual(["types", "default"])
    expect(m.engines.node).toBeDefined()
    for (const [name, range] of Object.entries({ ...m.dependencies, ...m.peerDependencies } as Record<string, string>)) {
      if (/^@(deleted-users|effect-openapi)\//.test(name)) expect(range).toMatch(/^\^/)
    }
  })

  it("depends on no private package (installing it from a registry cannot get E404)", async () => {
    const m = await manifest()
    expect(m.private).toBeUndefined()
    for (const name of Object.keys({ ...m.dependencies, ...m.peerDependencies }).filter((n) => /^@(deleted-users|effect-openapi)\//.test(n))) {
      const dependency = JSON.parse(await readFile(path.join(workspaceRoot, "node_modules", name, "package.json"), "utf8")) as { private?: boolean }
      expect(dependency.private, name).toBeUndefined()
      expect(published, name).toContain(path.relative(workspaceRoot, await realpath(path.join(workspaceRoot, "node_modules", name))))
    }
  })

  it("takes Effect packages as peer dependencies (a library), or as dependencies (the command line)", async () => {
    const m = await manifest()
    const effectPackages = Object.keys({ ...m.dependencies, ...m.peerDependencies }).filter((n) => n === "effect" || n.startsWith("@effect/"))
    if (dir === "packages/cli") return expect(m.peerDependencies).toBeUndefined()
    if (dir === "packages/json-pointer" || dir === "packages/openapi-runtime-core" || dir === "packages/types" || dir === "packages/openapi-lint" || dir === "packages/openapi-mock") return expect(effectPackages).toEqual([])
    expect(Object.keys(m.dependencies ?? {}).filter((n) => n === "effect" || n.startsWith("@effect/"))).toEqual([])
    // Effect 4, except the runtime of clients generated with --effect 3 (Effect 3 and @effect/platform).
    if (dir === "packages/openapi-runtime-effect3") expect(m.peerDependencies).toEqual({ effect: "^3.22.2", "@effect/platform": "^0.97.0" })
    else expect(m.peerDependencies.effect).toBe("^4.1.5")
    // effect-client's Redis budget store loads @effect/platform-node's NodeRedis only when asked: an optional peer.
    expect(Object.keys(m.peerDependencies).filter((n) => n.startsWith("@effect/"))).toEqual(dir === "packages/openapi-runtime-effect3" ? ["@effect/platform"] : dir === "packages/effect-client" ? ["@effect/platform-node"] : [])
    for (const name of Object.keys(m.peerDependencies).filter((n) => n !== "effect" && !(dir === "packages/openapi-runtime-effect3" && n === "@effect/platform"))) expect(m.peerDependenciesMeta?.[name]?.optional).toBe(true)
    expect(m.devDependencies.effect).toBeDefined()
  })
})

describe("@effect-openapi/contract", () => {
  it("ships no HAR fixtures (they stay in the repository, for its tests), and the command only as its bundle", async () => {
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: path.join(workspaceRoot, "packages/contract-tests") })
    const [report] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>
    const files = report!.files.map((f) => f.path)
    expect(files).toContain("bin/openapi-contract.js")
    expect(files).toContain("dist/openapi-contract.mjs")
    expect(files.filter((f) => f.startsWith("fixtures/") || f.endsWith(".har"))).toEqual([])
    // The command is the bundle; its unbundled modules would import @effect/cli, a devDependency.
    expect(files.filter((f) => /(^|\/)cli(-errors)?\.(ts|js|d\.ts)/.test(f))).toEqual([])
  })
})

describe("workspace bins", () => {
  it("every bin of every workspace package is a committed, executable file, so npm links it at install time", async () => {
    const { stdout } = await run("git", ["ls-files", "packages/*/package.json", "tools/*/package.json"], { cwd: workspaceRoot })
    const tracked = new Set((await run("git", ["ls-files"], { cwd: workspaceRoot })).stdout.split("\n"))
    let bins = 0
    for (const file of stdout.trim().split("\n")) {
      const m = JSON.parse(await readFile(path.join(workspaceRoot, file), "utf8")) as { bin?: Record<string, string> }
      for (const [name, target] of Object.entries(m.bin ?? {})) {
        const relative = path.posix.join(path.posix.dirname(file), target)
        expect(tracked.has(relative), `${name} -> ${relative}`).toBe(true)
        expect((await stat(path.join(workspaceRoot, relative))).mode & 0o111, name).not.toBe(0)
        await access(path.join(workspaceRoot, "node_modules/.bin", name))
        bins++
      }
    }
    expect(bins).toBeGreaterThanOrEqual(6)
  })

  it.each(["deleted-users", "openapi-contract", "effect-openapi", "openapi-release"])("npx --no-install %s --help runs the local command", async (name) => {
    const { stdout, stderr } = await run("npx", ["--no-install", name, "--help"], { cwd: workspaceRoot })
    expect(`${stdout}${stderr}`.toLowerCase()).toContain("usage")
  })

  // The bins renamed in 0.2 keep their old names as aliases until the next major (README, "Names").
  it.each([["deleted-users-contract", "openapi-contract"], ["deleted-users-release", "openapi-release"]])("the old bin %s is an alias: the same command as %s", async (old, current) => {
    const [a, b] = await Promise.all([old, current].map((name) => run("npx", ["--no-install", name, "--help"], { cwd: workspaceRoot })))
    expect(a!.stdout).toBe(b!.stdout)
    expect(a!.stdout.toLowerCase()).toContain("usage")
  })
})
