/**
 * The whole flow for a team's own API (issue 26, item 6), in a fresh Nx workspace outside this repository that
 * installs the toolkit from a real registry (Verdaccio on 127.0.0.1): the public Swagger Petstore spec (not one
 * this repository generates from), `nx g` an API, build it, start its mock server, call it through the client and
 * through its test layer, record a HAR and verify it, then change the spec in a breaking way and see `contract`
 * fail and the release plan a major bump for that package alone.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises"
import * as path from "node:path"
import { createInterface } from "node:readline"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { mustRun, nxEnv, publishToolkit, runIn, type ToolkitRegistry } from "./toolkit-registry.js"

const root = path.resolve(import.meta.dirname, "../../..")

let toolkit: ToolkitRegistry
let ws: string
let mock: ChildProcess | undefined
let mockUrl: string

const npm = (args: ReadonlyArray<string>) => mustRun(ws, "npm", [...args, "--userconfig", toolkit.registry.userconfig, "--no-audit", "--no-fund"])
const git = (...args: Array<string>) => mustRun(ws, "git", args)

/** nx.json as a team's: Nx's preset named inputs, and a release group of every generated API (`tag:api`). */
const nxJson = {
  $schema: "./node_modules/nx/schemas/nx-schema.json",
  defaultBase: "main",
  namedInputs: { default: ["{projectRoot}/**/*", "sharedGlobals"], production: ["default"], sharedGlobals: [] },
  release: {
    projects: ["tag:api"],
    projectsRelationship: "independent",
    releaseTag: { pattern: "{projectName}@{version}" },
    versionPlans: true,
    version: { currentVersionResolver: "git-tag", fallbackCurrentVersionResolver: "disk", adjustSemverBumpsForZeroMajorVersion: false, git: { commit: false, tag: false, stageChanges: true } },
    changelog: { workspaceChangelog: false, projectChangelogs: { file: "{projectRoot}/CHANGELOG.md", createRelease: false }, git: { commit: false, tag: false } }
  }
}

/** Starts `npx openapi-mock --spec FILE --port 0` and reads its URL from its first line, within 30 s. */
const startMockBin = (spec: string): Promise<string> =>
  new Promise((resolve, reject) => {
    // Its own process group: npx runs the server as a child, and afterAll stops the group, not npx alone.
    mock = spawn("npx", ["--no-install", "openapi-mock", "--spec", spec, "--port", "0"], { cwd: ws, stdio: ["ignore", "pipe", "pipe"], detached: true })
    const timer = setTimeout(() => reject(new Error("openapi-mock printed no URL within 30 s")), 30_000)
    let stderr = ""
    mock.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    mock.once("exit", (code) => reject(new Error(`openapi-mock exited (${code}): ${stderr}`)))
    createInterface({ input: mock.stdout! }).once("line", (line) => {
      clearTimeout(timer)
      resolve(line.trim())
    })
  })

/** A program of the team's: lists pets through the generated client, over the mock server. */
const clientProgram = `import * as Effect from "effect/Effect"
import { Petstore } from "@acme/petstore"
const [url] = process.argv.slice(2)
const program = Effect.flatMap(Petstore, (api) => Effect.all([api.listPets({ query: { limit: 2 } }), api.showPetById({ path: { petId: "7" } })]))
const [pets, pet] = await Effect.runPromise(program.pipe(Effect.provide(Petstore.layer({ baseUrl: url }))))
console.log(JSON.stringify({ pets: Array.isArray(pets), id: typeof pet.id, name: typeof pet.name }))
`

/** A test of the team's: the client's test layer, a handler for one operation, and the typed failure of another. */
const testLayerProgram = `import * as Effect from "effect/Effect"
import { Petstore } from "@acme/petstore"
const layer = Petstore.layerTest({ listPets: ({ query }) => Effect.succeed([{ id: 1, name: "Rex" }, { id: 2, name: "Tom" }].slice(0, query?.limit ?? 100)) })
const program = Effect.flatMap(Petstore, (api) => Effect.all([api.listPets({ query: { limit: 1 } }), api.showPetById({ path: { petId: "1" } }).pipe(Effect.flip)]))
const [pets, missing] = await Effect.runPromise(program.pipe(Effect.provide(layer)))
console.log(JSON.stringify({ pets, missing: missing._tag, operation: missing.operation }))
`

/** Records the client's calls as HAR, with the contract tool's recorder, into the API's fixtures folder. */
const recordProgram = `import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import { makeHarRecorder } from "@effect-openapi/contract"
import { Petstore } from "@acme/petstore"
const [url] = process.argv.slice(2)
const recorder = makeHarRecorder({ fixtureOrigin: "https://petstore.example.com" })
const layer = Petstore.layerWith({ baseUrl: url, retry: false }).pipe(Layer.provide(recorder.layer), Layer.provide(FetchHttpClient.layer))
await Effect.runPromise(Effect.flatMap(Petstore, (api) => Effect.all([api.listPets({ query: { limit: 3 } }), api.showPetById({ path: { petId: "42" } }), api.createPets({ body: { id: 3, name: "Kit" } })])).pipe(Effect.provide(layer)))
console.log(await recorder.save({ dir: "packages/petstore/fixtures/recorded", name: "petstore" }))
`

beforeAll(async () => {
  toolkit = await publishToolkit(["@effect-openapi/codegen", "@effect-openapi/mock", "@effect-openapi/release"], "end-to-end-")
  ws = path.join(toolkit.registry.dir, "acme")
  await mkdir(path.join(ws, "specs"), { recursive: true })
  await writeFile(path.join(ws, "package.json"), `${JSON.stringify({ name: "@acme/source", version: "0.0.0", private: true, workspaces: ["packages/*"], devDependencies: { nx: "23.2.1", "@nx/js": "23.2.1", typescript: "5.9.3" } }, null, 2)}\n`)
  await writeFile(path.join(ws, "nx.json"), `${JSON.stringify(nxJson, null, 2)}\n`)
  await writeFile(path.join(ws, ".gitignore"), "node_modules\ndist\n.nx\n")
  // The public spec, verbatim; the team declares that it needs no credentials (`security: []`), as the lint asks.
  const petstore = await readFile(path.join(root, "tools/package-build/test/specs/petstore.yaml"), "utf8")
  await writeFile(path.join(ws, "specs/petstore.yaml"), petstore.replace(/^paths:/m, "security: []\npaths:"))
  await copyFile(path.join(root, "tools/codegen/test/specs/redocly-museum.yaml"), path.join(ws, "specs/museum.yaml"))
  await git("init", "-q", "-b", "main")
  await git("config", "user.email", "ci@example.com")
  await git("config", "user.name", "CI")
  await npm(["install"])
  await npm(["add", "-D", "@effect-openapi/codegen", "@effect-openapi/mock", "@effect-openapi/release"])
}, 900_000)

afterAll(async () => {
  if (mock?.pid !== undefined) {
    try {
      process.kill(-mock.pid, "SIGTERM")
    } catch {
      // already gone
    }
  }
  await toolkit?.registry.stop()
})

describe("a team's API, from its spec to its release, in its own workspace", () => {
  it("nx g adds it (and a second API beside it), nx build builds it", async () => {
    await mustRun(ws, "npx", ["nx", "g", "@effect-openapi/codegen:api", "petstore", "--spec", "specs/petstore.yaml", "--no-interactive"])
    await mustRun(ws, "npx", ["nx", "g", "@effect-openapi/codegen:api", "museum", "--spec", "specs/museum.yaml", "--no-interactive"])
    await npm(["install"])
    await mustRun(ws, "npx", ["nx", "run-many", "-t", "build", "--output-style=static"])
    expect((JSON.parse(await readFile(path.join(ws, "packages/petstore/package.json"), "utf8")) as { name: string }).name).toBe("@acme/petstore")
  }, 600_000)

  it("its mock server answers, and the client calls it", async () => {
    mockUrl = await startMockBin("specs/petstore.yaml")
    expect(mockUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+/)
    await writeFile(path.join(ws, "client.mjs"), clientProgram)
    const { stdout } = await mustRun(ws, process.execPath, ["client.mjs", mockUrl])
    expect(JSON.parse(stdout)).toEqual({ pets: true, id: "number", name: "string" })
  }, 120_000)

  it("its test layer answers from a handler, and names the operation that has none", async () => {
    await writeFile(path.join(ws, "test-layer.mjs"), testLayerProgram)
    const { stdout } = await mustRun(ws, process.execPath, ["test-layer.mjs"])
    expect(JSON.parse(stdout)).toEqual({ pets: [{ id: 1, name: "Rex" }], missing: "NotImplemented", operation: "showPetById" })
  }, 60_000)

  it("records a HAR of the client's calls that openapi-contract verifies, and contract passes", async () => {
    await writeFile(path.join(ws, "record.mjs"), recordProgram)
    const { stdout } = await mustRun(ws, process.execPath, ["record.mjs", mockUrl])
    expect(stdout.trim()).toMatch(/packages\/petstore\/fixtures\/recorded\/petstore\.har$/)
    const har = JSON.parse(await readFile(path.join(ws, "packages/petstore/fixtures/recorded/petstore.har"), "utf8")) as { log: { entries: Array<{ request: { url: string } }> } }
    expect(har.log.entries.map((e) => new URL(e.request.url).origin)).toEqual(Array(3).fill("https://petstore.example.com"))
    const verified = await mustRun(ws, "npx", ["--no-install", "openapi-contract", "verify", "packages/petstore/fixtures/recorded", "--strict", "--spec", "specs/petstore.yaml"])
    expect(verified.stdout).toMatch(/3 entries in 1 files?: 3 conform, 0 violate/)
    const contract = await mustRun(ws, "npx", ["nx", "run", "petstore:contract", "--output-style=static"])
    expect(contract.stdout).toContain("openapi-contract verify")
  }, 300_000)

  it("a breaking change to the spec fails contract against main, and the release plans a major for that package alone", async () => {
    await git("add", "-A")
    await git("commit", "-qm", "petstore and museum")
    await git("tag", "petstore@0.1.0")
    await git("tag", "museum@0.1.0")
    await git("checkout", "-qb", "drop-show")
    const spec = await readFile(path.join(ws, "specs/petstore.yaml"), "utf8")
    // Drop the operation showPetById (its whole path item).
    await writeFile(path.join(ws, "specs/petstore.yaml"), spec.replace(/\n  \/pets\/\{petId\}:[\s\S]*?(?=\ncomponents:)/, ""))
    await git("commit", "-qam", "drop showPetById")
    const contract = await runIn(ws, "npx", ["nx", "run", "petstore:contract", "--output-style=static"], { ...nxEnv, CONTRACT_BASE: "main" })
    expect(contract.code).not.toBe(0)
    expect(`${contract.stdout}${contract.stderr}`).toMatch(/breaking/i)
    const museum = await runIn(ws, "npx", ["nx", "run", "museum:contract", "--output-style=static"], { ...nxEnv, CONTRACT_BASE: "main" })
    expect(museum.code).toBe(0)
    const plan = await mustRun(ws, "npx", ["--no-install", "openapi-release", "--dry-run"])
    expect(plan.stdout).toMatch(/^specs\/petstore\.yaml: major \(\d+ breaking.*since petstore@0\.1\.0 → petstore$/m)
    expect(plan.stdout).not.toMatch(/→ .*museum/)
    expect(plan.stdout).toMatch(/petstore.*1\.0\.0/)
  }, 300_000)
})
