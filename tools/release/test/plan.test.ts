/**
 * The pieces of a release plan that need no git history: which specs each released package is
 * generated from (read from this workspace's real project graph), and which ranges admit a version.
 */
import { createProjectGraphAsync } from "@nx/devkit"
import { describe, expect, it } from "vitest"
import { admits, readReleaseConfig, specsOf } from "../src/index.js"

const root = new URL("../../..", import.meta.url).pathname.replace(/\/$/, "")

describe("the specs a package is generated from", () => {
  it("are read from the generate target's inputs: types and effect-client from the Zendesk spec, the others from none", async () => {
    const graph = await createProjectGraphAsync({ exitOnError: false })
    const config = readReleaseConfig(root)
    expect(Object.fromEntries(config.projects.map((p) => [p, specsOf(graph, p)]))).toEqual({
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
