import { specPath } from "./paths.js"
import { describe, expect, it } from "vitest"
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { formatJson, formatJunit, harFiles, readHar, verify } from "../src/index.js"

const fixtures = fileURLToPath(new URL("../fixtures", import.meta.url))
const recorded = `${fixtures}/recorded`
const bad = `${fixtures}/bad`
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url))
const run = promisify(execFile)

describe("verify", () => {
  it("every recorded fixture conforms, even under --strict", () => {
    const report = verify(recorded, { spec: specPath, strict: true })
    expect(report.entries.filter((e) => !e.ok)).toEqual([])
    expect(report.summary.entries).toBeGreaterThanOrEqual(40)
  })

  const badFiles = harFiles(bad)
  it("has at least ten kinds of known-bad fixture", () => expect(badFiles.length).toBeGreaterThanOrEqual(10))

  it.each(badFiles.map((f) => [f.split("/").pop()!, f]))("rejects %s for its own reason", (_, file) => {
    const expected = JSON.parse(readHar(file).log.comment!) as { pointer: string; message: string; strict: boolean }
    const strict = verify(file, { spec: specPath, strict: true })
    expect(strict.summary.failed).toBe(1)
    expect(strict.entries[0]!.violations).toContainEqual({ pointer: expected.pointer, message: expect.stringContaining(expected.message) })
    const lenient = verify(file, { spec: specPath, strict: false })
    expect(lenient.summary.failed).toBe(expected.strict ? 0 : 1)
  })

  it("--format json has the documented shape", () => {
    const json = JSON.parse(formatJson(verify(bad, { spec: specPath, strict: true })))
    expect(Object.keys(json)).toEqual(["entries", "errors", "summary"])
    expect(json.entries[0]).toMatchObject({ file: expect.any(String), index: 0, operationId: expect.any(String), ok: false, violations: [{ pointer: expect.any(String), message: expect.any(String) }] })
    expect(json.summary).toMatchObject({ files: badFiles.length, entries: badFiles.length, failed: badFiles.length })
  })

  it("--format junit counts tests and failures", () => {
    const xml = formatJunit(verify(bad, { spec: specPath, strict: true }))
    expect(xml).toMatch(new RegExp(`<testsuites name="openapi-contract" tests="${badFiles.length}" failures="${badFiles.length}" errors="0">`))
    expect(xml.match(/<testcase /g)).toHaveLength(badFiles.length)
    expect(xml.match(/<failure /g)).toHaveLength(badFiles.length)
  })

  it("the commands exit 0 when everything conforms and 1 otherwise, naming file, entry, operation and pointer", async () => {
    const failed = (e: { code: number; stdout: string }) => e
    // The four processes run side by side.
    const [good, badRun, lintOriginal, lintGood] = await Promise.all([
      run(process.execPath, [cli, "verify", recorded, "--strict"]),
      run(process.execPath, [cli, "verify", `${bad}/wrong-type.har`]).then(() => undefined, failed),
      run(process.execPath, [cli, "lint", specPath.replace("deleted-users.yml", "deleted-users.original.yml")]).then(() => undefined, failed),
      run(process.execPath, [cli, "lint", specPath])
    ])
    expect(good.stdout).toMatch(/41 entries in 6 files: 41 conform, 0 violate/)
    expect(badRun?.code).toBe(1)
    expect(badRun?.stdout).toMatch(/wrong-type\.har#0 ShowDeletedUser 200 \/response\/body\/deleted_user\/id: expected integer, got "\d+"/)
    // lint refuses the seed spec and names each broken $ref; the complete spec passes.
    expect(lintOriginal?.code).toBe(1)
    expect(lintOriginal?.stdout.match(/Can't resolve \$ref/g)).toHaveLength(7)
    expect(lintGood.stderr).toMatch(/0 errors, 0 warnings/)
  })
})
