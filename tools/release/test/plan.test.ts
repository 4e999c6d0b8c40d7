/**
 * The pieces of a release plan that need no git history: which specs each released package is
 * generated from (read from this workspace's real project graph), and which ranges admit a version.
 */
import { createProjectGraphAsync } from "@nx/devkit"
import { describe, expect, it } from "vitest"
import { FsTree } from "nx/src/generators/tree.js"
import apiGenerator from "../../codegen/src/generators/api.js"
import { admits, readReleaseConfig, ReleaseInputError, releaseProjectNames, specsOf, type GraphLike } from "../src/index.js"

const root = new URL("../../..", import.meta.url).pathname.replace(/\/$/, "")

describe("the specs a package is generated from", () => {
  it("are read from the generate target's inputs: types and effect-client from the Zendesk spec, the others from none", async () => {
    const graph = await createProjectGraphAsync({ exitOnError: false })
    const config = readReleaseConfig(root)
    expect(Object.fromEntries(releaseProjectNames(graph, config).map((p) => [p, specsOf(graph, p)]))).toEqual({
      "json-pointer": [],
      types: ["specs/zendesk/deleted-users.yml"],
      "openapi-runtime": [],
      "openapi-runtime-effect3": [],
      "effect-client": ["specs/zendesk/deleted-users.yml"],
      cli: [],
      "openapi-lint": [],
      "contract-tests": [],
      "openapi-mock": []
    })
    expect(config.releaseTagPattern).toBe("{projectName}@{version}")
  }, 60_000)

  it("ignore globs, named inputs and non-spec files", () => {
    const graph = { nodes: { p: { data: { root: "p", targets: { generate: { inputs: ["spec", "{workspaceRoot}/specs/**/*.yml", "{workspaceRoot}/tools/x.ts", "{projectRoot}/a.yml", { externalDependencies: ["x"] }, "{workspaceRoot}/api/b.json"] } } } } } }
    expect(specsOf(graph, "p")).toEqual(["api/b.json"])
    expect(specsOf(graph, "missing")).toEqual([])
  })
})

describe("a project added by nx g @deleted-users/codegen:api", () => {
  it("joins the release group through nx.json's tag:api pattern (no list edit), its bump read from its own spec", async () => {
    const tree = new FsTree(root, false)
    await apiGenerator(tree, { name: "museum-api", spec: "tools/codegen/test/specs/redocly-museum.yaml" })
    const pkg = JSON.parse(tree.read("packages/museum-api/package.json", "utf8")!) as { nx: { tags: Array<string>; targets: Record<string, { inputs?: Array<unknown> }> } }
    const config = readReleaseConfig(root)
    const graph: GraphLike = {
      nodes: {
        types: { data: { root: "packages/types", tags: [] } },
        "api-docs": { data: { root: "tools/api-docs", tags: [] } },
        "museum-api": { data: { root: "packages/museum-api", tags: pkg.nx.tags, targets: pkg.nx.targets } }
      }
    }
    expect(releaseProjectNames(graph, { ...config, projects: config.projects.filter((p) => p === "types" || !/^[a-z0-9-]+$/.test(p)) })).toEqual(["types", "museum-api"])
    expect(specsOf(graph, "museum-api")).toEqual(["tools/codegen/test/specs/redocly-museum.yaml"])
    // Untagged, it is not released: the pattern is what puts it in.
    const untagged: GraphLike = { nodes: { ...graph.nodes, "museum-api": { data: { ...graph.nodes["museum-api"]!.data, tags: [] } } } }
    expect(releaseProjectNames(untagged, { ...config, projects: ["types", "tag:api"] })).toEqual(["types"])
  })

  it("a plain name in release.projects that is no project is an error; a pattern that matches none is not", () => {
    const graph: GraphLike = { nodes: { types: { data: { root: "packages/types" } } } }
    expect(() => releaseProjectNames(graph, { projects: ["types", "typo"], releaseTagPattern: "{projectName}@{version}" })).toThrow(ReleaseInputError)
    expect(releaseProjectNames(graph, { projects: ["types", "tag:api"], releaseTagPattern: "{projectName}@{version}" })).toEqual(["types"])
  })
})

describe("a range admits a version", () => {
  it.each([
    ["^0.1.0", "0.1.1", true],
    ["^0.1.0", "0.2.0", false],
    ["^0.1.0", "1.0.0", false],
    ["^1.0.0", "1.4.2", true],
    ["^1.2.0", "1.1.9", false],
    ["^1.0.0", "2.0.0", false],
    ["^0.0.3", "0.0.4", false],
    ["~1.2.0", "1.2.9", true],
    ["~1.2.0", "1.3.0", false],
    ["1.2.3", "1.2.3", true],
    ["1.2.3", "1.2.4", false]
  ] as const)("%s admits %s: %s", (range, version, expected) => {
    expect(admits(range, version)).toBe(expected)
  })

  it.each(["*", ">=1.0.0", "workspace:*", "1.x"])("%s is left alone (undefined)", (range) => {
    expect(admits(range, "2.0.0")).toBeUndefined()
  })
})
