/**
 * OpenAPI schemas as JSON Schema 2020-12, for ajv. OpenAPI 3.0 schemas go through
 * @openapi-contrib/openapi-schema-to-json-schema, plus the things it leaves out: `nullable` beside
 * `allOf`/`oneOf`/`anyOf`/`$ref`/`enum` with no `type` (it drops it), a list of types (3.1 in a 3.0
 * document, which it refuses) and boolean `exclusiveMinimum`/`exclusiveMaximum` (draft 4, which
 * 2020-12 writes as numbers). 3.1 schemas are JSON Schema already.
 *
 * @module
 */
import * as converter from "@openapi-contrib/openapi-schema-to-json-schema"

// A CommonJS module: Node puts its exports on `default`, bundlers and vitest beside it.
const fromSchema = (converter.fromSchema ?? (converter as unknown as { default: typeof converter }).default.fromSchema)

type Schema = Record<string, unknown>

const isSchema = (value: unknown): value is Schema => value !== null && typeof value === "object" && !Array.isArray(value)

const mapChildren = (schema: Schema, f: (child: unknown) => unknown): Schema => {
  const out: Schema = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key === "properties" || key === "patternProperties" || key === "$defs" || key === "definitions" || key === "dependentSchemas") {
      out[key] = isSchema(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, f(v)])) : value
    } else if (key === "allOf" || key === "oneOf" || key === "anyOf" || key === "prefixItems") {
      out[key] = Array.isArray(value) ? value.map(f) : value
    } else if (key === "items" || key === "not" || key === "additionalProperties" || key === "if" || key === "then" || key === "else" || key === "contains" || key === "propertyNames" || key === "unevaluatedProperties" || key === "unevaluatedItems") {
      out[key] = Array.isArray(value) ? value.map(f) : f(value)
    } else {
      out[key] = value
    }
  }
  return out
}

/**
 * 3.0 `nullable` on a schema with no `type` of its own: the converter would drop it (with `enum`, null
 * would then be refused). A list of types (3.1, in a 3.0 document) takes `nullable` as one more type.
 */
const nullableComposites = (schema: unknown): unknown => {
  if (!isSchema(schema)) return schema
  const inner = mapChildren(schema, nullableComposites)
  if (inner.nullable === true && inner.type === undefined && (inner.$ref !== undefined || inner.allOf !== undefined || inner.oneOf !== undefined || inner.anyOf !== undefined || inner.enum !== undefined)) {
    const { nullable: _nullable, ...rest } = inner
    return { anyOf: [rest, { type: "null" }] }
  }
  if (Array.isArray(inner.type) && inner.nullable !== undefined) {
    const { nullable, ...rest } = inner
    return nullable === true ? { ...rest, type: [...new Set([...(inner.type as Array<unknown>), "null"])], ...(Array.isArray(rest.enum) && !rest.enum.includes(null) ? { enum: [...rest.enum, null] } : {}) } : rest
  }
  return inner
}

/** Draft-4 boolean `exclusiveMinimum`/`exclusiveMaximum` as 2020-12 numbers; no `$schema` inside. */
const draft2020 = (schema: unknown): unknown => {
  if (!isSchema(schema)) return schema
  const out = mapChildren(schema, draft2020)
  delete out.$schema
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

/** Local `$ref`s pointed at the document registered as `spec` in ajv. */
export const rebaseRefs = (schema: unknown, base: string): unknown => {
  if (Array.isArray(schema)) return schema.map((s) => rebaseRefs(s, base))
  if (!isSchema(schema)) return schema
  const out: Schema = {}
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === "$ref" && typeof value === "string" && value.startsWith("#") ? `${base}${value}` : rebaseRefs(value, base)
  }
  return out
}

/** A schema of the spec as JSON Schema 2020-12. */
export const toJsonSchema = (schema: unknown, openapi30: boolean): unknown => {
  if (!openapi30 || !isSchema(schema)) return schema
  const converted = fromSchema(nullableComposites(schema) as never, { cloneSchema: true, strictMode: false, supportPatternProperties: true, keepNotSupported: ["discriminator", "readOnly", "writeOnly"] } as never)
  return draft2020(converted)
}

/** Which way a schema's values travel: readOnly properties are not sent in a request, writeOnly ones not returned in a response. */
export type Direction = "request" | "response"

/** Whether a property schema is readOnly (request) or writeOnly (response): itself, through a `$ref` or an `allOf` member, a few levels deep. */
const absentIn = (schema: unknown, direction: Direction, resolve: (ref: string) => unknown, depth: number): boolean => {
  if (!isSchema(schema) || depth > 8) return false
  if (schema[direction === "request" ? "readOnly" : "writeOnly"] === true) return true
  if (typeof schema.$ref === "string" && absentIn(resolve(schema.$ref), direction, resolve, depth + 1)) return true
  return Array.isArray(schema.allOf) && schema.allOf.some((member) => absentIn(member, direction, resolve, depth + 1))
}

/**
 * A schema for one direction: a property that is `readOnly` is not required in a request, one that
 * is `writeOnly` not required in a response (OpenAPI 3.0 §4.7.25; 3.1 takes JSON Schema's meaning).
 * The property is still allowed (a request that sends a readOnly value back is not refused).
 * `resolve` reads a local `$ref` of the document.
 */
export const forDirection = (schema: unknown, direction: Direction, resolve: (ref: string) => unknown): unknown => {
  if (!isSchema(schema)) return schema
  const out = mapChildren(schema, (child) => forDirection(child, direction, resolve))
  if (Array.isArray(out.required) && isSchema(out.properties)) {
    const properties = out.properties
    const required = out.required.filter((name) => typeof name !== "string" || !absentIn(properties[name], direction, resolve, 0))
    if (required.length !== out.required.length) out.required = required
  }
  return out
}

/** Whether a document marks any schema `readOnly` or `writeOnly` (only then do the directions differ). */
export const marksDirection = (doc: unknown): boolean => /"(readOnly|writeOnly)":true/.test(JSON.stringify(doc))
