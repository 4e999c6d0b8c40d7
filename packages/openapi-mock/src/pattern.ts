/**
 * Strings that match a `pattern`, for generated values: openapi-sampler's own are often not (its
 * `(\d|AAA, ...)` for `^(\d+|[A-Za-z]{3}, ...)$`), so the value is checked against its schema and each
 * string that breaks a pattern is replaced by one randexp builds, always the same (the shortest
 * repetition, the first character of each class and branch).
 *
 * @module
 */
import randexpModule from "randexp"
import type { Validate } from "./validate.js"

type RandExpInstance = { randInt: (a: number, b: number) => number; max: number; gen: () => string }
// randexp is CommonJS (`module.exports = RandExp`); under NodeNext its types see the module object.
const RandExp = ((randexpModule as unknown as { default?: unknown }).default ?? randexpModule) as new (pattern: string) => RandExpInstance

/** A string matching `pattern`, always the same one; undefined when randexp can't read the pattern. */
export const matching = (pattern: string): string | undefined => {
  try {
    const generator = new RandExp(pattern)
    generator.randInt = (a) => a
    generator.max = 8
    return generator.gen()
  } catch {
    return undefined
  }
}

const unescape = (segment: string) => segment.replace(/~1/g, "/").replace(/~0/g, "~")

const setAt = (root: unknown, pointer: string, value: unknown): unknown => {
  if (pointer === "") return value
  const segments = pointer.slice(1).split("/").map(unescape)
  let node = root as Record<string, unknown>
  for (const segment of segments.slice(0, -1)) {
    node = node?.[segment] as Record<string, unknown>
    if (node === null || typeof node !== "object") return root
  }
  node[segments[segments.length - 1]!] = value
  return root
}

/** The generated `value` for the schema at `schemaPointer`, each string that breaks its `pattern` replaced by one that matches. */
export const withPatterns = (validate: Validate, schemaPointer: string, value: unknown): unknown => {
  let current = value
  for (let round = 0; round < 3; round++) {
    const broken = validate(schemaPointer, current).filter((e) => e.keyword === "pattern" && e.pattern !== undefined)
    if (broken.length === 0) break
    for (const error of broken) {
      const replacement = matching(error.pattern!)
      if (replacement !== undefined) current = setAt(current, error.pointer, replacement)
    }
  }
  return current
}
