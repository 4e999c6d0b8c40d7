import { describe, expect, it } from "vitest"
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import { configFileName, legacyConfigFileName, resolveSpecPath } from "../src/index.js"
import { runCli } from "./cli-run.js"
import { recorded, tempDir } from "./har-files.js"
import { specPath } from "./paths.js"

/** A project outside the repository: its spec at `api/openapi.yml`, a folder `deep/er` to run from. */
const project = (config?: string) => {
  const root = tempDir("contract-config-")
  mkdirSync(path.join(root, "api"))
  mkdirSync(path.join(root, "deep/er"), { recursive: true })
  copyFileSync(specPath, path.join(root, "api/openapi.yml"))
  if (config !== undefined) writeFileSync(path.join(root, configFileName), config)
  return root
}

describe("which spec the commands check", () => {
  it("with no --spec and no config file, verify, coverage and lint exit 2 and say how to give one", async () => {
    const root = project()
    const runs = await Promise.all([runCli(["verify", recorded], root), runCli(["coverage", recorded], root), runCli(["lint"], root)])
    for (const run of runs) {
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(`error: no spec: give --spec FILE, or put { "spec": "path/to/openapi.yml" } in a ${configFileName}`)
      expect(run.stdout).toBe("")
    }
  })

  it("finds the config file in a folder above the working one, and reads its spec relative to that file", async () => {
    const root = project(JSON.stringify({ spec: "api/openapi.yml" }))
    const cwd = path.join(root, "deep/er")
    const [verified, linted] = await Promise.all([runCli(["verify", recorded, "--strict"], cwd), runCli(["lint"], cwd)])
    expect(verified.code).toBe(0)
    expect(verified.stdout).toMatch(/41 entries in 6 files: 41 conform, 0 violate/)
    expect(linted.code).toBe(0)
    expect(linted.stderr).toContain(`${path.join(root, "api/openapi.yml")}: 0 errors, 0 warnings`)
    expect(resolveSpecPath(undefined, cwd)).toBe(path.join(root, "api/openapi.yml"))
  })

  it("reads the pre-0.2 config file name (deleted-users-contract.config.json), after the new one", async () => {
    const root = project()
    writeFileSync(path.join(root, legacyConfigFileName), JSON.stringify({ spec: "api/openapi.yml" }))
    const cwd = path.join(root, "deep/er")
    expect(resolveSpecPath(undefined, cwd)).toBe(path.join(root, "api/openapi.yml"))
    expect((await runCli(["lint"], cwd)).code).toBe(0)
    // Both present: the new name wins.
    writeFileSync(path.join(root, configFileName), JSON.stringify({ spec: "missing.yml" }))
    expect(resolveSpecPath(undefined, cwd)).toBe(path.join(root, "missing.yml"))
  })

  it("--spec wins over the config file, relative to the working folder", async () => {
    const root = project(JSON.stringify({ spec: "missing.yml" }))
    const run = await runCli(["verify", recorded, "--spec", "api/openapi.yml"], root)
    expect(run.code).toBe(0)
    expect(resolveSpecPath("api/openapi.yml", root)).toBe(path.join(root, "api/openapi.yml"))
    // Without --spec the config's (missing) spec is read: bad input, exit 2.
    const fromConfig = await runCli(["verify", recorded], root)
    expect(fromConfig.code).toBe(2)
    expect(fromConfig.stderr).toContain(`${path.join(root, "missing.yml")}: cannot read: no such file or directory`)
  })

  it.each([
    ["not JSON", "{ spec: api/openapi.yml", "not JSON"],
    ["no spec in it", JSON.stringify({ specs: "api/openapi.yml" }), 'no "spec"']
  ])("a config file with %s is bad input (exit 2), naming the file", async (_name, text, reason) => {
    const root = project(text)
    const run = await runCli(["lint"], path.join(root, "deep"))
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`error: ${path.join(root, configFileName)}: ${reason}`)
  })

  it("lint takes the spec as its argument or with --spec, not both", async () => {
    const root = project()
    const [argument, option, both] = await Promise.all([
      runCli(["lint", "api/openapi.yml"], root),
      runCli(["lint", "--spec", "api/openapi.yml"], root),
      runCli(["lint", "api/openapi.yml", "--spec", "api/openapi.yml"], root)
    ])
    expect([argument.code, option.code, both.code]).toEqual([0, 0, 2])
    expect(both.stderr).toContain("give the spec once")
  })

  it("--help documents the config file and the exit codes", async () => {
    const run = await runCli(["--help"])
    expect(run.stdout).toContain(configFileName)
    expect(run.stdout).toMatch(/0 ok, 1 findings, 2 bad input or usage/)
  })
})
