/**
 * RFC 6901 JSON pointers (`~` is written `~0` and `/` is written `~1` inside a reference token), from
 * `@effect-openapi/json-pointer`, and reading the node at one.
 *
 * @module
 */
import { append, unescapeToken } from "@effect-openapi/json-pointer"

export { escapeToken, unescapeToken } from "@effect-openapi/json-pointer"

/** Appends reference tokens to a pointer, escaping each: `pointer("/request/query", "a/b")` → `/request/query/a~1b`. */
export const pointer: (base: string, ...tokens: ReadonlyArray<string | number>) => string = append

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
