/**
 * JSON pointers into the bundled spec (`#/paths/~1pets/get`), and following its local `$ref`s while
 * keeping the pointer of the place each node really lives (for ajv, and for naming it in a problem).
 *
 * @module
 */
import { append, escapeToken, unescapeFragmentToken } from "@effect-openapi/json-pointer"

/** A node of the spec and the JSON pointer (`#/...`) where it lives, after following `$ref`s. */
export interface Located<T = unknown> {
  /** The node. */
  readonly value: T
  /** Where it lives in the bundled spec, as a URI fragment: `#/components/schemas/Pet`. */
  readonly pointer: string
}

/** `pointer` one level down: `child("#/paths", "/pets")` is `#/paths/~1pets`. */
export const child = (pointer: string, ...segments: ReadonlyArray<string | number>): string => append(pointer, ...segments)

/** The node at a pointer (`#/a/b`, `/a/b` or `#`), or undefined when there is none. */
export const at = (doc: unknown, pointer: string): unknown => {
  let node = doc
  const path = pointer.replace(/^#/, "")
  if (path === "") return node
  for (const raw of path.slice(1).split("/")) {
    if (node === null || typeof node !== "object") return undefined
    node = (node as Record<string, unknown>)[unescapeFragmentToken(raw)]
  }
  return node
}

const refOf = (node: unknown): string | undefined =>
  node !== null && typeof node === "object" && typeof (node as { $ref?: unknown }).$ref === "string"
    ? (node as { $ref: string }).$ref
    : undefined

/** Follows local `$ref`s from `node` (found at `pointer`) to the node they name; a cycle or a missing target stops at the last `$ref`. */
export const deref = <T = unknown>(doc: unknown, node: unknown, pointer: string): Located<T> => {
  let current: Located = { value: node, pointer }
  const seen = new Set<string>()
  for (let ref = refOf(current.value); ref !== undefined && ref.startsWith("#") && !seen.has(ref); ref = refOf(current.value)) {
    seen.add(ref)
    const target = at(doc, ref)
    if (target === undefined) break
    current = { value: target, pointer: ref }
  }
  return current as Located<T>
}

/** The node at `pointer`, its `$ref`s followed. */
export const locate = <T = unknown>(doc: unknown, pointer: string): Located<T> => deref<T>(doc, at(doc, pointer), pointer)

/** The pointer as a URI fragment that ajv resolves: each segment percent-encoded (`{`, `}` and spaces are not URI characters). */
export const toFragment = (pointer: string): string =>
  "#" + pointer.replace(/^#/, "").split("/").slice(1).map((s) => `/${encodeURIComponent(escapeToken(unescapeFragmentToken(s)))}`).join("")
