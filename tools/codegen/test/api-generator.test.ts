/** The Nx generator `@deleted-users/codegen:api`, run on the real workspace through Nx's own tree (changes kept in memory). */
import { FsTree } from "nx/src/generators/tree.js"
import { readFile } from "node:fs/promises"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { generateClient } from "../src/client/generate.js"
import apiGenerator from "../src/generators/api.js"

const root = path.resolve(import.meta.dirname, "../../..")

describe("npx nx g @deleted-users/codegen:api", () => {
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
    expect(pkg.dependencies["@deleted-users/openapi-runtime"]).toBeDefined()
    expect(pkg.dependencies["@deleted-users/openapi-runtime-effect3"]).toBeUndefined()
    const { files } = await generateClient({ spec: path.join(root, "tools/codegen/test/specs/redocly-museum.yaml"), specLabel: "tools/codegen/test/specs/redocly-museum.yaml", name: "museum-api", regenerate: "npx nx run museum-api:generate" })
    for (const file of files) expect(tree.read(`packages/museum-api/src/generated/${file.file}`, "utf8")).toBe(file.source)
    const client = tree.read("packages/museum-api/src/generated/client.ts", "utf8")!
    expect(client).toContain("export class MuseumApi extends Context.Service<MuseumApi, MuseumApiApi>()(")
    expect(client).toContain('import * as HttpClient from "effect/http/HttpClient"')
    expect(client).toContain('import * as R from "@deleted-users/openapi-runtime"\n')
    expect(client).not.toContain("@effect/platform")
    const registry = JSON.parse(tree.read("apis.json", "utf8")!)
    expect(registry.apis.at(-1)).toEqual({ name: "museum-api", spec: "tools/codegen/test/specs/redocly-museum.yaml", out: "packages/museum-api/src/generated", regenerate: "npx nx run museum-api:generate", effect: 4 })
  })

  it("--effect 3: the Effect 3 client over @deleted-users/openapi-runtime-effect3, with effect 3 and @effect/platform as peer dependencies", async () => {
    const tree = new FsTree(root, false)
    await apiGenerator(tree, { name: "museum-api", spec: "tools/codegen/test/specs/redocly-museum.yaml", effect: 3 })
    const pkg = JSON.parse(tree.read("packages/museum-api/package.json", "utf8")!)
    expect(pkg.peerDependencies).toEqual({ effect: "^3.22.2", "@effect/platform": "^0.97.0" })
    expect(pkg.dependencies["@deleted-users/openapi-runtime-effect3"]).toBeDefined()
    expect(pkg.dependencies["@deleted-users/openapi-runtime"]).toBeUndefined()
    expect(pkg.nx.targets.generate.command).toContain("--out packages/museum-api/src/generated --effect 3 ")
    expect(pkg.nx.targets.generate.inputs).toContain("{workspaceRoot}/packages/openapi-runtime-effect3/src/**/*.ts")
    const { files } = await generateClient({ spec: path.join(root, "tools/codegen/test/specs/redocly-museum.yaml"), specLabel: "tools/codegen/test/specs/redocly-museum.yaml", name: "museum-api", regenerate: "npx nx run museum-api:generate", effect: 3 })
    for (const file of files) expect(tree.read(`packages/museum-api/src/generated/${file.file}`, "utf8")).toBe(file.source)
    const client = tree.read("packages/museum-api/src/generated/client.ts", "utf8")!
    expect(client).toContain('export class MuseumApi extends Context.Tag("effect-openapi/museum-api")<MuseumApi, MuseumApiApi>()')
    expect(client).toContain('import * as HttpClient from "@effect/platform/HttpClient"')
    expect(client).toContain('import * as R from "@deleted-users/openapi-runtime-effect3"')
    expect(client).toContain('import { defaultTransport } from "@deleted-users/openapi-runtime-effect3/default-transport"')
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

  it("refuses a spec that does not exist and a project that does", async () => {
    await expect(apiGenerator(new FsTree(root, false), { name: "x", spec: "specs/none.yml" })).rejects.toThrow("specs/none.yml: no such file")
    await expect(apiGenerator(new FsTree(root, false), { name: "types", spec: "specs/zendesk/deleted-users.yml" })).rejects.toThrow("packages/types already exists")
  })
})
