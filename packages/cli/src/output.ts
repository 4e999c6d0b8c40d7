import type { DeletedUser } from "@deleted-users/effect-client"
import * as Effect from "effect/Effect"
import { OutputError } from "./errors.js"
import { escapeInvisible } from "./text.js"

/** How `list` prints users on stdout. */
export type ListFormat = "ndjson" | "json" | "table"

const columns = ["id", "name", "email", "role", "active", "updated_at"] as const

/**
 * `JSON.stringify`, or an `OutputError` where it throws (a `RangeError` for a value nested deeper
 * than the stack allows, which a server could send inside any extra property): `what` names what
 * was being printed, e.g. `user 5`.
 */
export const encodeJson = (what: string, value: unknown, indent?: number): Effect.Effect<string, OutputError> =>
  Effect.try({
    try: () => JSON.stringify(value, null, indent) ?? "null",
    catch: (e) =>
      new OutputError({
        message: `cannot print ${what} as JSON (${e instanceof RangeError ? `nested too deep: ${e.message}` : e instanceof Error ? e.message : String(e)}); what came before it was printed, nothing after; report it with the request id`
      })
  })

/** The `id` of a user-like value, for messages: `user 5`, or `a user`. */
export const userLabel = (user: unknown): string => {
  const id = (user as { readonly id?: unknown } | null | undefined)?.id
  return typeof id === "number" ? `user ${id}` : "a user"
}

/** A table header and rows for `--format table`. */
export const tableHeader = (): string => columns.join("\t")

/**
 * One table cell: text with its tabs, new lines, controls and invisible characters escaped (`\u0009`),
 * so a row stays one line of six columns and a name cannot move the cursor; a value that is not text
 * (a server may send anything) as JSON, or `…` if even that fails.
 */
const cell = (value: unknown): string => {
  if (value === undefined || value === null) return ""
  if (typeof value === "string") return escapeInvisible(value)
  if (typeof value !== "object") return escapeInvisible(String(value))
  try {
    return escapeInvisible(JSON.stringify(value))
  } catch {
    return "…"
  }
}

/** One row of `--format table`: six tab-separated cells on one line, whatever the user holds. */
export const tableRow = (user: DeletedUser): string => columns.map((c) => cell(user[c])).join("\t")

/** An element's `JSON.stringify(value, null, 2)` indented as an element of a pretty-printed array. */
export const indentArrayItem = (json: string): string => json.replace(/^/gm, "  ")

/** One element of a pretty-printed JSON array, as `JSON.stringify(array, null, 2)` indents it (throws where it does: see `encodeJson`). */
export const jsonArrayItem = (value: unknown): string => indentArrayItem(JSON.stringify(value, null, 2))

/** Writes to stdout (data), waiting when the pipe is full. */
export const out = (text: string): Promise<void> =>
  new Promise((resolve) => (process.stdout.write(text) ? resolve() : process.stdout.once("drain", () => resolve())))
