import { describe, expect, it } from "vitest"
import { execFile } from "node:child_process"
import { readFile } from "node:fs/promises"
import * as path from "node:path"
import { promisify } from "node:util"
import { publint } from "publint"
import { workspaceRoot } from "@deleted-users/codegen"

const run = promisify(execFile)

/** The packages consumers install; they are built to dist/ by the test command before this runs. */
const published = ["packages/types", "packages/openapi-runtime", "packages/effect-client", "packages/cli"]

describe.each(published)("the published package %s", (dir) => {
  const pkgDir = path.join(workspaceRoot, dir)

  it("passes publint with no error or warning", async () => {
    const { messages } = await publint({ pkgDir, strict: true, level: "warning" })
    expect(messages).toEqual([])
  })

  it("ships ESM JavaScript, .d.ts, its bin shims, package.json and README only", async () => {
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: pkgDir })
    const [report] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>
    const files = report!.files.map((f) => f.path)
    expect(files).toContain("dist/index.js")
    expect(files).toContain("dist/index.d.ts")
    const unexpected = files.filter((f) => !/^(package\.json|README\.md|dist\/.+\.(js|d\.ts)|bin\/[a-z-]+\.js)$/.test(f))
    expect(unexpected).toEqual([])
  })

  it("declares an exports map with types first and an ESM entry", async () => {
    const manifest = JSON.parse(await readFile(path.join(pkgDir, "package.json"), "utf8"))
    expect(manifest.type).toBe("module")
    expect(Object.keys(manifest.exports["."])).toEqual(["types", "import"])
    expect(manifest.types).toBe("./dist/index.d.ts")
  })
})
