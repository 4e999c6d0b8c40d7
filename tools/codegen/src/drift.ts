import { createTwoFilesPatch } from "diff"
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { generateAll } from "./generate.js"
import { regenerateCommand, workspaceRoot } from "./paths.js"

/** What a drift check found: nothing, or the unified diff between committed and regenerated files. */
export type DriftResult =
  | { readonly _tag: "UpToDate" }
  | { readonly _tag: "Stale"; readonly diff: string; readonly fix: string }

const relative = (file: string) => path.relative(workspaceRoot, file).split(path.sep).join("/")

/**
 * Regenerates everything into a temporary folder and compares it with the committed files,
 * byte for byte. (openapi-typescript's own `--check` is not relied upon.)
 */
export const checkDrift = async (specFile: string, committedDir: string): Promise<DriftResult> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "deleted-users-drift-"))
  try {
    const patches: Array<string> = []
    for (const { file, source } of await generateAll(specFile, dir)) {
      await writeFile(file, source)
      const committed = path.join(committedDir, path.basename(file))
      const [fresh, actual] = await Promise.all([
        readFile(file, "utf8"),
        readFile(committed, "utf8").catch(() => "")
      ])
      if (fresh !== actual) {
        const name = relative(committed)
        patches.push(createTwoFilesPatch(`${name} (committed)`, `${name} (from the spec)`, actual, fresh))
      }
    }
    return patches.length === 0 ? { _tag: "UpToDate" } : { _tag: "Stale", diff: patches.join("\n"), fix: regenerateCommand }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** The message a stale check prints: the diff, then the command that fixes it. */
export const formatDrift = (result: DriftResult): string =>
  result._tag === "UpToDate"
    ? "Generated files are up to date with the spec."
    : `${result.diff}\nThe committed generated files are stale. Run: ${result.fix}`
