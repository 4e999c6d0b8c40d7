import { describe, expect, it } from "vitest"
import { readFileSync } from "node:fs"

const nx = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).nx as {
  targets: Record<string, { command: string; inputs: Array<unknown>; cache: boolean; dependsOn: Array<string> }>
}

describe("Nx targets, so `nx affected` runs the contract tests when the spec or the fixtures change", () => {
  it.each(["test", "contract"])("%s is cached on the spec (yml, yaml, json), after a build", (name) => {
    const target = nx.targets[name]!
    expect(target.cache).toBe(true)
    expect(target.dependsOn).toContain("build")
    for (const ext of ["yml", "yaml", "json"]) expect(target.inputs).toContain(`{workspaceRoot}/specs/**/*.${ext}`)
  })

  it("contract verifies the recorded fixtures, and its inputs include them", () => {
    expect(nx.targets.contract!.command).toMatch(/dist\/cli\.js verify packages\/contract-tests\/fixtures\/recorded/)
    expect(nx.targets.contract!.inputs).toContain("{projectRoot}/fixtures/**/*")
    // `default` covers the whole project, fixtures included.
    expect(nx.targets.test!.inputs).toContain("default")
    expect(nx.targets.test!.command).toMatch(/vitest run packages\/contract-tests$/)
  })

  it("contract names its spec, and the tests (which run the command in the repository) depend on the repository's config file", () => {
    expect(nx.targets.contract!.command).toMatch(/ --spec specs\/zendesk\/deleted-users\.yml( |$)/)
    expect(nx.targets.test!.inputs).toContain("{workspaceRoot}/openapi-contract.config.json")
  })
})
