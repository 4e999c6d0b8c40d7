import type { DeletedUser } from "@deleted-users/effect-client"

/** How `list` prints users on stdout. */
export type ListFormat = "ndjson" | "json" | "table"

const columns = ["id", "name", "email", "role", "active", "updated_at"] as const

/** A table header and rows for `--format table`. */
export const tableHeader = (): string => columns.join("\t")
export const tableRow = (user: DeletedUser): string => columns.map((c) => String(user[c] ?? "")).join("\t")

/** One element of a pretty-printed JSON array, as `JSON.stringify(array, null, 2)` indents it. */
export const jsonArrayItem = (value: unknown): string => JSON.stringify(value, null, 2).replace(/^/gm, "  ")

/** Writes to stdout (data), waiting when the pipe is full. */
export const out = (text: string): Promise<void> =>
  new Promise((resolve) => (process.stdout.write(text) ? resolve() : process.stdout.once("drain", () => resolve())))
