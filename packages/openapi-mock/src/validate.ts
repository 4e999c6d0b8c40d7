/**
 * Validates values against the spec's schemas with ajv: JSON Schema 2020-12 for OpenAPI 3.1, draft-07
 * for 3.0 (its `nullable` and boolean `exclusiveMinimum`/`exclusiveMaximum` rewritten first), and the
 * OpenAPI formats (`int32`, `int64`, `float`, `double`, `byte`, `binary`, `password`). A schema is named
 * by its JSON pointer in the bundled spec and compiled on first use, its `$ref`s resolved in the spec.
 *
 * @module
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv"
import { Ajv2020 } from "ajv/dist/2020.js"
import addFormatsModule from "ajv-formats"
import type { Spec } from "./spec.js"
import { toFragment } from "./pointer.js"

/** One way a value breaks its schema. */
export interface SchemaError {
  /** JSON pointer into the value (`/tickets/0/date`; empty for the value itself). */
  readonly pointer: string
  /** What is wrong, e.g. `must have required property 'name'`. */
  readonly message: string
  /** The JSON Schema keyword that failed (`required`, `type`, `pattern`...). */
  readonly keyword: string
  /** JSON pointer of the value the keyword judged (for `required`, the object missing the property). */
  readonly at: string
  /** The keyword's parameters, as ajv gives them (`allowedValues`, `missingProperty`, `pattern`, `limit`...). */
  readonly params: Readonly<Record<string, unknown>>
  /** The schema object that holds the failed keyword. */
  readonly parentSchema: unknown
}

/** Validates a value against the schema at a JSON pointer of the spec. */
export type Validate = (schemaPointer: string, value: unknown) => ReadonlyArray<SchemaError>

// ajv-formats is CommonJS with a default export; under NodeNext its types see the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv

const INT32 = 2 ** 31

/** The formats OpenAPI adds to JSON Schema's. */
const openApiFormats = (ajv: Ajv) => {
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32 })
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) })
  ajv.addFormat("float", { type: "number", validate: () => true })
  ajv.addFormat("double", { type: "number", validate: () => true })
  ajv.addFormat("byte", /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/)
  ajv.addFormat("binary", () => true)
  ajv.addFormat("password", () => true)
}

/** OpenAPI 3.0's Schema Object as draft-07 JSON Schema: `nullable` as a `null` type, boolean exclusive bounds as numbers. */
const from30 = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(from30)
  if (node === null || typeof node !== "object") return node
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) out[key] = from30(value)
  if (out.nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"]
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
  }
  for (const [flag, bound] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]] as const) {
    if (typeof out[flag] === "boolean") {
      if (out[flag] === true && typeof out[bound] === "number") {
        out[flag] = out[bound]
        delete out[bound]
      } else delete out[flag]
    }
  }
  return out
}

const toError = (error: ErrorObject): SchemaError => {
  const params = error.params as Record<string, unknown>
  const pointer = error.keyword === "required" ? `${error.instancePath}/${String(params.missingProperty)}` : error.instancePath
  const extra = error.keyword === "additionalProperties" ? ` '${String(params.additionalProperty)}'`
    : error.keyword === "enum" ? `: ${JSON.stringify(params.allowedValues)}`
    : ""
  const message = error.keyword === "required" ? "is required" : `${error.message ?? error.keyword}${extra}`
  return { pointer, message, keyword: error.keyword, at: error.instancePath, params, parentSchema: error.parentSchema }
}

/** A validator for the spec's schemas; each is compiled once, on first use. */
export const makeValidate = (spec: Spec): Validate => {
  const options = { strict: false, allErrors: true, verbose: true, logger: false, unicodeRegExp: false, validateSchema: false } as const
  const ajv: Ajv = spec.version === "3.1" ? new Ajv2020(options) : new Ajv(options)
  addFormats(ajv)
  openApiFormats(ajv)
  ajv.addSchema((spec.version === "3.0" ? from30(spec.document) : spec.document) as object, "openapi-mock:spec")
  const compiled = new Map<string, ValidateFunction>()
  return (schemaPointer, value) => {
    let validate = compiled.get(schemaPointer)
    if (validate === undefined) {
      validate = ajv.compile({ $ref: `openapi-mock:spec${toFragment(schemaPointer)}` })
      compiled.set(schemaPointer, validate)
    }
    return validate(value) ? [] : (validate.errors ?? []).map(toError)
  }
}
