/**
 * The `Prefer` header as Prism reads it: `Prefer: code=404` asks for a declared status,
 * `Prefer: example=name` for a named example; both may be given (`code=400, example=tooDeep`).
 *
 * @module
 */

/** What a request prefers. */
export interface Preference {
  /** The status to answer with. */
  readonly code?: number
  /** The name of the example to answer with. */
  readonly example?: string
}

/** Reads a `Prefer` header (its tokens split on `,` or `;`, values maybe quoted); unknown tokens are ignored. */
export const parsePrefer = (header: string | ReadonlyArray<string> | undefined): Preference => {
  const text = typeof header === "string" ? header : (header ?? []).join(",")
  let code: number | undefined
  let example: string | undefined
  for (const token of text.split(/[,;]/)) {
    const eq = token.indexOf("=")
    if (eq < 0) continue
    const key = token.slice(0, eq).trim().toLowerCase()
    const value = token.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1")
    if (key === "code" && /^[1-5]\d\d$/.test(value)) code = Number(value)
    if (key === "example" && value !== "") example = value
  }
  return { ...(code === undefined ? {} : { code }), ...(example === undefined ? {} : { example }) }
}
