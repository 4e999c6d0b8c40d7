/**
 * Run-time validation of response bodies against the spec's own JSON Schemas, compiled once by
 * ajv (draft 2020-12, with formats) from the same document the types were generated from.
 */
import { spec } from "@deleted-users/types"
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js"
import addFormatsModule from "ajv-formats"

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

const specId = "https://deleted-users.invalid/spec.json"

/** The response schemas the client decodes with. */
export type SchemaName = "DeletedUserResponse" | "DeletedUsersResponse" | "CountResponse"

let compiled: Map<SchemaName, ValidateFunction> | undefined

const validators = (): Map<SchemaName, ValidateFunction> => {
  if (compiled !== undefined) return compiled
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true })
  // "fast" formats: a date-time is checked by a regex, not also parsed as a date (10× cheaper).
  addFormats(ajv, { mode: "fast" })
  ajv.addFormat("int64", { type: "number", validate: Number.isInteger })
  ajv.addSchema({ $id: specId, components: (spec as { components: unknown }).components })
  const names: Array<SchemaName> = ["DeletedUserResponse", "DeletedUsersResponse", "CountResponse"]
  compiled = new Map(names.map((name) => [name, ajv.getSchema(`${specId}#/components/schemas/${name}`)!]))
  return compiled
}

/** The first mismatch: a JSON pointer into the body, and what is wrong there. */
export interface Mismatch {
  readonly pointer: string
  readonly message: string
}

const describe = (error: ErrorObject): Mismatch => {
  const missing = error.keyword === "required" ? `/${String((error.params as { missingProperty: string }).missingProperty)}` : ""
  const extra = error.keyword === "additionalProperties" ? `/${String((error.params as { additionalProperty: string }).additionalProperty)}` : ""
  return { pointer: `${error.instancePath}${missing}${extra}` || "/", message: error.message ?? error.keyword }
}

/** Validates a parsed body; returns the first mismatch, or undefined when it conforms. */
export const validate = (name: SchemaName, body: unknown): Mismatch | undefined => {
  const check = validators().get(name)!
  return check(body) ? undefined : describe(check.errors![0]!)
}
