/**
 * Checks a request's path, query, header and cookie parameters against the operation's: each one
 * required is there, and each value (read in its `style`, coerced to its schema's type) is valid.
 *
 * @module
 */
import { coerceScalar, coerceValues, partOf, typesOf } from "./coerce.js"
import type { Document, Parameter } from "./openapi.js"
import { child } from "./pointer.js"
import type { Route } from "./route.js"
import type { Validate } from "./validate.js"
import type { Violation } from "./violation.js"

/** The parts of a request that parameters come from. */
export interface RequestParts {
  /** The query string, parsed. */
  readonly query: URLSearchParams
  /** Headers, names lower case. */
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  /** Cookies by name. */
  readonly cookies: Readonly<Record<string, string>>
}

const SEPARATORS: Readonly<Record<string, string>> = { spaceDelimited: " ", pipeDelimited: "|" }

/** The raw strings sent for one parameter, or undefined when it was not sent. */
const rawValues = (doc: Document, p: Parameter, route: Route, parts: RequestParts): ReadonlyArray<string> | undefined => {
  switch (p.in) {
    case "path": {
      const raw = route.pathParams[p.name]
      if (raw === undefined) return undefined
      if (p.style === "label") return [raw.replace(/^\./, "").split(".").join(",")]
      if (p.style === "matrix") return [raw.replace(new RegExp(`^;${p.name}=`), "").replace(new RegExp(`;${p.name}=`, "g"), ",")]
      return [raw]
    }
    case "query": {
      if (p.style === "deepObject") {
        const prefix = `${p.name}[`
        const entries = [...parts.query.entries()].filter(([k]) => k.startsWith(prefix) && k.endsWith("]"))
        return entries.length === 0 ? undefined : entries.flatMap(([k, v]) => [k.slice(prefix.length, -1), v])
      }
      const explode = p.explode ?? (p.style === undefined || p.style === "form")
      if (explode && p.schema !== undefined && typesOf(doc, p.schema).has("object") && !parts.query.has(p.name)) {
        const entries = [...parts.query.entries()]
        return entries.length === 0 ? undefined : entries.flatMap(([k, v]) => [k, v])
      }
      const values = parts.query.getAll(p.name)
      return values.length === 0 ? undefined : values
    }
    case "header": {
      const value = parts.headers[p.name.toLowerCase()]
      return value === undefined ? undefined : typeof value === "string" ? [value] : [value.join(",")]
    }
    case "cookie": {
      const value = parts.cookies[p.name]
      return value === undefined ? undefined : [value]
    }
  }
}

/** A parameter's value as JSON: parsed when it has `content`, else read in its style and coerced to its schema. */
const valueOf = (doc: Document, p: Parameter, raw: ReadonlyArray<string>): unknown => {
  if (p.content !== undefined) {
    try {
      return JSON.parse(raw[0] ?? "")
    } catch {
      return raw[0]
    }
  }
  if (p.in === "query" && (p.style === "deepObject" || (typesOf(doc, p.schema).has("object") && (p.explode ?? true) && raw.length % 2 === 0 && raw.length > 1))) {
    const object: Record<string, unknown> = {}
    for (let i = 0; i + 1 < raw.length; i += 2) object[raw[i]!] = coerceScalar(doc, partOf(doc, p.schema, { property: raw[i]! }), raw[i + 1]!)
    return object
  }
  return coerceValues(doc, p.schema, raw, SEPARATORS[p.style ?? ""] ?? ",")
}

/** The schema a parameter's value follows: its `schema`, or that of its one media type. */
const schemaPointer = (p: { readonly value: Parameter; readonly pointer: string }): string | undefined => {
  if (p.value.schema !== undefined) return child(p.pointer, "schema")
  const mediaType = Object.keys(p.value.content ?? {})[0]
  return mediaType === undefined ? undefined : child(p.pointer, "content", mediaType, "schema")
}

/** What is wrong with the request's parameters; empty when nothing is. */
export const checkParameters = (doc: Document, route: Route, parts: RequestParts, validate: Validate): ReadonlyArray<Violation> =>
  route.parameters.flatMap((located) => {
    const p = located.value
    const raw = rawValues(doc, p, route, parts)
    if (raw === undefined) {
      return p.required === true || p.in === "path"
        ? [{ in: p.in, name: p.name, pointer: "", message: `required ${p.in} parameter '${p.name}' is missing`, keyword: "required", schema: located.pointer }]
        : []
    }
    const pointer = schemaPointer(located)
    if (pointer === undefined) return []
    return validate(pointer, valueOf(doc, p, raw)).map((e) => ({
      in: p.in,
      name: p.name,
      pointer: e.pointer,
      message: `${p.in} parameter '${p.name}'${e.pointer === "" ? "" : ` at ${e.pointer}`} ${e.message}`,
      keyword: e.keyword,
      schema: pointer
    }))
  })
