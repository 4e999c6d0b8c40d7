/**
 * RFC 6901 JSON pointers, written once for the whole toolkit (the runtimes, the generator, the lint, the mock
 * server and the contract tools): inside a reference token `~` is written `~0` and `/` is written `~1`.
 * A pointer is `""` (the whole document) or `/token/token…`; as a URI fragment it starts with `#`, and its
 * tokens may be percent-encoded.
 *
 * @module
 */

/** Escapes one reference token: `escapeToken("a/b~c")` is `"a~1b~0c"`; a number is written as is. */
export const escapeToken = (token: string | number): string => String(token).replace(/~/g, "~0").replace(/\//g, "~1")

/** Unescapes one reference token: `unescapeToken("a~1b~0c")` is `"a/b~c"` (`~1` first, so `~01` is `~1`). */
export const unescapeToken = (token: string): string => token.replace(/~1/g, "/").replace(/~0/g, "~")

/**
 * Unescapes one token of a URI fragment (`#/paths/~1pets~1%7Bid%7D`): percent-decoded first (a malformed escape
 * is read as written), then unescaped: `"~1pets~1%7Bid%7D"` is `"/pets/{id}"`.
 */
export const unescapeFragmentToken = (token: string): string => {
  let decoded = token
  try {
    decoded = decodeURIComponent(token)
  } catch {
    // Not percent-encoded after all: read as written.
  }
  return unescapeToken(decoded)
}

/** Appends reference tokens to a pointer, escaping each: `append("#/paths", "/pets", "get")` is `"#/paths/~1pets/get"`. */
export const append = (pointer: string, ...tokens: ReadonlyArray<string | number>): string => {
  let out = pointer
  for (const token of tokens) out += `/${escapeToken(token)}`
  return out
}
