/**
 * Issue 24 item 4, the exact sequence a user runs: `nx g @effect-openapi/codegen:api` on a JSON spec (and
 * on a YAML spec with an OpenAPI Overlay), `nx run NAME:build`, the same build again (served from the
 * warm cache), an operation added to the spec (and the overlay changed), then `nx run NAME:build` once:
 * the built package has the new method. Run by the real Nx in a temporary copy of the workspace (its
 * root files and the codegen project; node_modules linked), so this workspace is left as it is.
 */
import { execFile } from "node:child_process"
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const root = path.resolve(import.meta.dirname, "../../..")
const nxBin = path.join(root, "node_modules/nx/dist/bin/nx.js")
let ws = ""

const nx = async (...args: ReadonlyArray<string>): Promise<string> => {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [nxBin, ...args], {
    cwd: ws,
    env: { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true", NX_TUI: "false", CI: "true" },
    maxBuffer: 64 * 1024 * 1024
  }).catch((error: { message: string; stdout: string }) => {
    throw new Error(`nx ${args.join(" ")} failed:\n${error.stdout.slice(-4000)}\n${error.message}`)
  })
  return stdout + stderr
}
const build = (name: string) => nx("run", `${name}:build`, "--output-style=static")
const built = (name: string) => readFile(path.join(ws, "packages", name, "dist/generated/client.js"), "utf8")

const pets = {
  openapi: "3.0.3",
  info: { title: "Pets", version: "1.0.0" },
  servers: [{ url: "https://pets.example.com" }],
  paths: {
    "/pets": {
      get: {
        operationId: "listPets",
        parameters: [{ name: "page", in: "query", schema: { type: "integer" } }],
        responses: { "200": { description: "The pets", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Pet" } } } } } }
      }
    }
  },
  components: { schemas: { Pet: { type: "object", required: ["id"], properties: { id: { type: "integer" }, name: { type: "string" } } } } }
}
const createPet = {
  post: {
    operationId: "createPet",
    requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
    responses: { "201": { description: "Created", content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } } }
  }
}
const overlay = (extra = "") => `overlay: 1.0.0
info: { title: pets annotated, version: "1" }
actions:
  - target: $.paths['/pets'].get
    update: { x-pagination: { style: link-header, items: "" } }
${extra}`

beforeAll(async () => {
  ws = await mkdtemp(path.join(os.tmpdir(), "nx-rebuild-"))
  for (const file of ["package.json", "package-lock.json", "nx.json", "tsconfig.base.json", "apis.json"]) await cp(path.join(root, file), path.join(ws, file))
  await mkdir(path.join(ws, "tools"), { recursive: true })
  await cp(path.join(root, "tools/codegen"), path.join(ws, "tools/codegen"), { recursive: true, filter: (src) => !/[/\\](node_modules|test)$/.test(src) })
  await symlink(path.join(root, "node_modules"), path.join(ws, "node_modules"), "dir")
  // The generator reads the runtime's version and peer dependencies; the runtime itself is built here
  // already (node_modules links to it), so Nx does not see it as a project of the copy.
  await mkdir(path.join(ws, "packages/openapi-runtime"), { recursive: true })
  await cp(path.join(root, "packages/openapi-runtime/package.json"), path.join(ws, "packages/openapi-runtime/package.json"))
  await writeFile(path.join(ws, ".nxignore"), "packages/openapi-runtime\n")
  await mkdir(path.join(ws, "specs"), { recursive: true })
  await writeFile(path.join(ws, "specs/pets.json"), JSON.stringify(pets, null, 2))
  await writeFile(path.join(ws, "specs/pets.yaml"), `# Pets, as YAML\n${JSON.stringify(pets, null, 2)}\n`)
  await writeFile(path.join(ws, "specs/pets.overlay.yaml"), overlay())
}, 120_000)
afterAll(() => (ws === "" ? undefined : rm(ws, { recursive: true, force: true })))

describe("a spec change reaches the built package with one nx run NAME:build, cache warm", () => {
  it("JSON spec: nx g, build, build again from the cache, an operation added, one build: the new method is built", { timeout: 600_000 }, async () => {
    await nx("g", "@effect-openapi/codegen:api", "pets-json", "--spec", "specs/pets.json", "--no-interactive")
    const pkg = JSON.parse(await readFile(path.join(ws, "packages/pets-json/package.json"), "utf8"))
    expect(pkg.nx.targets.build.inputs).toContain("{workspaceRoot}/specs/pets.json")
    await build("pets-json")
    expect(await built("pets-json")).toContain("listPets")
    // ESM and, through dual-build, CommonJS with its own types.
    expect(await readFile(path.join(ws, "packages/pets-json/dist/cjs/generated/client.js"), "utf8")).toContain("listPets")
    expect(await readFile(path.join(ws, "packages/pets-json/dist/cjs/package.json"), "utf8")).toContain('"commonjs"')
    await readFile(path.join(ws, "packages/pets-json/dist/cjs/index.d.ts"), "utf8")
    expect(await built("pets-json")).not.toContain("createPet")
    expect(await build("pets-json")).toMatch(/local cache|existing outputs match the cache/)
    await writeFile(path.join(ws, "specs/pets.json"), JSON.stringify({ ...pets, paths: { ...pets.paths, "/pets/new": createPet } }, null, 2))
    const output = await build("pets-json")
    expect(output).not.toMatch(/nx run pets-json:build\s+\[(local|remote) cache\]/)
    expect(await built("pets-json")).toContain("createPet")
  })

  it("YAML spec with an overlay: the same, then an overlay change alone reaches the built package with one build", { timeout: 600_000 }, async () => {
    await nx("g", "@effect-openapi/codegen:api", "pets-yaml", "--spec", "specs/pets.yaml", "--overlay", "specs/pets.overlay.yaml", "--no-interactive")
    const pkg = JSON.parse(await readFile(path.join(ws, "packages/pets-yaml/package.json"), "utf8"))
    expect(pkg.nx.targets.generate.command).toContain(" --overlay specs/pets.overlay.yaml")
    expect(pkg.nx.targets.generate.inputs).toContain("{workspaceRoot}/specs/pets.overlay.yaml")
    expect(pkg.nx.targets.build.inputs).toEqual(expect.arrayContaining(["{workspaceRoot}/specs/pets.yaml", "{workspaceRoot}/specs/pets.overlay.yaml"]))
    expect(JSON.parse(await readFile(path.join(ws, "apis.json"), "utf8")).apis.at(-1)).toMatchObject({ name: "pets-yaml", spec: "specs/pets.yaml", overlay: ["specs/pets.overlay.yaml"] })
    await build("pets-yaml")
    expect(await built("pets-yaml")).toContain("listPetsStream")
    expect(await build("pets-yaml")).toMatch(/local cache|existing outputs match the cache/)
    await writeFile(path.join(ws, "specs/pets.yaml"), `# Pets, as YAML\n${JSON.stringify({ ...pets, paths: { ...pets.paths, "/pets/new": createPet } }, null, 2)}\n`)
    await build("pets-yaml")
    expect(await built("pets-yaml")).toContain("createPet")
    expect(await built("pets-yaml")).not.toContain("addPet")
    // The overlay alone changes: it renames the new operation.
    await writeFile(path.join(ws, "specs/pets.overlay.yaml"), overlay(`  - target: $.paths['/pets/new'].post\n    update: { operationId: addPet }\n`))
    await build("pets-yaml")
    expect(await built("pets-yaml")).toContain("addPet")
    expect(await built("pets-yaml")).not.toContain("createPet")
  })
})

describe("the contract target nx g adds, run by the real Nx", () => {
  it("passes on the spec, then fails on a $ref that resolves to nothing", { timeout: 600_000 }, async () => {
    // Clean for the linter (Redocly's recommended rules want a summary and security on every operation).
    const clean = { ...pets, security: [], paths: { "/pets": { get: { ...pets.paths["/pets"].get, summary: "List the pets" } } } }
    await writeFile(path.join(ws, "specs/pets-contract.json"), JSON.stringify(clean, null, 2))
    await nx("g", "@effect-openapi/codegen:api", "pets-contract", "--spec", "specs/pets-contract.json", "--no-interactive")
    const run = () => nx("run", "pets-contract:contract", "--output-style=static")
    const passed = await run()
    expect(passed).toContain("specs/pets-contract.json: 0 errors")
    expect(passed).toContain("note: no recorded traffic")
    const broken = { ...clean, paths: { "/pets": { get: { ...clean.paths["/pets"].get, responses: { "200": { description: "The pets", content: { "application/json": { schema: { $ref: "#/components/schemas/Missing" } } } } } } } } }
    await writeFile(path.join(ws, "specs/pets-contract.json"), JSON.stringify(broken, null, 2))
    // The spec is an input: a changed spec is never answered from the cache.
    const failure = await run().then(() => "passed", (e: Error) => e.message)
    expect(failure).toMatch(/^nx run pets-contract:contract --output-style=static failed/)
    expect(failure).toContain("#/components/schemas/Missing")
    expect(failure).toMatch(/specs\/pets-contract\.json: [1-9]\d* errors/)
  })
})
