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

/**
 * A path template compiled once per operation: its pieces (literal text, or the index of a declared
 * path parameter), and each segment that holds parameters as pieces too (an undeclared `{name}` there
 * is the empty string, the declared one's index otherwise), with the name it is reported under.
 */
type PathTemplate = {
  readonly parameters: ReadonlyArray<ParameterSpec>
  readonly pieces: ReadonlyArray<string | number>
  readonly segments: ReadonlyArray<{ readonly name: string; readonly pieces: ReadonlyArray<string | number> }>
}

const templates = new WeakMap<OperationSpec, PathTemplate>()

/** The pieces of `text`: each `{name}` of a declared path parameter (the first declared that matches) is its index. */
const piecesOf = (text: string, parameters: ReadonlyArray<ParameterSpec>): Array<string | number> => {
  const pieces: Array<string | number> = []
  let literal = ""
  for (let i = 0; i < text.length; i++) {
    const at = text[i] === "{" ? parameters.findIndex((p) => text.startsWith(`{${p.name}}`, i)) : -1
    if (at < 0) {
      literal += text[i]
      continue
    }
    if (literal !== "") pieces.push(literal)
    literal = ""
    pieces.push(at)
    i += parameters[at]!.name.length + 1
  }
  if (literal !== "") pieces.push(literal)
  return pieces
}

const templateOf = (operation: OperationSpec): PathTemplate => {
  let template = templates.get(operation)
  if (template === undefined) {
    const parameters = operation.parameters.filter((p) => p.in === "path")
    const segments = operation.path.split("/").flatMap((segment) => {
      const names = [...segment.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)
      if (names.length === 0) return []
      // An undeclared `{name}` renders as nothing here (it is no value the caller gave).
      const pieces = piecesOf(segment.replace(/\{([^}]+)\}/g, (whole, name: string) => (parameters.some((p) => p.name === name) ? whole : "")), parameters)
      return [{ name: names[0]!, pieces }]
    })
    template = { parameters, pieces: piecesOf(operation.path, parameters), segments }
    templates.set(operation, template)
  }
  return template
}

const render = (pieces: ReadonlyArray<string | number>, values: ReadonlyArray<string>): string => {
  let out = ""
  for (const piece of pieces) out += typeof piece === "number" ? values[piece]! : piece
  return out
}

/** The path of a call, and the first path parameter that would make it unsafe (see {@link callPath}). */
export interface CallPath {
  /** The path, its path parameters substituted, each value encoded once. */
  readonly path: string
  /** The first path parameter whose value makes its segment empty, `.` or `..`; `undefined` when none does. */
  readonly unsafe: string | undefined
}

/**
 * The path of a call, its declared path parameters substituted (each value encoded once), and the
 * first path parameter whose value would make its path segment empty, `.` or `..`, if any: URL
 * normalisation would then send the call to another resource (`/things/{name}` with `..` is `GET /`).
 * Dots within a segment (`a.b`, `...`) are a name like any other.
 */
export const callPath = (operation: OperationSpec, input: OperationInput): CallPath => {
  const template = templateOf(operation)
  if (template.parameters.length === 0 && template.segments.length === 0) return { path: operation.path, unsafe: undefined }
  const values = template.parameters.map((parameter) => {
    const value = input.path?.[parameter.name]
    return value === undefined ? "" : pathValue(parameter, value)
  })
  let unsafe: string | undefined
  for (const segment of template.segments) {
    const dots = render(segment.pieces, values).replace(/%2e/gi, ".")
    if (dots === "" || dots === "." || dots === "..") {
      unsafe = segment.name
      break
    }
  }
  return { path: render(template.pieces, values), unsafe }
}

/** The query string of a call (`?a=1&b=2`, or empty): its query parameters by their style, then `extraQuery`. */
export const queryString = (operation: OperationSpec, input: OperationInput, extraQuery: ReadonlyArray<[string, string]> = []): string => {
  let query: URLSearchParams | undefined
  if (input.query !== undefined) {
    for (const parameter of operation.parameters) {
      if (parameter.in !== "query") continue
      const value = input.query[parameter.name]
      if (value !== undefined) for (const [k, v] of queryPairs(parameter, value)) (query ??= new URLSearchParams()).append(k, v)
    }
  }
  for (const [k, v] of extraQuery) (query ??= new URLSearchParams()).append(k, v)
  const search = query === undefined ? "" : query.toString()
  return search === "" ? "" : `?${search}`
}

/** The URL of a call: base URL, the path with its parameters substituted, and the query string. */
export const buildUrl = (baseUrl: string, operation: OperationSpec, input: OperationInput, extraQuery: ReadonlyArray<[string, string]> = []): string =>
  baseUrl + callPath(operation, input).path + queryString(operation, input, extraQuery)

/**
 * The first path parameter whose value would make its path segment empty, `.` or `..`, if any: URL
 * normalisation would then send the call to another resource (`/things/{name}` with `..` is `GET /`).
 * Dots within a segment (`a.b`, `...`) are a name like any other.
 */
export const unsafePathParameter = (operation: OperationSpec, input: OperationInput): string | undefined => callPath(operation, input).unsafe

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
