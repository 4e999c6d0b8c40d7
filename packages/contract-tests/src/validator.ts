import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js"
import addFormatsModule from "ajv-formats"
import { pointer } from "./pointer.js"
import type { Doc } from "./spec-index.js"

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default
type Obj = Record<string, unknown>

const specId = "https://deleted-users.invalid/contract.json"

/** A violation: where (a JSON pointer into the exchange) and what, expected against actual. */
export interface Violation {
  /** Where, as a JSON pointer into the exchange (`/response/body/deleted_users/0/id`). */
  readonly pointer: string
  /** What was expected, and what came. */
  readonly message: string
}

/**
 * Rewrites every schema of the document: strict mode closes objects (`unevaluatedProperties: false`
 * wherever nothing is said of extra properties), lenient mode drops `enum` so a new value the API adds
 * is not an error. Only what sits under `schema`/`schemas` keys is touched.
 */
const transform = (doc: Doc, strict: boolean): Doc => {
  const walkSchema = (schema: unknown): unknown => {
    if (Array.isArray(schema)) return schema.map(walkSchema)
    if (schema === null || typeof schema !== "object") return schema
    const out: Obj = {}
    for (const [k, v] of Object.entries(schema as Obj)) {
      if (k === "enum" && !strict) continue
      out[k] = k === "properties" || k === "$defs"
        ? Object.fromEntries(Object.entries(v as Obj).map(([name, s]) => [name, walkSchema(s)]))
        : k === "example" || k === "examples" || k === "const" || k === "default"
          ? v
          : walkSchema(v)
    }
    const isObject = out.type === "object" || (Array.isArray(out.type) && out.type.includes("object")) || out.properties !== undefined
    if (strict && isObject && out.additionalProperties === undefined && out.unevaluatedProperties === undefined) {
      out.unevaluatedProperties = false
    }
    return out
  }
  const walkDoc = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walkDoc)
    if (node === null || typeof node !== "object") return node
    return Object.fromEntries(
      Object.entries(node as Obj).map(([k, v]) => [
        k,
        k === "schema" ? walkSchema(v) : k === "schemas" ? Object.fromEntries(Object.entries(v as Obj).map(([n, s]) => [n, walkSchema(s)])) : k === "example" || k === "examples" ? v : walkDoc(v)
      ])
    )
  }
  return walkDoc(doc) as Doc
}

/** Validators compiled from one document, by schema pointer. */
export interface SchemaValidator {
  /** Validates a value against the schema at `pointer`; violations are prefixed with `prefix`. */
  readonly validate: (pointer: string, value: unknown, prefix: string) => ReadonlyArray<Violation>
}

const describe = (prefix: string) => (error: ErrorObject): Violation => {
  const params = error.params as Record<string, unknown>
  // ajv's instancePath is RFC 6901 already; the property names it reports beside it are not.
  const extra = error.keyword === "unevaluatedProperties" ? pointer("", String(params.unevaluatedProperty)) : error.keyword === "additionalProperties" ? pointer("", String(params.additionalProperty)) : ""
  const missing = error.keyword === "required" ? pointer("", String(params.missingProperty)) : ""
  const message =
    error.keyword === "unevaluatedProperties" || error.keyword === "additionalProperties"
      ? "undocumented property"
      : error.keyword === "required"
        ? "missing required property"
        : error.keyword === "enum"
          ? `undocumented enum value: expected one of ${JSON.stringify(params.allowedValues)}, got ${JSON.stringify(error.data)}`
          : error.keyword === "type"
            ? `expected ${String(params.type)}, got ${JSON.stringify(error.data)}`
            : error.keyword === "format"
              ? `expected format ${String(params.format)}, got ${JSON.stringify(error.data)}`
              : `expected ${error.message ?? error.keyword}, got ${JSON.stringify(error.data)}`
  return { pointer: `${prefix}${error.instancePath}${extra}${missing}`, message }
}

/** Compiles validators for a spec (ajv, draft 2020-12, with formats). */
export const makeValidator = (doc: Doc, options: { readonly strict: boolean }): SchemaValidator => {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, verbose: true })
  addFormats(ajv)
  ajv.addFormat("int64", { type: "number", validate: Number.isInteger })
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 })
  ajv.addSchema({ ...transform(doc, options.strict), $id: specId })
  const cache = new Map<string, ValidateFunction>()
  return {
    validate: (pointer, value, prefix) => {
      let check = cache.get(pointer)
      if (check === undefined) {
        check = ajv.compile({ $ref: `${specId}${pointer}` })
        cache.set(pointer, check)
      }
      if (check(value)) return []
      // oneOf/anyOf report every branch; keep the most specific (deepest) errors.
      const errors = check.errors ?? []
      const deepest = Math.max(...errors.map((e) => e.instancePath.split("/").length))
      const kept = errors.filter((e) => e.instancePath.split("/").length === deepest && e.keyword !== "oneOf" && e.keyword !== "anyOf")
      const seen = new Set<string>()
      return (kept.length > 0 ? kept : errors).map(describe(prefix)).filter((v) => (seen.has(v.pointer + v.message) ? false : (seen.add(v.pointer + v.message), true)))
    }
  }
}
