/** The Nx generator `@effect-openapi/codegen:api`, run on the real workspace through Nx's own tree (changes kept in memory). */
import { FsTree } from "nx/src/generators/tree.js"
import { execFile } from "node:child_process"
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises"
import { promisify } from "node:util"
import * as path from "node:path"
import { mkdtemp } from "node:fs/promises"
import * as os from "node:os"
import { describe, expect, it } from "vitest"
import * as YAML from "yaml"
import { generateClient } from "../src/client/generate.js"
import apiGenerator, { repositoryLinks } from "../src/generators/api.js"

const root = path.resolve(import.meta.dirname, "../../..")

describe("npx nx g @effect-openapi/codegen:api", () => {
  it("adds a project whose build regenerates from the spec first, with the generated client, and registers it for the drift check", async () => {
    const tree = new FsTree(root, false)
    await apiGenerator(tree, { name: "museum-api", spec: "tools/codegen/test/specs/redocly-museum.yaml" })
    const written = tree.listChanges().map((c) => c.path).sort()
    expect(written).toEqual([
      "apis.json",
      "packages/museum-api/README.md",
      "packages/museum-api/package.json",
      "packages/museum-api/src/generated/README.md",
      "packages/museum-api/src/generated/client.ts",
      "packages/museum-api/src/generated/fetch-client.ts",
      "packages/museum-api/src/generated/index.ts",
      "packages/museum-api/src/generated/postman-collection.json",
      "packages/museum-api/src/generated/types.ts",
      "packages/museum-api/src/generated/validators.ts",
      "packages/museum-api/src/index.ts",
      "packages/museum-api/tsconfig.build.json",
      "packages/museum-api/tsconfig.json"
    ])
    const pkg = JSON.parse(tree.read("packages/museum-api/package.json", "utf8")!)
    expect(pkg.nx.targets.build.dependsOn).toContain("generate")
    // A spec change reaches the built package even when Nx hashes the build before generate runs.
    expect(pkg.nx.targets.build.inputs).toEqual(expect.arrayContaining(["production", expect.stringMatching(/^\{workspaceRoot\}\/.*redocly-museum\.yaml$/)]))
    expect(pkg.nx.targets.generate.cache).toBe(true)
    expect(pkg.nx.targets.generate.inputs).toContain("{workspaceRoot}/tools/codegen/test/specs/redocly-museum.yaml")
    expect(pkg.nx.targets.generate.command).not.toContain("--effect")
    expect(pkg.nx.targets.generate.inputs).toContain("{workspaceRoot}/packages/openapi-runtime/src/**/*.ts")
    // Effect 4 (the default): effect as a peer dependency, over the Effect 4 runtime.
    expect(pkg.peerDependencies).toEqual({ effect: "^4.1.5" })
    expect(pkg.dependencies["@effect-openapi/runtime"]).toBeDefined()
    expect(pkg.dependencies["@effect-openapi/runtime-effect3"]).toBeUndefined()
    const { files } = await generateClient({ spec: path.join(root, "tools/codegen/test/specs/redocly-museum.yaml"), specLabel: "tools/codegen/test/specs/redocly-museum.yaml", name: "museum-api", regenerate: "npx nx run museum-api:generate" })
    for (const file of files) expect(tree.read(`packages/museum-api/src/generated/${file.file}`, "utf8")).toBe(file.source)
    const client = tree.read("packages/museum-api/src/generated/client.ts", "utf8")!
    expect(client).toContain("export class MuseumApi extends Context.Service<MuseumApi, MuseumApiApi>()(")
    expect(client).toContain('import * as HttpClient from "effect/http/HttpClient"')
    expect(client).toContain('import * as R from "@effect-openapi/runtime"\n')
    expect(client).not.toContain("@effect/platform")
    const registry = JSON.parse(tree.read("apis.json", "utf8")!)
    expect(registry.apis.at(-1)).toEqual({ name: "museum-api", spec: "tools/codegen/test/specs/redocly-museum.yaml", out: "packages/museum-api/src/generated", regenerate: "npx nx run museum-api:generate", effect: 4 })
  })

  it("--effect 3: the Effect 3 client over @effect-openapi/runtime-effect3, with effect 3 and @effect/platform as peer dependencies", async () => {
    const tree = new FsTree(root, false)
    await apiGenerator(tree, { name: "museum-api", spec: "tools/codegen/test/specs/redocly-museum.yaml", effect: 3 })
    const pkg = JSON.parse(tree.read("packages/museum-api/package.json", "utf8")!)
    expect(pkg.peerDependencies).toEqual({ effect: "^3.22.2", "@effect/platform": "^0.97.0" })
    expect(pkg.dependencies["@effect-openapi/runtime-effect3"]).toBeDefined()
    expect(pkg.dependencies["@effect-openapi/runtime"]).toBeUndefined()
    expect(pkg.nx.targets.generate.command).toContain("--out packages/museum-api/src/generated --effect 3 ")
    expect(pkg.nx.targets.generate.inputs).toContain("{workspaceRoot}/packages/openapi-runtime-effect3/src/**/*.ts")
    const { files } = await generateClient({ spec: path.join(root, "tools/codegen/test/specs/redocly-museum.yaml"), specLabel: "tools/codegen/test/specs/redocly-museum.yaml", name: "museum-api", regenerate: "npx nx run museum-api:generate", effect: 3 })
    for (const file of files) expect(tree.read(`packages/museum-api/src/generated/${file.file}`, "utf8")).toBe(file.source)
    const client = tree.read("packages/museum-api/src/generated/client.ts", "utf8")!
    expect(client).toContain('export class MuseumApi extends Context.Tag("effect-openapi/museum-api")<MuseumApi, MuseumApiApi>()')
    expect(client).toContain('import * as HttpClient from "@effect/platform/HttpClient"')
    expect(client).toContain('import * as R from "@effect-openapi/runtime-effect3"')
    expect(client).toContain('import { defaultTransport } from "@effect-openapi/runtime-effect3/default-transport"')
    const registry = JSON.parse(tree.read("apis.json", "utf8")!)
    expect(registry.apis.at(-1)).toMatchObject({ name: "museum-api", out: "packages/museum-api/src/generated", effect: 3 })
  })

  it("the schema's effect option is 4 or 3, 4 by default", async () => {
    const schema = JSON.parse(await readFile(path.join(root, "tools/codegen/generators/api.schema.json"), "utf8"))
    expect(schema.properties.effect).toMatchObject({ enum: [4, 3], default: 4 })
    await expect(apiGenerator(new FsTree(root, false), { name: "museum-api", spec: "tools/codegen/test/specs/redocly-museum.yaml", effect: 5 as never })).rejects.toThrow("--effect must be 3 or 4")
  })

  it("--strict: the generate target and the apis.json entry generate with --strict", async () => {
    const tree = new FsTree(root, false)
    await apiGenerator(tree, { name: "museum-strict", spec: "tools/codegen/test/specs/redocly-museum.yaml", strict: true })
    const pkg = JSON.parse(tree.read("packages/museum-strict/package.json", "utf8")!)
    expect(pkg.nx.targets.generate.command).toMatch(/ --strict$/)
    expect(JSON.parse(tree.read("apis.json", "utf8")!).apis.at(-1)).toMatchObject({ name: "museum-strict", strict: true })
  })

  it("--overlay: applied before generation, in the generate command, an input of generate and build, and in the apis.json entry", async () => {
    const tree = new FsTree(root, false)
    await apiGenerator(tree, { name: "museum-overlay", spec: "tools/codegen/test/specs/redocly-museum.yaml", overlay: ["./specs/github/overlay.yaml"] })
    const pkg = JSON.parse(tree.read("packages/museum-overlay/package.json", "utf8")!)
    expect(pkg.nx.targets.generate.command).toMatch(/ --overlay specs\/github\/overlay\.yaml$/)
    expect(pkg.nx.targets.generate.inputs).toContain("{workspaceRoot}/specs/github/overlay.yaml")
    expect(pkg.nx.targets.build.inputs).toContain("{workspaceRoot}/specs/github/overlay.yaml")
    expect(JSON.parse(tree.read("apis.json", "utf8")!).apis.at(-1)).toMatchObject({ name: "museum-overlay", overlay: ["specs/github/overlay.yaml"] })
    // GitHub's overlay on the museum: its security applies to every operation, its GitHub path selects nothing.
    const client = tree.read("packages/museum-overlay/src/generated/client.ts", "utf8")!
    expect(client).toContain("readonly bearerAuth?: R.Secret")
    await expect(apiGenerator(new FsTree(root, false), { name: "x", spec: "tools/codegen/test/specs/redocly-museum.yaml", overlay: "specs/none.yaml" })).rejects.toThrow("specs/none.yaml: no such file")
  })

  it("builds ESM and CommonJS like the other published packages: exports with import/require, each with its types first", async () => {
    const tree = new FsTree(root, false)
    await apiGenerator(tree, { name: "museum-api", spec: "tools/codegen/test/specs/redocly-museum.yaml" })
    const pkg = JSON.parse(tree.read("packages/museum-api/package.json", "utf8")!)
    expect(pkg.scripts.build).toBe("rm -rf dist && tsc -p tsconfig.build.json && dual-build")
    expect(pkg.exports["."]).toEqual({ import: { types: "./dist/index.d.ts", default: "./dist/index.js" }, require: { types: "./dist/cjs/index.d.ts", default: "./dist/cjs/index.js" } })
    expect(pkg).toMatchObject({ main: "./dist/cjs/index.js", module: "./dist/index.js", types: "./dist/index.d.ts", engines: { node: ">=22.19" } })
    // Internal dependencies as ranges, so a release that bumps the runtime moves them.
    expect(pkg.dependencies["@effect-openapi/runtime"]).toMatch(/^\^\d/)
  })

  it("repository and homepage: the workspace's repository with the project's folder, its GitHub page as homepage; none (and a warning) without one", async () => {
    const tree = new FsTree(root, false)
    const workspace = JSON.parse(tree.read("package.json", "utf8")!)
    tree.write("package.json", JSON.stringify({ ...workspace, repository: { type: "git", url: "git+https://github.com/acme/toolkit.git" } }))
    await apiGenerator(tree, { name: "museum-api", spec: "tools/codegen/test/specs/redocly-museum.yaml" })
    const pkg = JSON.parse(tree.read("packages/museum-api/package.json", "utf8")!)
    expect(pkg.repository).toEqual({ type: "git", url: "git+https://github.com/acme/toolkit.git", directory: "packages/museum-api" })
    expect(pkg.homepage).toBe("https://github.com/acme/toolkit/tree/HEAD/packages/museum-api#readme")
    expect(repositoryLinks({ repository: "https://git.example.com/toolkit.git", homepage: "https://toolkit.example.com" }, "packages/x")).toEqual({ repository: { type: "git", url: "https://git.example.com/toolkit.git", directory: "packages/x" }, homepage: "https://toolkit.example.com" })
    expect(repositoryLinks({}, "packages/x")).toBeUndefined()
    const bare = new FsTree(root, false)
    bare.write("package.json", JSON.stringify({ ...workspace, repository: undefined }))
    await apiGenerator(bare, { name: "museum-api", spec: "tools/codegen/test/specs/redocly-museum.yaml" })
    const plain = JSON.parse(bare.read("packages/museum-api/package.json", "utf8")!)
    expect(plain.repository).toBeUndefined()
    expect(plain.homepage).toBeUndefined()
  })

  it("tags the project api, which nx.json's release.projects selects (tag:api), so it joins the release group with no list edit", async () => {
    const tree = new FsTree(root, false)
    await apiGenerator(tree, { name: "museum-api", spec: "tools/codegen/test/specs/redocly-museum.yaml" })
    const pkg = JSON.parse(tree.read("packages/museum-api/package.json", "utf8")!)
    expect(pkg.nx.tags).toEqual(["api"])
    expect(JSON.parse(tree.read("nx.json", "utf8")!).release.projects).toContain("tag:api")
    expect(tree.read("nx.json", "utf8")).toBe(await readFile(path.join(root, "nx.json"), "utf8"))
  })

  describe("the contract target, run as the generated command from the workspace root", () => {
    const run = (command: string, env: NodeJS.ProcessEnv = {}) =>
      promisify(execFile)("sh", ["-c", command], { cwd: root, env: { ...process.env, CONTRACT_BASE: "", GITHUB_BASE_REF: "", ...env }, maxBuffer: 16 * 2 ** 20 }).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr })
      )
    const dir = "tmp/api-generator-contract"
    const contractOf = async (name: string, spec: string) => {
      const tree = new FsTree(root, false)
      await apiGenerator(tree, { name, spec, directory: `${dir}/${name}` })
      const target = JSON.parse(tree.read(`${dir}/${name}/package.json`, "utf8")!).nx.targets.contract
      expect(target.options.cwd).toBe("{workspaceRoot}")
      expect(target.inputs).toEqual(expect.arrayContaining([`{workspaceRoot}/${spec}`, "{projectRoot}/fixtures/recorded/**/*", { env: "CONTRACT_BASE" }]))
      expect(target.dependsOn).toEqual(expect.arrayContaining([{ projects: ["contract-tests"], target: "build" }]))
      return target.command as string
    }

    it("lints the spec, verifies the project's recorded HAR fixtures, and with CONTRACT_BASE diffs against it: exit 0 on the Zendesk spec", { timeout: 120_000 }, async () => {
      await rm(path.join(root, dir), { recursive: true, force: true })
      const command = await contractOf("zendesk-again", "specs/zendesk/deleted-users.yml")
      const none = await run(command)
      expect(none.out).toContain("specs/zendesk/deleted-users.yml: 0 errors")
      expect(none.out).toContain("note: no recorded traffic")
      expect(none.out).toContain("note: no base")
      expect(none.code).toBe(0)
      await mkdir(path.join(root, dir, "zendesk-again/fixtures/recorded"), { recursive: true })
      for (const har of ["show.har", "count.har"]) await copyFile(path.join(root, "packages/contract-tests/fixtures/recorded", har), path.join(root, dir, "zendesk-again/fixtures/recorded", har))
      const full = await run(command, { CONTRACT_BASE: "HEAD" })
      expect(full.out).toMatch(/> openapi-contract verify tmp\/api-generator-contract\/zendesk-again\/fixtures\/recorded --strict/)
      expect(full.out).toMatch(/entries in 2 files: \d+ conform, 0 violate/)
      expect(full.out).toContain("> openapi-contract diff --base ")
      expect(full.code).toBe(0)
      // Traffic the spec does not allow fails the target.
      const har = JSON.parse(await readFile(path.join(root, dir, "zendesk-again/fixtures/recorded/show.har"), "utf8"))
      har.log.entries[0].response.status = 418
      await writeFile(path.join(root, dir, "zendesk-again/fixtures/recorded/show.har"), JSON.stringify(har))
      expect((await run(command)).code).toBe(1)
    })

    it("fails (exit 1) on a spec with a broken $ref", { timeout: 120_000 }, async () => {
      await mkdir(path.join(root, dir), { recursive: true })
      const broken = (await readFile(path.join(root, "tools/codegen/test/specs/redocly-museum.yaml"), "utf8")).replace(/#\/components\/schemas\/(\w+)/, "#/components/schemas/$1Missing")
      const spec = `${dir}/broken.yaml`
      await writeFile(path.join(root, spec), broken)
      const command = await contractOf("museum-broken", "tools/codegen/test/specs/redocly-museum.yaml")
      const good = await run(command)
      expect(good.code, good.out).toBe(0)
      const result = await run(command.replace("--spec tools/codegen/test/specs/redocly-museum.yaml", `--spec ${spec}`))
      expect(result.out).toContain("Missing")
      expect(result.out).toMatch(/[1-9]\d* errors/)
      expect(result.code).toBe(1)
    })
  })

  it("CI's spec job covers a generated API's spec wherever it lives, with no edit to the workflow, and runs every contract target", { timeout: 60_000 }, async () => {
    const workflow = YAML.parse(await readFile(path.join(root, ".github/workflows/ci.yml"), "utf8")) as { jobs: Record<string, { steps: Array<{ id?: string; run?: string; if?: string; env?: Record<string, string> }> }> }
    const steps = workflow.jobs["spec-changed"]!.steps
    const detect = steps.find((s) => s.id === "changes")!.run!
    const contract = steps.find((s) => s.run?.includes("-t contract"))!
    expect(contract.if).toBe("steps.changes.outputs.spec == 'true'")
    expect(contract.env?.["CONTRACT_BASE"]).toBeDefined()
    // The step's own script, in a throwaway repository whose apis.json names an API with its spec outside specs/.
    const repo = await mkdtemp(path.join(os.tmpdir(), "spec-job-"))
    const sh = (script: string, env: NodeJS.ProcessEnv = {}) => promisify(execFile)("bash", ["-c", script], { cwd: repo, env: { ...process.env, ...env } })
    const outcome = async (base: string) => {
      await writeFile(path.join(repo, "out"), "")
      await sh(detect, { BASE: base, GITHUB_OUTPUT: path.join(repo, "out") })
      return (await readFile(path.join(repo, "out"), "utf8")).trim()
    }
    try {
      await mkdir(path.join(repo, "apis/pets"), { recursive: true })
      await writeFile(path.join(repo, "apis.json"), JSON.stringify({ apis: [{ name: "pets", spec: "apis/pets/openapi.yaml", out: "packages/pets/src/generated", overlay: ["apis/pets/overlay.yaml"] }] }))
      await writeFile(path.join(repo, "apis/pets/openapi.yaml"), "openapi: 3.1.0\n")
      await writeFile(path.join(repo, "apis/pets/overlay.yaml"), "overlay: 1.0.0\n")
      await writeFile(path.join(repo, "README.md"), "pets\n")
      await sh("git init -q && git add -A && git -c user.email=t@example.com -c user.name=t -c commit.gpgsign=false commit -qm one")
      const commit = async (file: string, text: string) => {
        await writeFile(path.join(repo, file), text)
        await sh("git add -A && git -c user.email=t@example.com -c user.name=t -c commit.gpgsign=false commit -qm change && git rev-parse HEAD~1")
        return (await sh("git rev-parse HEAD~1")).stdout.trim()
      }
      expect(await outcome(await commit("README.md", "pets, again\n"))).toBe("spec=false")
      expect(await outcome(await commit("apis/pets/openapi.yaml", "openapi: 3.1.1\n"))).toBe("spec=true")
      expect(await outcome(await commit("apis/pets/overlay.yaml", "overlay: 1.0.0\n# changed\n"))).toBe("spec=true")
      // No usable base (a branch's first push): everything counts as changed.
      expect(await outcome("0000000000000000000000000000000000000000")).toBe("spec=true")
    } finally {
      await rm(repo, { recursive: true, force: true })
    }
  })

  it("refuses a spec that does not exist and a project that does", async () => {
    await expect(apiGenerator(new FsTree(root, false), { name: "x", spec: "specs/none.yml" })).rejects.toThrow("specs/none.yml: no such file")
    await expect(apiGenerator(new FsTree(root, false), { name: "types", spec: "specs/zendesk/deleted-users.yml" })).rejects.toThrow("packages/types already exists")
  })
})
