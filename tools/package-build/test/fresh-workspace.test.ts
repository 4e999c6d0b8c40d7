/**
 * The generator as a product (issue 26, item 1): a team's own Nx workspace, outside this repository, installs
 * `@effect-openapi/codegen` from a real registry (Verdaccio on 127.0.0.1, holding the toolkit's packages as
 * `npm pack` makes them; everything else proxied to the npm registry), adds an API with
 * `nx g @effect-openapi/codegen:api`, and builds it; and, without Nx, `npx effect-openapi generate` writes a
 * client. Once with TypeScript 5.9 and once with TypeScript 7 (npm's `latest`, which has no compiler API):
 * openapi-typescript needs TypeScript 5, so the generator installs its own without a peer conflict.
 */
import { copyFile, mkdir, readFile, realpath, stat, writeFile } from "node:fs/promises"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { mustRun, publishToolkit, type ToolkitRegistry } from "./toolkit-registry.js"

const root = path.resolve(import.meta.dirname, "../../..")

let toolkit: ToolkitRegistry
const run = (command: string, args: ReadonlyArray<string>, cwd: string) => mustRun(cwd, command, args)
const npm = (args: ReadonlyArray<string>, cwd: string) => run("npm", [...args, "--userconfig", toolkit.registry.userconfig, "--no-audit", "--no-fund"], cwd)

beforeAll(async () => {
  toolkit = await publishToolkit(["@effect-openapi/codegen"], "fresh-workspace-")
}, 300_000)

afterAll(async () => {
  await toolkit?.registry.stop()
})

it("publishes the generator with the toolkit packages it needs and no Zendesk package", () => {
  expect(toolkit.published).toContain("@effect-openapi/codegen")
  expect(toolkit.published).toEqual(expect.arrayContaining(["@effect-openapi/runtime", "@effect-openapi/contract", "@effect-openapi/package-build", "@effect-openapi/lint", "@effect-openapi/json-pointer"]))
  expect(toolkit.published.filter((name) => !name.startsWith("@effect-openapi/"))).toEqual([])
})

// TypeScript 7's workspace has an nx.json without `production` (the generator falls back to `default`); 5.9's has Nx's preset one.
describe.each([
  { typescript: "5.9.3", nxJson: { namedInputs: { default: ["{projectRoot}/**/*", "sharedGlobals"], production: ["default"], sharedGlobals: [] } }, tsconfigBase: true },
  { typescript: "7.0.2", nxJson: {}, tsconfigBase: false }
])("a fresh Nx workspace on TypeScript $typescript", ({ typescript, nxJson, tsconfigBase }) => {
  let ws: string
  let install: { stdout: string; stderr: string }

  beforeAll(async () => {
    ws = path.join(toolkit.registry.dir, `acme-ts${typescript.split(".")[0]}`)
    await mkdir(path.join(ws, "specs"), { recursive: true })
    await writeFile(path.join(ws, "package.json"), `${JSON.stringify({ name: "@acme/source", version: "0.0.0", private: true, workspaces: ["packages/*"], devDependencies: { nx: "23.2.1", typescript } }, null, 2)}\n`)
    await writeFile(path.join(ws, "nx.json"), `${JSON.stringify({ $schema: "./node_modules/nx/schemas/nx-schema.json", ...nxJson }, null, 2)}\n`)
    if (tsconfigBase) await writeFile(path.join(ws, "tsconfig.base.json"), `${JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, declaration: true, skipLibCheck: true, lib: ["ES2022", "DOM"] } }, null, 2)}\n`)
    await writeFile(path.join(ws, ".gitignore"), "node_modules\ndist\n.nx\n")
    await copyFile(path.join(root, "tools/codegen/test/specs/redocly-museum.yaml"), path.join(ws, "specs/museum.yaml"))
    await run("git", ["init", "-q", "-b", "main"], ws)
    await npm(["install"], ws)
    install = await npm(["add", "-D", "@effect-openapi/codegen"], ws)
  }, 600_000)

  it("installs the generator with no peer conflict, keeping its own TypeScript 5 beside the workspace's", async () => {
    expect(install.stderr).not.toMatch(/ERESOLVE|peer dep|Conflicting peer/i)
    const rootTs = JSON.parse(await readFile(path.join(ws, "node_modules/typescript/package.json"), "utf8")) as { version: string }
    expect(rootTs.version).toBe(typescript)
    const generator = await realpath(path.join(ws, "node_modules/@effect-openapi/codegen"))
    const { stdout } = await run(process.execPath, ["-p", "require(require.resolve('typescript/package.json', { paths: [process.argv[1]] })).version", generator], ws)
    expect(stdout.trim()).toMatch(/^5\.9\./)
  })

  it("nx g @effect-openapi/codegen:api adds the API under the workspace's scope, and nx build builds it as ESM and CommonJS", async () => {
    await run("npx", ["nx", "g", "@effect-openapi/codegen:api", "museum", "--spec", "specs/museum.yaml", "--no-interactive"], ws)
    const manifest = JSON.parse(await readFile(path.join(ws, "packages/museum/package.json"), "utf8")) as { name: string; dependencies: Record<string, string>; devDependencies: Record<string, string>; nx: { targets: { generate: { command: string } } } }
    expect(manifest.name).toBe("@acme/museum")
    expect(Object.keys(manifest.dependencies)).toContain("@effect-openapi/runtime")
    expect(manifest.nx.targets.generate.command).toMatch(/^node node_modules\/@effect-openapi\/codegen\/dist\/effect-openapi\.js generate /)
    await npm(["install"], ws)
    await run("npx", ["nx", "build", "museum", "--output-style=static"], ws)
    for (const file of ["dist/index.js", "dist/index.d.ts", "dist/cjs/index.js", "dist/cjs/index.d.ts", "src/generated/client.ts"]) {
      expect((await stat(path.join(ws, "packages/museum", file))).isFile(), file).toBe(true)
    }
    // The built client loads from ESM and from CommonJS, by its package name.
    const shape = "typeof m.Museum + ' ' + typeof m.Museum.layer + ' ' + Object.keys(m).sort().join(',')"
    const esm = await run(process.execPath, ["--input-type=module", "-e", `const m = await import('@acme/museum'); console.log(${shape})`], ws)
    const cjs = await run(process.execPath, ["-e", `const m = require('@acme/museum'); console.log(${shape})`], ws)
    expect(esm.stdout).toMatch(/^function (function|object) .*\bMuseum\b/)
    expect(cjs.stdout).toBe(esm.stdout)
  }, 600_000)

  it("nx g --scope names the package in another scope", async () => {
    await run("npx", ["nx", "g", "@effect-openapi/codegen:api", "museum2", "--spec", "specs/museum.yaml", "--scope", "@other", "--dry-run", "--no-interactive"], ws)
      .then(({ stdout }) => expect(stdout).toContain("packages/museum2/package.json"))
    await run("npx", ["nx", "g", "@effect-openapi/codegen:api", "museum2", "--spec", "specs/museum.yaml", "--scope", "other", "--no-interactive"], ws)
    expect((JSON.parse(await readFile(path.join(ws, "packages/museum2/package.json"), "utf8")) as { name: string }).name).toBe("@other/museum2")
  }, 300_000)

  it("without Nx, npx effect-openapi generate writes a client", async () => {
    await run("npx", ["--no-install", "effect-openapi", "generate", "--spec", "specs/museum.yaml", "--name", "museum", "--out", "plain/generated"], ws)
    const client = await readFile(path.join(ws, "plain/generated/client.ts"), "utf8")
    expect(client).toContain("@effect-openapi/runtime")
  }, 300_000)
})
