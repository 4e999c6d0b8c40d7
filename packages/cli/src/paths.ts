import * as Effect from "effect/Effect"
import { accessSync, constants, statSync } from "node:fs"
import * as path from "node:path"
import { UsageError } from "./errors.js"

const codeOf = (e: unknown) => (e as NodeJS.ErrnoException).code ?? String(e)

/**
 * Checks, before anything is sent, that a file the run will write can be written: an existing file
 * must be a writable file; a new one needs an existing, writable folder.
 */
export const checkWritableFile = (flag: string, file: string): Effect.Effect<void, UsageError> =>
  Effect.suspend(() => {
    const fail = (why: string, todo: string) => Effect.fail(new UsageError({ message: `${flag} ${file}: ${why}; ${todo}; nothing was sent` }))
    let stats
    try {
      stats = statSync(file)
    } catch (e) {
      if (codeOf(e) !== "ENOENT") return fail(`cannot be read (${codeOf(e)})`, "choose another path")
    }
    if (stats !== undefined) {
      if (stats.isDirectory()) return fail("is a folder", `give a file path, e.g. ${path.join(file, flag === "--audit-log" ? "audit.ndjson" : "purge.checkpoint")}`)
      if (!stats.isFile()) return fail("is not a regular file", "give a file path")
      try {
        accessSync(file, constants.W_OK)
      } catch (e) {
        return fail(`cannot be written (${codeOf(e)})`, "fix its permissions or choose another path")
      }
      return Effect.void
    }
    const dir = path.dirname(path.resolve(file))
    try {
      if (!statSync(dir).isDirectory()) return fail(`${dir} is not a folder`, "choose another path")
    } catch {
      return fail(`the folder ${dir} does not exist`, "create it or choose another path")
    }
    try {
      accessSync(dir, constants.W_OK)
    } catch (e) {
      return fail(`the folder ${dir} cannot be written (${codeOf(e)})`, "fix its permissions or choose another path")
    }
    return Effect.void
  })
