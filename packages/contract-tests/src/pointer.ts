/**
 * RFC 6901 JSON pointers: `~` is written `~0` and `/` is written `~1` inside a reference token.
 *
 * @module
 */

/** Escapes one reference token (`a/b~c` → `a~1b~0c`). */
export const escapeToken = (token: string | number): string => String(token).replace(/~/g, "~0").replace(/\//g, "~1")

/** Unescapes one reference token (`a~1b~0c` → `a/b~c`). */
export const unescapeToken = (token: string): string => token.replace(/~1/g, "/").replace(/~0/g, "~")

/** Appends reference tokens to a pointer, escaping each: `pointer("/request/query", "a/b")` → `/request/query/a~1b`. */
export const pointer = (base: string, ...tokens: ReadonlyArray<string | number>): string => tokens.reduce<string>((p, t) => `${p}/${escapeToken(t)}`, base)

/** Reads the node at a JSON pointer (`#/a/b`); `undefined` when there is none. */
export const at = (doc: unknown, ref: string): unknown =>
  ref
    .replace(/^#/, "")
    .split("/")
    .slice(1)
    .reduce<unknown>((node, part) => {
      const key = unescapeToken(part)
      return node !== null && typeof node === "object" && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined
    }, doc)
