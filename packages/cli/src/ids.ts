import { parseId } from "@deleted-users/effect-client"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { UsageError } from "./errors.js"

/** Reads ids from a file or `-` (stdin): separated by new lines, spaces or commas; `#` starts a comment. */
export const readIdsFile = (file: string): Effect.Effect<Array<string>, UsageError> =>
  Effect.try({
    try: () => readFileSync(file === "-" ? 0 : file, "utf8").split("\n").map((line) => line.replace(/#.*/, "")).join(" ").split(/[\s,]+/).filter((s) => s.length > 0),
    catch: (e) => new UsageError({ message: `cannot read ids from ${file}: ${e instanceof Error ? e.message : String(e)}` })
  })

/** Parses every id before anything is sent: one bad id refuses them all, naming each bad one. */
export const parseIds = (raw: ReadonlyArray<string>): Effect.Effect<Array<number>, UsageError> =>
  Effect.gen(function* () {
    const results = yield* Effect.forEach(raw, (r) => Effect.either(parseId("PermanentlyDeleteUser", r)))
    const bad = raw.filter((_, i) => results[i]!._tag === "Left")
    if (bad.length > 0) {
      return yield* new UsageError({ message: `not a user id (a positive integer): ${bad.slice(0, 10).map((b) => JSON.stringify(b)).join(", ")}${bad.length > 10 ? ` and ${bad.length - 10} more` : ""}; nothing was sent` })
    }
    return results.map((r) => (r._tag === "Right" ? r.right : 0))
  })
