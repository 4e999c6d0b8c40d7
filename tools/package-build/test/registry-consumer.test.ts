/**
 * A consuming team, as close to real as this machine allows: the packed packages published to a real
 * npm registry (Verdaccio on 127.0.0.1, storage in a temp folder, everything else proxied to the
 * npm registry), installed into a fresh project beside effect 4 (no @effect/platform: Effect 4 carries
 * HTTP itself), type-checked strictly, and run from ESM and from CommonJS against the simulator. And a
 * package as `nx g @effect-openapi/codegen:api` adds it, built and published beside its runtime, called
 * through the mock server (@effect-openapi/mock) from ESM and CommonJS.
 */
import { startMock, type RunningMock } from "@effect-openapi/mock"
import { start, type RunningSimulator } from "@deleted-users/simulator"
import { execFile } from "node:child_process"
import { copyFile, mkdir, readdir, stat, writeFile } from "node:fs/promises"
import * as path from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { generatedPackage } from "./generated-package.js"
import { startRegistry, type Registry } from "./verdaccio.js"

const root = path.resolve(import.meta.dirname, "../../..")
const exec = promisify(execFile)
const published = ["packages/json-pointer", "packages/openapi-runtime-core", "packages/types", "packages/openapi-runtime", "packages/effect-client", "packages/openapi-lint", "packages/contract-tests"]
/** The effect range the packages declare is ^4.1.5: the version a consumer installs, from the npm registry through Verdaccio's uplink. */
const effectVersions = ["4.1.5"]

let dir: string
let registry: Registry
let userconfig: string
let sim: RunningSimulator

const npm = (args: ReadonlyArray<string>, cwd: string) => exec("npm", [...args, "--userconfig", userconfig, "--no-audit", "--no-fund"], { cwd, maxBuffer: 32 * 2 ** 20 })

beforeAll(async () => {
  registry = await startRegistry({ proxy: true, prefix: "registry-consumer-" })
  dir = registry.dir
  userconfig = registry.userconfig
  for (const pkg of published) {
    const { stdout } = await exec("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: path.join(root, pkg) })
    const [packed] = JSON.parse(stdout) as Array<{ filename: string }>
    await npm(["publish", path.join(dir, packed!.filename)], dir)
  }
  sim = await start({ users: 20, seed: 9 })
}, 240_000)

afterAll(async () => {
  await sim?.close()
  await registry?.stop()
})

const program = (kind: "esm" | "cjs") => `${kind === "esm" ? `import { Auth, DeletedUsers, ZendeskConfig } from "@deleted-users/effect-client"
import { Effect, Layer } from "effect"` : `const { Auth, DeletedUsers, ZendeskConfig } = require("@deleted-users/effect-client")
const { Effect, Layer } = require("effect")`}
const [url, id] = process.argv.slice(2)
const layer = DeletedUsers.layer.pipe(Layer.provide(ZendeskConfig.layer({ baseUrl: url }, Auth.apiToken("admin@example.com", "sim-api-token"))))
Effect.runPromise(Effect.flatMap(DeletedUsers, (api) => api.show(Number(id))).pipe(Effect.provide(layer))).then((user) => console.log(user.id))
`

const typed = `import { Auth, DeletedUsers, ZendeskConfig, type ZendeskError } from "@deleted-users/effect-client"
import type * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

const layer = DeletedUsers.layer.pipe(Layer.provide(ZendeskConfig.layer({ subdomain: "acme" }, Auth.oauth("token"))))
export const name: Effect.Effect<string, Exclude<ZendeskError, { _tag: "NotFound" }> | Config.ConfigError> = Effect.flatMap(DeletedUsers, (api) => api.show(1)).pipe(
  Effect.map((user) => user.name),
  Effect.catchTag("NotFound", (e) => Effect.succeed(e.requestId ?? "gone")),
  Effect.provide(layer)
)
`

describe.each(effectVersions)("a consumer on effect %s, installed from a real registry", (effect) => {
  let consumer: string
  beforeAll(async () => {
    consumer = path.join(dir, `consumer-${effect}`)
    await exec("mkdir", ["-p", consumer])
    await writeFile(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module", dependencies: { "@deleted-users/effect-client": "^0.1.0", effect } }))
    await writeFile(path.join(consumer, "tsconfig.json"), JSON.stringify({ extends: path.join(root, "tsconfig.base.json"), compilerOptions: { noEmit: true, typeRoots: [path.join(root, "node_modules/@types")], types: ["node"] }, include: ["typed.ts"] }))
    await writeFile(path.join(consumer, "typed.ts"), typed)
    await writeFile(path.join(consumer, "program.mjs"), program("esm"))
    await writeFile(path.join(consumer, "program.cjs"), program("cjs"))
    await npm(["install"], consumer)
  }, 240_000)

  it("installs exactly one copy of effect, the consumer's", async () => {
    const { stdout } = await npm(["ls", "effect", "--all", "--parseable"], consumer)
    expect(stdout.trim().split("\n")).toEqual([path.join(consumer, "node_modules/effect")])
    expect((await readdir(path.join(consumer, "node_modules/@deleted-users"))).sort()).toEqual(["effect-client", "types"])
    expect((await readdir(path.join(consumer, "node_modules/@effect-openapi"))).sort()).toEqual(["json-pointer", "runtime", "runtime-core"])
  })

  it("type-checks a strict program with zero errors", async () => {
    await expect(exec(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", consumer])).resolves.toBeDefined()
  }, 60_000)

  it.each(["program.mjs", "program.cjs"])("runs %s against the simulator, with no warning", async (file) => {
    const id = sim.state.idsWhere("soft-deleted")[0]!
    const { stdout, stderr } = await exec(process.execPath, [file, sim.url, String(id)], { cwd: consumer })
    expect(stdout.trim()).toBe(String(id))
    expect(stderr).toBe("")
  })
})

/**
 * The contract tool's library, from ESM or CommonJS: verify a HAR file, then replay its first entry
 * through the client, with the replay the client package carries (`alias`: the contract tool's
 * deprecated `replayEntry`, which loads it).
 */
const contractProgram = (kind: "esm" | "cjs", alias = false) => {
  const replayFrom = alias ? "@effect-openapi/contract" : "@deleted-users/effect-client/replay"
  return `${kind === "esm" ? `import { loadSpec, readHar, verify } from "@effect-openapi/contract"
import { replayEntry } from "${replayFrom}"
import * as Effect from "effect/Effect"` : `const { loadSpec, readHar, verify } = require("@effect-openapi/contract")
const { replayEntry } = require("${replayFrom}")
const Effect = require("effect/Effect")`}
const report = verify("traffic", { spec: "openapi.yml", strict: true })
const entry = readHar("traffic/show.har").log.entries[0]
Effect.runPromise(replayEntry(loadSpec("openapi.yml"), entry)).then((outcome) => console.log(report.summary.entries, report.summary.failed, outcome._tag, outcome.operationId))
`
}

describe("a team installing @effect-openapi/contract from a real registry", () => {
  let consumer: string
  const contract = (args: ReadonlyArray<string>, cwd = consumer) =>
    exec("npx", ["--no-install", "openapi-contract", ...args], { cwd }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr })
    )

  beforeAll(async () => {
    consumer = path.join(dir, "contract-consumer")
    await mkdir(path.join(consumer, "traffic"), { recursive: true })
    // The contract tool does not depend on the Zendesk client: the team installs it for its replay.
    await writeFile(path.join(consumer, "package.json"), JSON.stringify({ name: "contract-consumer", private: true, type: "module", devDependencies: { "@effect-openapi/contract": "^0.1.0", "@deleted-users/effect-client": "^0.1.0", effect: effectVersions[0] } }))
    await copyFile(path.join(root, "specs/zendesk/deleted-users.yml"), path.join(consumer, "openapi.yml"))
    await copyFile(path.join(root, "specs/zendesk/deleted-users.original.yml"), path.join(consumer, "broken.yml"))
    for (const har of ["show.har", "count.har"]) await copyFile(path.join(root, "packages/contract-tests/fixtures/recorded", har), path.join(consumer, "traffic", har))
    await writeFile(path.join(consumer, "program.mjs"), contractProgram("esm"))
    await writeFile(path.join(consumer, "program.cjs"), contractProgram("cjs"))
    await writeFile(path.join(consumer, "alias.mjs"), contractProgram("esm", true))
    await writeFile(path.join(consumer, "alias.cjs"), contractProgram("cjs", true))
    // The install fails (E404) if any dependency is a package the registry does not have.
    await npm(["install"], consumer)
  }, 240_000)

  it("installs without the private packages, with one copy of effect and no fixtures", async () => {
    expect((await readdir(path.join(consumer, "node_modules/@deleted-users"))).sort()).toEqual(["effect-client", "types"])
    expect((await readdir(path.join(consumer, "node_modules/@effect-openapi"))).sort()).toEqual(["contract", "json-pointer", "runtime", "runtime-core"])
    const { stdout } = await npm(["ls", "effect", "--all", "--parseable"], consumer)
    expect(stdout.trim().split("\n")).toEqual([path.join(consumer, "node_modules/effect")])
    await expect(stat(path.join(consumer, "node_modules/@effect-openapi/contract/fixtures"))).rejects.toMatchObject({ code: "ENOENT" })
    // Only the consumer asked for the Zendesk client: the generic contract tool does not depend on it.
    const { stdout: why } = await npm(["explain", "@deleted-users/effect-client", "--json"], consumer)
    expect((JSON.parse(why) as Array<{ dependents: Array<{ from: { location: string } }> }>).flatMap((n) => n.dependents.map((d) => d.from.location))).toEqual([consumer])
  })

  it("lint --spec and verify --spec run through npx --no-install: 0 when they pass, 1 on findings", async () => {
    const [lintGood, lintBroken, verified] = await Promise.all([
      contract(["lint", "--spec", "openapi.yml"]),
      contract(["lint", "--spec", "broken.yml"]),
      contract(["verify", "traffic", "--strict", "--spec", "openapi.yml"])
    ])
    expect(lintGood).toMatchObject({ code: 0, stderr: expect.stringContaining("openapi.yml: 0 errors, 0 warnings") })
    expect(lintBroken.code).toBe(1)
    expect(lintBroken.stdout).toContain("Can't resolve $ref #/components/schemas/DeletedUserObject")
    expect(verified.code).toBe(0)
    expect(verified.stdout).toMatch(/\d+ entries in 2 files: \d+ conform, 0 violate/)
  }, 60_000)

  it("without --spec, reads the spec from openapi-contract.config.json above the working folder; with neither, exit 2", async () => {
    const before = await contract(["verify", "traffic"])
    expect(before.code).toBe(2)
    expect(before.stderr).toContain("error: no spec")
    await writeFile(path.join(consumer, "openapi-contract.config.json"), JSON.stringify({ spec: "openapi.yml" }))
    const after = await contract(["verify", "."], path.join(consumer, "traffic"))
    expect(after.code).toBe(0)
    expect(after.stdout).toMatch(/entries in 2 files: \d+ conform, 0 violate/)
  }, 60_000)

  it.each(["program.mjs", "program.cjs"])("the library runs from %s with no warning", async (file) => {
    const { stdout, stderr } = await exec(process.execPath, [file], { cwd: consumer })
    expect(stdout.trim()).toMatch(/^\d+ 0 Success ShowDeletedUser$/)
    expect(stderr).toBe("")
  })

  it.each(["alias.mjs", "alias.cjs"])("the deprecated replayEntry of the contract tool still runs from %s, with a deprecation warning", async (file) => {
    const { stdout, stderr } = await exec(process.execPath, [file], { cwd: consumer })
    expect(stdout.trim()).toMatch(/^\d+ 0 Success ShowDeletedUser$/)
    expect(stderr).toContain("[DELETED_USERS_REPLAY_ENTRY] DeprecationWarning: replayEntry from @effect-openapi/contract is deprecated: import it from @deleted-users/effect-client/replay")
  })
})

/** A generated client from ESM or CommonJS: the museum's opening hours, from the mock server, over basic auth. */
const museumProgram = (kind: "esm" | "cjs") => `${kind === "esm" ? `import { MuseumApi } from "@effect-openapi/museum-api"
import * as Effect from "effect/Effect"` : `const { MuseumApi } = require("@effect-openapi/museum-api")
const Effect = require("effect/Effect")`}
const [url] = process.argv.slice(2)
const layer = MuseumApi.layer({ baseUrl: url, auth: { MuseumPlaceholderAuth: { username: "visitor", password: "secret" } } })
Effect.runPromise(Effect.flatMap(MuseumApi, (api) => api.getMuseumHours({ query: { limit: 2 } })).pipe(Effect.provide(layer))).then((hours) => console.log(hours.length, hours[0].date))
`

const museumTyped = `import { MuseumApi, type GetMuseumHoursError } from "@effect-openapi/museum-api"
import * as Effect from "effect/Effect"

export const dates: Effect.Effect<ReadonlyArray<string>, GetMuseumHoursError> = Effect.flatMap(MuseumApi, (api) => api.getMuseumHours()).pipe(
  Effect.map((hours) => hours.map((h) => h.date)),
  Effect.provide(MuseumApi.layer({ baseUrl: "http://127.0.0.1:1" }))
)
`

describe("a package generated by nx g @effect-openapi/codegen:api, published with its runtime and installed beside effect", () => {
  let consumer: string
  let mock: RunningMock
  const spec = "tools/codegen/test/specs/redocly-museum.yaml"

  beforeAll(async () => {
    const pkgDir = await generatedPackage({ name: "museum-api", spec, folder: "registry-consumer" })
    const { stdout } = await exec("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: pkgDir })
    await npm(["publish", path.join(dir, (JSON.parse(stdout) as Array<{ filename: string }>)[0]!.filename)], dir)
    consumer = path.join(dir, "museum-consumer")
    await mkdir(consumer, { recursive: true })
    await writeFile(path.join(consumer, "package.json"), JSON.stringify({ name: "museum-consumer", private: true, type: "module", dependencies: { "@effect-openapi/museum-api": "^0.1.0", effect: effectVersions[0] } }))
    await writeFile(path.join(consumer, "tsconfig.json"), JSON.stringify({ extends: path.join(root, "tsconfig.base.json"), compilerOptions: { noEmit: true, typeRoots: [path.join(root, "node_modules/@types")], types: ["node"] }, include: ["typed.ts"] }))
    await writeFile(path.join(consumer, "typed.ts"), museumTyped)
    await writeFile(path.join(consumer, "program.mjs"), museumProgram("esm"))
    await writeFile(path.join(consumer, "program.cjs"), museumProgram("cjs"))
    await npm(["install"], consumer)
    mock = await startMock({ spec: path.join(root, spec), port: 0 })
  }, 300_000)

  afterAll(async () => {
    await mock?.close()
  })

  it("installs the client and its runtime from the registry, with exactly one copy of effect, the consumer's", async () => {
    const { stdout } = await npm(["ls", "effect", "--all", "--parseable"], consumer)
    expect(stdout.trim().split("\n")).toEqual([path.join(consumer, "node_modules/effect")])
    expect((await readdir(path.join(consumer, "node_modules/@effect-openapi"))).sort()).toEqual(["json-pointer", "museum-api", "runtime", "runtime-core"])
  })

  it("type-checks a strict program with zero errors", async () => {
    await expect(exec(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", consumer])).resolves.toBeDefined()
  }, 60_000)

  it.each(["program.mjs", "program.cjs"])("runs %s against the mock server, with no warning", async (file) => {
    const { stdout, stderr } = await exec(process.execPath, [file, mock.url], { cwd: consumer })
    expect(stdout.trim()).toMatch(/^\d+ \d{4}-\d{2}-\d{2}$/)
    expect(stderr).toBe("")
  })
})
