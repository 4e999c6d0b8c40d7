/**
 * Media types: the bare type of a `Content-Type`, JSON or not, wildcard ranges, and choosing a
 * response's media type for an `Accept` header.
 *
 * @module
 */

/** The bare media type of a `Content-Type` (`application/json; charset=utf-8` → `application/json`), lower case. */
export const mediaTypeOf = (header: string | undefined): string | undefined => {
  const type = header?.split(";")[0]?.trim().toLowerCase()
  return type === undefined || type === "" ? undefined : type
}

/** Whether a media type carries JSON: `application/json`, or any `+json` (`application/problem+json`). */
export const isJson = (mediaType: string): boolean => {
  const type = mediaTypeOf(mediaType) ?? ""
  return type === "application/json" || type.endsWith("+json") || type === "*/*"
}

/** Whether a media range (`*\/*`, `image/*`, `application/json`) covers a media type. */
export const matches = (range: string, type: string): boolean => {
  const [rangeType = "", rangeSub = ""] = (mediaTypeOf(range) ?? "").split("/")
  const [typeType = "", typeSub = ""] = (mediaTypeOf(type) ?? "").split("/")
  return (rangeType === "*" || rangeType === typeType) && (rangeSub === "*" || rangeSub === typeSub)
}

/** The accepted media ranges of an `Accept` header, most wanted first (`q=0` dropped). */
const accepted = (accept: string): ReadonlyArray<string> =>
  accept.split(",").map((part, index) => {
    const [range = "", ...params] = part.split(";").map((s) => s.trim())
    const q = params.find((p) => p.startsWith("q="))
    return { range: range.toLowerCase(), q: q === undefined ? 1 : Number(q.slice(2)), index }
  }).filter((a) => a.range !== "" && a.q > 0).sort((a, b) => b.q - a.q || a.index - b.index).map((a) => a.range)

/**
 * The declared media type to answer with for an `Accept` header: the first declared one the most
 * wanted range covers (a declared range such as `*\/*` covers what is asked; `application/json` takes a
 * `+json` type); the first declared when there is no `Accept`; undefined when it takes none (406).
 */
export const negotiate = (declared: ReadonlyArray<string>, accept: string | undefined): string | undefined => {
  if (declared.length === 0) return undefined
  if (accept === undefined || accept.trim() === "") return declared[0]
  for (const range of accepted(accept)) {
    const found = declared.find((d) => matches(range, d))
      ?? declared.find((d) => d.includes("*") && matches(d, range))
      ?? (range === "application/json" ? declared.find((d) => isJson(d) && d !== "*/*") : undefined)
    if (found !== undefined) return found
  }
  return undefined
}
