import { describe, expect, it } from "vitest"
import { mkdtemp, readFile, writeFile } from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { checkDrift, formatDrift, generatedDir, regenerateCommand, specPath } from "@deleted-users/codegen"

describe("generated code drift", () => {
  it("the committed types and spec module match a fresh generation from the committed spec", async () => {
    const result = await checkDrift(specPath, generatedDir)
    // On failure the message is the diff and the command that fixes it.
    expect(result._tag, formatDrift(result)).toBe("UpToDate")
  })

  it("a changed property in the spec is reported as drift, with the diff and the fix", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "drift-test-"))
    const changed = path.join(dir, "deleted-users.yml")
    const yaml = await readFile(specPath, "utf8")
    await writeFile(changed, yaml.replace("        size:\n          type: integer\n", "        size:\n          type: string\n"))
    const result = await checkDrift(changed, generatedDir)
    expect(result._tag).toBe("Stale")
    const message = formatDrift(result)
    expect(message).toContain("-            size?: number;")
    expect(message).toContain("+            size?: string;")
    expect(message).toContain(regenerateCommand)
  })

  it("every generated file starts with the do-not-edit header", async () => {
    for (const name of ["deleted-users.ts", "spec.ts"]) {
      const source = await readFile(path.join(generatedDir, name), "utf8")
      expect(source.startsWith("/**\n * GENERATED FILE: DO NOT EDIT BY HAND.")).toBe(true)
    }
  })
})
