/**
 * Turns the strings of a query, path, header, cookie or form field into the JSON value their schema
 * asks for (`"15"` → `15` for an integer, `"a,b"` → `["a", "b"]` for an array), so that ajv judges the
 * value and not its spelling. A string that doesn't parse stays a string, and ajv says so.
 *
 * @module
 */
import type { Document, Schema } from "./openapi.js"
import { deref } from "./pointer.js"

/** The types a schema allows, its `$ref`s followed and `allOf`/`anyOf`/`oneOf` looked into. */
export const typesOf = (doc: Document, schema: unknown, depth = 0): ReadonlySet<string> => {
  const s = deref<Schema>(doc, schema, "#").value
  if (s === null || typeof s !== "object" || depth > 8) return new Set()
  const own = typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? s.type.map(String) : []
  const nested = ["allOf", "anyOf", "oneOf"].flatMap((k) => (Array.isArray(s[k]) ? (s[k] as Array<unknown>) : []))
  return new Set([...own, ...nested.flatMap((n) => [...typesOf(doc, n, depth + 1)])])
}

/** The schema of an array's items, or of an object's property, `$ref`s followed. */
export const partOf = (doc: Document, schema: unknown, key: "items" | { readonly property: string }): unknown => {
  const s = deref<Schema>(doc, schema, "#").value
  if (s === null || typeof s !== "object") return undefined
  if (key === "items") return s.items
  const properties = s.properties as Record<string, unknown> | undefined
  return properties?.[key.property] ?? (typeof s.additionalProperties === "object" ? s.additionalProperties : undefined)
}

/** One string as the scalar its schema wants: a number, a boolean, `null`, or itself. */
export const coerceScalar = (doc: Document, schema: unknown, raw: string): unknown => {
  const types = typesOf(doc, schema)
  if ((types.has("integer") || types.has("number")) && raw.trim() !== "" && Number.isFinite(Number(raw))) return Number(raw)
  if (types.has("boolean") && (raw === "true" || raw === "false")) return raw === "true"
  if (types.has("null") && (raw === "" || raw === "null") && !types.has("string")) return null
  return raw
}

/** Several strings (or one to split) as the array or object their schema wants; a single scalar otherwise. */
export const coerceValues = (doc: Document, schema: unknown, values: ReadonlyArray<string>, separator: string): unknown => {
  const types = typesOf(doc, schema)
  if (types.has("array")) {
    const items = values.length === 1 ? (values[0] === "" ? [] : values[0]!.split(separator)) : values
    return items.map((v) => coerceScalar(doc, partOf(doc, schema, "items"), v))
  }
  if (types.has("object") && values.length === 1) {
    const parts = values[0]!.split(separator)
    const object: Record<string, unknown> = {}
    for (let i = 0; i + 1 < parts.length; i += 2) object[parts[i]!] = coerceScalar(doc, partOf(doc, schema, { property: parts[i]! }), parts[i + 1]!)
    return object
  }
  return coerceScalar(doc, schema, values[0] ?? "")
}
