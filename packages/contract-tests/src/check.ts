import { at, type OperationSpec, type SpecIndex } from "./spec-index.js"
import { makeValidator, type SchemaValidator, type Violation } from "./validator.js"

/** One recorded request and response, as the checker sees it. */
export interface Exchange {
  readonly method: string
  readonly url: string
  readonly status: number
  /** Response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** The verdict on one exchange. */
export interface ExchangeResult {
  readonly operationId: string | undefined
  readonly status: number
  readonly contentType: string | undefined
  readonly violations: ReadonlyArray<Violation>
}

/** Checks recorded exchanges against a spec. `strict` also flags undocumented properties and enum values. */
export interface Checker {
  readonly index: SpecIndex
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

const checkRequest = (index: SpecIndex, validator: SchemaValidator, operation: OperationSpec, url: URL, pathParams: Record<string, string>, strict: boolean): Array<Violation> => {
  const violations: Array<Violation> = []
  for (const param of operation.parameters) {
    const raw = param.in === "path" ? pathParams[param.name] : param.in === "query" ? url.searchParams.get(param.name) ?? undefined : undefined
    if (param.in !== "path" && param.in !== "query") continue
    if (raw === undefined) {
      if (param.required) violations.push({ pointer: `/request/${param.in}/${param.name}`, message: "missing required parameter" })
      continue
    }
    const decoded = param.in === "path" ? decodeURIComponent(raw) : raw
    violations.push(...validator.validate(param.schemaPointer, coerce(decoded, at(index.document, param.schemaPointer)), `/request/${param.in}/${param.name}`))
  }
  if (strict) {
    const known = new Set(operation.parameters.filter((p) => p.in === "query").map((p) => p.name))
    for (const name of new Set(url.searchParams.keys())) {
      if (!known.has(name)) violations.push({ pointer: `/request/query/${name}`, message: "undocumented query parameter" })
    }
  }
  return violations
}

/** Builds a checker for a spec. */
export const makeChecker = (index: SpecIndex, options: { readonly strict?: boolean } = {}): Checker => {
  const strict = options.strict ?? false
  const validator = makeValidator(index.document, { strict })
  const check = (exchange: Exchange): ExchangeResult => {
    const url = new URL(exchange.url, "http://recorded.invalid")
    const contentType = exchange.headers["content-type"]?.split(";")[0]?.trim().toLowerCase()
    const matched = index.match(exchange.method, url.pathname)
    if (matched === undefined) {
      return { operationId: undefined, status: exchange.status, contentType, violations: [{ pointer: "/request/url", message: `undocumented endpoint: no operation for ${exchange.method} ${url.pathname}` }] }
    }
    const { operation, pathParams } = matched
    const violations = checkRequest(index, validator, operation, url, pathParams, strict)
    const response = operation.responses.get(String(exchange.status)) ?? operation.responses.get(`${String(exchange.status)[0]}XX`) ?? operation.responses.get("default")
    if (response === undefined) {
      violations.push({ pointer: "/response/status", message: `undocumented status: expected one of ${[...operation.responses.keys()].join(", ")}, got ${exchange.status}` })
      return { operationId: operation.operationId, status: exchange.status, contentType, violations }
    }
    for (const [name, header] of response.headers) {
      const value = exchange.headers[name]
      if (value === undefined) {
        if (header.required) violations.push({ pointer: `/response/headers/${name}`, message: "missing required header" })
      } else if (header.schemaPointer !== undefined) {
        violations.push(...validator.validate(header.schemaPointer, coerce(value, at(index.document, header.schemaPointer)), `/response/headers/${name}`))
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
