/**
 * Makes a generated value valid against its schema, where openapi-sampler's is not: a string that
 * misses its `pattern` (randexp builds one), a value outside an `enum` or `const` under `allOf`, a
 * schema's own `example` of the wrong type, a `required` property missing, an extra property where
 * none is allowed, a length, bound or item count off. One failed keyword is fixed at a time, the first
 * ajv reports (the first branch of a `oneOf`/`anyOf`), and the value validated again; what can't be
 * fixed stays as it is.
 *
 * @module
 */
import { escapeToken, unescapeToken } from "@effect-openapi/json-pointer"
import randexpModule from "randexp"
import type { Document } from "./openapi.js"
import { sampleOf } from "./sample.js"
import type { SchemaError, Validate } from "./validate.js"

type RandExpInstance = { randInt: (a: number, b: number) => number; max: number; gen: () => string }
// randexp is CommonJS (`module.exports = RandExp`); under NodeNext its types see the module object.
const RandExp = ((randexpModule as unknown as { default?: unknown }).default ?? randexpModule) as new (pattern: string) => RandExpInstance

/** The most fixes made to one value. */
const MAX_FIXES = 200

/** A string matching `pattern`, always the same one (the shortest repetition, the first character of each class and branch); undefined when randexp can't read it. */
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

const segmentsOf = (pointer: string) => (pointer === "" ? [] : pointer.slice(1).split("/").map(unescapeToken))

const walk = (root: unknown, segments: ReadonlyArray<string>): unknown =>
  segments.reduce<unknown>((node, s) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[s] : undefined), root)

/** `root` with the value at `pointer` replaced (or removed, for `undefined`). */
const setAt = (root: unknown, pointer: string, value: unknown): unknown => {
  const segments = segmentsOf(pointer)
  if (segments.length === 0) return value
  const parent = walk(root, segments.slice(0, -1))
  if (parent === null || typeof parent !== "object") return root
  const key = segments[segments.length - 1]!
  if (value !== undefined) (parent as Record<string, unknown>)[key] = value
  else if (Array.isArray(parent)) parent.splice(Number(key), 1)
  else delete (parent as Record<string, unknown>)[key]
  return root
}

const DEFAULTS: Readonly<Record<string, unknown>> = { string: "string", integer: 0, number: 0, boolean: true, array: [], object: {}, null: null }

/** The schema without its own examples (one of them may be what broke it). */
const withoutExamples = (schema: unknown): unknown => {
  if (schema === null || typeof schema !== "object") return schema
  const { example: _example, examples: _examples, default: _default, ...rest } = schema as Record<string, unknown>
  return rest
}

const typeOf = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value)

/** What to put at `error.at` to fix it; undefined when this fixer can't. */
const fixFor = (doc: Document, error: SchemaError, current: unknown): { readonly pointer: string; readonly value: unknown } | undefined => {
  const { params, parentSchema, at } = error
  const here = walk(current, segmentsOf(at))
  switch (error.keyword) {
    case "pattern": {
      const value = matching(String(params.pattern))
      return value === undefined ? undefined : { pointer: at, value }
    }
    case "enum":
      return { pointer: at, value: (params.allowedValues as Array<unknown>)[0] }
    case "const":
      return { pointer: at, value: params.allowedValue }
    case "type": {
      const wanted = String(params.type).split(",")
      const sampled = sampleOf(doc, withoutExamples(parentSchema))
      return { pointer: at, value: wanted.includes(typeOf(sampled)) || (wanted.includes("number") && typeof sampled === "number") ? sampled : DEFAULTS[wanted[0] ?? ""] }
    }
    case "required": {
      const property = String(params.missingProperty)
      const schema = (parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties?.[property]
      const pointer = `${at}/${escapeToken(property)}`
      return { pointer, value: schema === undefined ? "string" : sampleOf(doc, schema) ?? null }
    }
    case "additionalProperties":
    case "unevaluatedProperties":
      return { pointer: `${at}/${escapeToken(String(params.additionalProperty ?? params.unevaluatedProperty))}`, value: undefined }
    case "minLength":
      return typeof here === "string" ? { pointer: at, value: here.padEnd(Number(params.limit), "x") } : undefined
    case "maxLength":
      return typeof here === "string" ? { pointer: at, value: [...here].slice(0, Number(params.limit)).join("") } : undefined
    case "minimum":
    case "maximum":
      return { pointer: at, value: params.limit }
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const step = Number.isInteger(params.limit) ? 1 : 0.5
      return { pointer: at, value: Number(params.limit) + (error.keyword === "exclusiveMinimum" ? step : -step) }
    }
    case "multipleOf":
      return { pointer: at, value: params.multipleOf }
    case "minItems": {
      if (!Array.isArray(here)) return undefined
      const items = (parentSchema as { items?: unknown } | undefined)?.items
      const more = Array.from({ length: Number(params.limit) - here.length }, () => (items === undefined ? here[0] ?? null : sampleOf(doc, items)))
      return { pointer: at, value: [...here, ...more] }
    }
    case "maxItems":
      return Array.isArray(here) ? { pointer: at, value: here.slice(0, Number(params.limit)) } : undefined
    case "uniqueItems":
      return Array.isArray(here) ? { pointer: `${at}/${String(params.i)}`, value: undefined } : undefined
    case "format": {
      const value = sampleOf(doc, { type: "string", format: params.format })
      return typeof value === "string" && value !== "string" ? { pointer: at, value } : undefined
    }
    default:
      return undefined
  }
}

/** `value` (generated for the schema at `schemaPointer`) made valid where it can be, one failed keyword at a time. */
export const conform = (doc: Document, validate: Validate, schemaPointer: string, value: unknown): unknown => {
  let current: unknown = structuredClone(value)
  const given = new Set<string>()
  for (let fixes = 0; fixes < MAX_FIXES; fixes++) {
    const errors = validate(schemaPointer, current)
    let fixed = false
    for (const error of errors) {
      const key = `${error.at} ${error.keyword} ${JSON.stringify(error.params)}`
      if (given.has(key)) continue
      given.add(key)
      const fix = fixFor(doc, error, current)
      if (fix === undefined) continue
      current = setAt(current, fix.pointer, fix.value === undefined ? undefined : structuredClone(fix.value))
      fixed = true
      break
    }
    if (!fixed) break
  }
  return current
}
