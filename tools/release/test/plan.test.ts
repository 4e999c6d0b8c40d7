/**
 * The pieces of a release plan that need no git history: which specs each released package is
 * generated from (read from this workspace's real project graph), and which ranges admit a version.
 */
import { createProjectGraphAsync } from "@nx/devkit"
import { describe, expect, it } from "vitest"
import { FsTree } from "nx/src/generators/tree.js"
// The built generator (as `nx g` runs it): its sources need the codegen project's own ambient declarations.
import apiGenerator from "../../codegen/dist/generators/api.js"
import { execFileSync } from "node:child_process"
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as YAML from "yaml"
import { admits, planRelease, readReleaseConfig, ReleaseInputError, releaseProjectNames, specsOf, type GraphLike } from "../src/index.js"

const root = new URL("../../..", import.meta.url).pathname.replace(/\/$/, "")

describe("the specs a package is generated from", () => {
  it("are read from the generate target's inputs: types and effect-client from the Zendesk spec, the others from none", async () => {
    const graph = await createProjectGraphAsync({ exitOnError: false })
    const config = readReleaseConfig(root)
    expect(Object.fromEntries(releaseProjectNames(graph, config).map((p) => [p, specsOf(graph, p)]))).toEqual({
      "json-pointer": [],
      "openapi-runtime-core": [],
      types: ["specs/zendesk/deleted-users.yml"],
      "openapi-runtime": [],
      "openapi-runtime-effect3": [],
      "effect-client": ["specs/zendesk/deleted-users.yml"],
      cli: [],
      "openapi-lint": [],
      "contract-tests": [],
      "openapi-mock": [],
      "package-build": [],
      codegen: [],
      release: []
    })
    expect(config.releaseTagPattern).toBe("{projectName}@{version}")
  }, 60_000)

  it("ignore globs, named inputs and non-spec files", () => {
    const graph = { nodes: { p: { data: { root: "p", targets: { generate: { inputs: ["spec", "{workspaceRoot}/specs/**/*.yml", "{workspaceRoot}/tools/x.ts", "{projectRoot}/a.yml", { externalDependencies: ["x"] }, "{workspaceRoot}/api/b.json"] } } } } } }
    expect(specsOf(graph, "p")).toEqual(["api/b.json"])
    expect(specsOf(graph, "missing")).toEqual([])
  })
})

describe("a project added by nx g @effect-openapi/codegen:api", () => {
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

  it("its bump is decided by its own spec's diff: an operation removed from its spec is a major for it alone", { timeout: 120_000 }, async () => {
    const spec = "tools/codegen/test/specs/redocly-museum.yaml"
    const tree = new FsTree(root, false)
    await apiGenerator(tree, { name: "museum-api", spec })
    const pkg = tree.read("packages/museum-api/package.json", "utf8")!
    const nx = (JSON.parse(pkg) as { nx: { tags: Array<string>; targets: Record<string, { inputs?: Array<unknown> }> } }).nx
    const ws = mkdtempSync(path.join(os.tmpdir(), "release-plan-"))
    const git = (...args: Array<string>) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", ...args], { cwd: ws, encoding: "utf8" }).trim()
    try {
      cpSync(path.join(root, "nx.json"), path.join(ws, "nx.json"))
      mkdirSync(path.join(ws, path.dirname(spec)), { recursive: true })
      cpSync(path.join(root, spec), path.join(ws, spec))
      for (const [dir, text] of [["packages/museum-api", pkg], ["packages/types", JSON.stringify({ name: "@deleted-users/types", version: "0.1.0" })]] as const) {
        mkdirSync(path.join(ws, dir), { recursive: true })
        writeFileSync(path.join(ws, dir, "package.json"), text)
      }
      git("init", "-q", "-b", "main")
      git("add", "-A")
      git("commit", "-qm", "0.1.0")
      git("tag", "museum-api@0.1.0")
      git("tag", "types@0.1.0")
      const doc = YAML.parse(readFileSync(path.join(ws, spec), "utf8")) as { paths: Record<string, unknown> }
      delete doc.paths["/museum-hours"]
      writeFileSync(path.join(ws, spec), YAML.stringify(doc))
      git("commit", "-qam", "museum: drop the opening hours")
      const graph: GraphLike = { nodes: { types: { data: { root: "packages/types", tags: [] } }, "museum-api": { data: { root: "packages/museum-api", tags: nx.tags, targets: nx.targets } } } }
      const plan = planRelease(ws, graph, { projects: ["types", "tag:api"], releaseTagPattern: readReleaseConfig(root).releaseTagPattern })
      expect(plan.bumps).toEqual({ "museum-api": "major" })
      expect(plan.specChanges.map((c) => [c.spec, c.projects])).toEqual([[spec, ["museum-api"]]])
      expect(plan.versionPlans[0]!.text).toContain("museum-api: major")
    } finally {
      rmSync(ws, { recursive: true, force: true })
    }
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
