/** The Nx generator `@deleted-users/codegen:api`, run on the real workspace through Nx's own tree (changes kept in memory). */
import { FsTree } from "nx/src/generators/tree.js"
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
    expect(pkg.nx.targets.generate.cache).toBe(true)
    expect(pkg.nx.targets.generate.inputs).toContain("{workspaceRoot}/tools/codegen/test/specs/redocly-museum.yaml")
    expect(pkg.peerDependencies.effect).toBeDefined()
    const { files } = await generateClient({ spec: path.join(root, "tools/codegen/test/specs/redocly-museum.yaml"), specLabel: "tools/codegen/test/specs/redocly-museum.yaml", name: "museum-api", regenerate: "npx nx run museum-api:generate" })
    for (const file of files) expect(tree.read(`packages/museum-api/src/generated/${file.file}`, "utf8")).toBe(file.source)
    expect(tree.read("packages/museum-api/src/generated/client.ts", "utf8")).toContain("export class MuseumApi extends Context.Tag")
    const registry = JSON.parse(tree.read("apis.json", "utf8")!)
    expect(registry.apis.at(-1)).toEqual({ name: "museum-api", spec: "tools/codegen/test/specs/redocly-museum.yaml", out: "packages/museum-api/src/generated", regenerate: "npx nx run museum-api:generate" })
  })

  it("--strict: the generate target and the apis.json entry generate with --strict", async () => {
    const tree = new FsTree(root, false)
    await apiGenerator(tree, { name: "museum-strict", spec: "tools/codegen/test/specs/redocly-museum.yaml", strict: true })
    const pkg = JSON.parse(tree.read("packages/museum-strict/package.json", "utf8")!)
    expect(pkg.nx.targets.generate.command).toMatch(/ --strict$/)
    expect(JSON.parse(tree.read("apis.json", "utf8")!).apis.at(-1)).toMatchObject({ name: "museum-strict", strict: true })
  })

  it("refuses a spec that does not exist and a project that does", async () => {
    await expect(apiGenerator(new FsTree(root, false), { name: "x", spec: "specs/none.yml" })).rejects.toThrow("specs/none.yml: no such file")
    await expect(apiGenerator(new FsTree(root, false), { name: "types", spec: "specs/zendesk/deleted-users.yml" })).rejects.toThrow("packages/types already exists")
  })
})
