/**
 * The drift check of a generated client: regenerates in memory and compares with the committed
 * folder byte for byte, as a unified diff.
 *
 * @module
 */
import { createTwoFilesPatch } from "diff"
import { readFile } from "node:fs/promises"
import * as path from "node:path"
import { generateClient, type GenerateOptions } from "./generate.js"

/**
 * The diff of every stale or missing file, empty when the folder is up to date; `only`, when given, names the
 * generated files the folder holds (`["types.ts"]` for a types package written with `--types-only`).
 */
export const clientDrift = async (options: GenerateOptions, dir: string, only?: ReadonlyArray<string>): Promise<string> => {
  const { files } = await generateClient(options)
  const patches: Array<string> = []
  for (const { file, source } of files) {
    if (only !== undefined && !only.includes(file)) continue
    const committed = await readFile(path.join(dir, file), "utf8").catch(() => "")
    if (committed !== source) {
      const name = path.join(dir, file)
      patches.push(createTwoFilesPatch(`${name} (committed)`, `${name} (from the spec)`, committed, source))
    }
  }
  return patches.join("\n")
}
