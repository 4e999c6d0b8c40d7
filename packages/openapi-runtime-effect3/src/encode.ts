/**
 * Request encoding: the URL (path and query by each parameter's style), headers, cookies and the
 * body in each media type (JSON, form, multipart, text, bytes).
 *
 * @module
 */
import type { BodyKind, OperationInput, OperationSpec, ParameterSpec } from "./operation.js"

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array) && !(value instanceof Blob)

const scalar = (value: unknown): string =>
  typeof value === "string" ? value : value instanceof Date ? value.toISOString() : typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)

const pathValue = (parameter: ParameterSpec, value: unknown): string => {
  const enc = (v: unknown) => encodeURIComponent(scalar(v))
  const explode = parameter.explode === true
  const style = parameter.style ?? "simple"
  const prefix = style === "label" ? "." : style === "matrix" ? `;${parameter.name}=` : ""
  if (parameter.json === true) return encodeURIComponent(JSON.stringify(value))
  if (Array.isArray(value)) {
    if (style === "matrix" && explode) return value.map((v) => `;${parameter.name}=${enc(v)}`).join("")
    return prefix + value.map(enc).join(explode && style === "label" ? "." : ",")
  }
  if (isRecord(value)) {
    const entries = Object.entries(value)
    return prefix + (explode ? entries.map(([k, v]) => `${encodeURIComponent(k)}=${enc(v)}`).join(style === "label" ? "." : ",") : entries.flatMap(([k, v]) => [encodeURIComponent(k), enc(v)]).join(","))
  }
  return prefix + enc(value)
}

const queryPairs = (parameter: ParameterSpec, value: unknown): Array<[string, string]> => {
  const name = parameter.name
  if (parameter.json === true) return [[name, JSON.stringify(value)]]
  const style = parameter.style ?? "form"
  const explode = parameter.explode ?? style === "form"
  if (Array.isArray(value)) {
    if (explode) return value.map((v) => [name, scalar(v)])
    const separator = style === "spaceDelimited" ? " " : style === "pipeDelimited" ? "|" : ","
    return [[name, value.map(scalar).join(separator)]]
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    if (style === "deepObject") return entries.map(([k, v]) => [`${name}[${k}]`, scalar(v)])
    if (explode) return entries.map(([k, v]) => [k, scalar(v)])
    return [[name, entries.flatMap(([k, v]) => [k, scalar(v)]).join(",")]]
  }
  return [[name, scalar(value)]]
}

/** The URL of a call: base URL, the path with its parameters substituted, and the query string. */
export const buildUrl = (baseUrl: string, operation: OperationSpec, input: OperationInput, extraQuery: ReadonlyArray<[string, string]> = []): string => {
  let path = operation.path
  const query = new URLSearchParams()
  for (const parameter of operation.parameters) {
    if (parameter.in === "path") {
      const value = input.path?.[parameter.name]
      path = path.split(`{${parameter.name}}`).join(value === undefined ? "" : pathValue(parameter, value))
    } else if (parameter.in === "query") {
      const value = input.query?.[parameter.name]
      if (value !== undefined) for (const [k, v] of queryPairs(parameter, value)) query.append(k, v)
    }
  }
  for (const [k, v] of extraQuery) query.append(k, v)
  const search = query.toString()
  return baseUrl + path + (search === "" ? "" : `?${search}`)
}

/** The segments of each path template that hold parameters, and the parameters by name, computed once per operation. */
const templates = new WeakMap<OperationSpec, ReadonlyArray<{ readonly segment: string; readonly names: ReadonlyArray<string> }>>()

const parameterSegments = (operation: OperationSpec) => {
  let segments = templates.get(operation)
  if (segments === undefined) {
    segments = operation.path.split("/").flatMap((segment) => {
      const names = [...segment.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)
      return names.length === 0 ? [] : [{ segment, names }]
    })
    templates.set(operation, segments)
  }
  return segments
}

/**
 * The first path parameter whose value would make its path segment empty, `.` or `..`, if any: URL
 * normalisation would then send the call to another resource (`/things/{name}` with `..` is `GET /`).
 * Dots within a segment (`a.b`, `...`) are a name like any other.
 */
export const unsafePathParameter = (operation: OperationSpec, input: OperationInput): string | undefined => {
  const segments = parameterSegments(operation)
  if (segments.length === 0) return undefined
  for (const { segment, names } of segments) {
    let rendered = segment
    for (const name of names) {
      const parameter = operation.parameters.find((p) => p.in === "path" && p.name === name)
      const value = input.path?.[name]
      rendered = rendered.split(`{${name}}`).join(value === undefined || parameter === undefined ? "" : pathValue(parameter, value))
    }
    const dots = rendered.replace(/%2e/gi, ".")
    if (dots === "" || dots === "." || dots === "..") return names[0]
  }
  return undefined
}

const headerValue = /^[\t\x20-\x7e\x80-\xff]*$/
const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/**
 * Whether a header value can be sent as it is by `node:http` and by fetch alike: tab, visible ASCII,
 * space and Latin-1 (obs-text). CR, LF, NUL (header injection) and characters past U+00FF are not.
 */
export const isHeaderValue = (value: string): boolean => headerValue.test(value)

/** Whether a header name is an RFC 9110 token. */
export const isHeaderName = (name: string): boolean => headerName.test(name)

/** Header and cookie parameters as headers (`cookie` joined into one header). */
export const parameterHeaders = (operation: OperationSpec, input: OperationInput, headers: Record<string, string>): void => {
  const cookies: Array<string> = []
  for (const parameter of operation.parameters) {
    if (parameter.in === "header") {
      const value = input.headers?.[parameter.name]
      if (value !== undefined) headers[parameter.name.toLowerCase()] = parameter.json === true ? JSON.stringify(value) : Array.isArray(value) ? value.map(scalar).join(",") : scalar(value)
    } else if (parameter.in === "cookie") {
      const value = input.cookies?.[parameter.name]
      if (value !== undefined) cookies.push(`${parameter.name}=${encodeURIComponent(Array.isArray(value) ? value.map(scalar).join(",") : scalar(value))}`)
    }
  }
  if (cookies.length > 0) headers["cookie"] = [headers["cookie"], ...cookies].filter((c) => c !== undefined).join("; ")
}

/** A body ready to send, or a promise of one (multipart and `Blob` bodies are read asynchronously). */
export type EncodedBody = {
  /** The `content-type` header to send (with the multipart boundary, when there is one). */
  readonly contentType: string
  /** The encoded bytes or text. */
  readonly body: Uint8Array | string
}

const formEntries = (value: unknown): Array<[string, string]> =>
  isRecord(value)
    ? Object.entries(value).flatMap(([k, v]): Array<[string, string]> => (v === undefined ? [] : Array.isArray(v) ? v.map((x) => [k, scalar(x)]) : [[k, scalar(v)]]))
    : []

const toFormData = (value: unknown): FormData => {
  if (value instanceof FormData) return value
  const form = new FormData()
  if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      for (const item of Array.isArray(v) ? v : [v]) {
        if (item === undefined) continue
        if (item instanceof Blob) form.append(k, item)
        else if (item instanceof Uint8Array) form.append(k, new Blob([item as Uint8Array<ArrayBuffer>]), k)
        else form.append(k, scalar(item))
      }
    }
  }
  return form
}

/**
 * Encodes a body in a media type. Multipart is serialised by the platform's own `Response` (the
 * boundary comes with its content type); a `Blob` is read into bytes.
 */
export const encodeBody = (kind: BodyKind, mediaType: string, value: unknown): EncodedBody | Promise<EncodedBody> => {
  switch (kind) {
    case "json":
      return { contentType: mediaType, body: JSON.stringify(value) }
    case "form":
      return { contentType: mediaType, body: value instanceof URLSearchParams ? value.toString() : new URLSearchParams(formEntries(value)).toString() }
    case "text":
      return { contentType: mediaType, body: scalar(value) }
    case "multipart": {
      const response = new Response(toFormData(value))
      const contentType = response.headers.get("content-type") ?? mediaType
      return response.arrayBuffer().then((buffer) => ({ contentType, body: new Uint8Array(buffer) }))
    }
    case "binary":
      if (value instanceof Blob) return value.arrayBuffer().then((buffer) => ({ contentType: mediaType, body: new Uint8Array(buffer) }))
      if (value instanceof ArrayBuffer) return { contentType: mediaType, body: new Uint8Array(value) }
      return { contentType: mediaType, body: value instanceof Uint8Array ? value : scalar(value) }
  }
}
