import { pointer } from "./pointer.js"
import { decodeSegment, parseRequestUrl } from "./request-url.js"
import { at, type OperationSpec, type SpecIndex } from "./spec-index.js"
import { makeValidator, type SchemaValidator, type Violation } from "./validator.js"

/** One recorded request and response, as the checker sees it. */
export interface Exchange {
  /** The request's HTTP method. */
  readonly method: string
  /** The request's full URL. */
  readonly url: string
  /** The response's HTTP status. */
  readonly status: number
  /** Response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  /** The response body as text (empty when none). */
  readonly body: string
}

/** The verdict on one exchange. */
export interface ExchangeResult {
  /** The operation the request matched, if any. */
  readonly operationId: string | undefined
  /** The response's HTTP status. */
  readonly status: number
  /** The response's media type, if it had one. */
  readonly contentType: string | undefined
  /** What breaks the spec (none: the exchange conforms). */
  readonly violations: ReadonlyArray<Violation>
}

/** Checks recorded exchanges against a spec. `strict` also flags undocumented properties and enum values. */
export interface Checker {
  /** The spec it checks against. */
  readonly index: SpecIndex
  /** Checks one exchange: the operation it matches and every violation. */
  readonly check: (exchange: Exchange) => ExchangeResult
}

/** A query or path parameter arrives as text: read it as its schema's type before validating. */
const coerce = (raw: string, schema: unknown): unknown => {
  const type = (schema as { type?: unknown } | undefined)?.type
  const types = Array.isArray(type) ? type : [type]
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw)
  if (types.includes("boolean") && (raw === "true" || raw === "false")) return raw === "true"
  return raw
}

const typeOf = (schema: unknown): ReadonlyArray<unknown> => {
  const type = (schema as { type?: unknown } | undefined)?.type
  return Array.isArray(type) ? type : [type]
}

/**
 * The request's parameters: a path parameter must decode, and every value of a repeated query
 * parameter (`page[size]=100&page[size]=abc`) is checked, each at its own pointer.
 */
const checkRequest = (schemaAt: (pointer: string) => unknown, validator: SchemaValidator, operation: OperationSpec, url: URL, pathParams: Record<string, string>, strict: boolean): Array<Violation> => {
  const violations: Array<Violation> = []
  for (const param of operation.parameters) {
    if (param.in !== "path" && param.in !== "query") continue
    const where = pointer(`/request/${param.in}`, param.name)
    const schema = schemaAt(param.schemaPointer)
    if (param.in === "path") {
      const raw = pathParams[param.name]
      if (raw === undefined) continue
      const decoded = decodeSegment(raw)
      if (decoded === undefined) violations.push({ pointer: where, message: `malformed percent-encoding: ${JSON.stringify(raw)}` })
      else violations.push(...validator.validate(param.schemaPointer, coerce(decoded, schema), where))
      continue
    }
    const values = url.searchParams.getAll(param.name)
    if (values.length === 0) {
      if (param.required) violations.push({ pointer: where, message: "missing required parameter" })
    } else if (typeOf(schema).includes("array")) {
      const items = (schema as { items?: unknown }).items
      violations.push(...validator.validate(param.schemaPointer, values.map((v) => coerce(v, items)), where))
    } else if (values.length === 1) {
      violations.push(...validator.validate(param.schemaPointer, coerce(values[0]!, schema), where))
    } else {
      values.forEach((v, i) => violations.push(...validator.validate(param.schemaPointer, coerce(v, schema), pointer(where, i))))
    }
  }
  if (strict) {
    const known = new Set(operation.parameters.filter((p) => p.in === "query").map((p) => p.name))
    for (const name of new Set(url.searchParams.keys())) {
      if (!known.has(name)) violations.push({ pointer: pointer("/request/query", name), message: "undocumented query parameter" })
    }
  }
  return violations
}

/** Builds a checker for a spec. */
export const makeChecker = (index: SpecIndex, options: { readonly strict?: boolean } = {}): Checker => {
  const strict = options.strict ?? false
  const validator = makeValidator(index.document, { strict })
  // Parameters and headers are read as their schema's type: look each schema up once, not per entry.
  const schemas = new Map<string, unknown>()
  const schemaAt = (pointer: string): unknown => {
    if (!schemas.has(pointer)) schemas.set(pointer, at(index.document, pointer))
    return schemas.get(pointer)
  }
  const check = (exchange: Exchange): ExchangeResult => {
    const url = parseRequestUrl(exchange.url)
    if (url === undefined) return { operationId: undefined, status: exchange.status, contentType: undefined, violations: [{ pointer: "/request/url", message: `not a URL: ${JSON.stringify(exchange.url)}` }] }
    const contentType = exchange.headers["content-type"]?.split(";")[0]?.trim().toLowerCase()
    const matched = index.match(exchange.method, url.pathname)
    if (matched === undefined) {
      return { operationId: undefined, status: exchange.status, contentType, violations: [{ pointer: "/request/url", message: `undocumented endpoint: no operation for ${exchange.method} ${url.pathname}` }] }
    }
    const { operation, pathParams } = matched
    const violations = checkRequest(schemaAt, validator, operation, url, pathParams, strict)
    const response = operation.responses.get(String(exchange.status)) ?? operation.responses.get(`${String(exchange.status)[0]}XX`) ?? operation.responses.get("default")
    if (response === undefined) {
      violations.push({ pointer: "/response/status", message: `undocumented status: expected one of ${[...operation.responses.keys()].join(", ")}, got ${exchange.status}` })
      return { operationId: operation.operationId, status: exchange.status, contentType, violations }
    }
    for (const [name, header] of response.headers) {
      const value = exchange.headers[name]
      if (value === undefined) {
        if (header.required) violations.push({ pointer: pointer("/response/headers", name), message: "missing required header" })
      } else if (header.schemaPointer !== undefined) {
        violations.push(...validator.validate(header.schemaPointer, coerce(value, schemaAt(header.schemaPointer)), pointer("/response/headers", name)))
      }
    }
    if (response.content.size === 0) {
      if (exchange.body !== "") violations.push({ pointer: "/response/body", message: "a body where the spec documents none" })
      return { operationId: operation.operationId, status: exchange.status, contentType, violations }
    }
    const schemaPointer = contentType === undefined ? undefined : response.content.get(contentType)
    if (schemaPointer === undefined) {
      violations.push({ pointer: "/response/headers/content-type", message: `undocumented content type: expected one of ${[...response.content.keys()].join(", ")}, got ${contentType ?? "none"}` })
      return { operationId: operation.operationId, status: exchange.status, contentType, violations }
    }
    let body: unknown = exchange.body
    if (contentType!.endsWith("json")) {
      try {
        body = JSON.parse(exchange.body)
      } catch {
        violations.push({ pointer: "/response/body", message: "expected JSON, got a body that does not parse" })
        return { operationId: operation.operationId, status: exchange.status, contentType, violations }
      }
    }
    violations.push(...validator.validate(schemaPointer, body, "/response/body"))
    return { operationId: operation.operationId, status: exchange.status, contentType, violations }
  }
  return { index, check }
}
