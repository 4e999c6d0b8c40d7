/**
 * What the generator writes for each operation: a plain description of its parameters, body and
 * responses, with the validators compiled at generation time.
 *
 * @module
 */

/** A validator compiled by ajv at generation time: `true`, or `false` with `errors` set. */
export interface Validator {
  (data: unknown): boolean
  errors?: ReadonlyArray<{ readonly instancePath: string; readonly keyword: string; readonly message?: string; readonly params?: unknown }> | null
}

/** One parameter of an operation, with its serialisation style. */
export interface ParameterSpec {
  readonly name: string
  readonly in: "path" | "query" | "header" | "cookie"
  /** `simple`, `label`, `matrix` (path); `form`, `spaceDelimited`, `pipeDelimited`, `deepObject` (query). */
  readonly style?: string
  readonly explode?: boolean
  /** Whether the parameter is `content: application/json` (sent as JSON text). */
  readonly json?: boolean
}

/** How a body media type is written: JSON, form, multipart, text or bytes. */
export type BodyKind = "json" | "form" | "multipart" | "text" | "binary"

/** The request body an operation declares. */
export interface BodySpec {
  readonly required: boolean
  /** The declared media types, in spec order, with how each is written and (for JSON and form) its validator. */
  readonly content: ReadonlyArray<{ readonly mediaType: string; readonly kind: BodyKind; readonly validate?: Validator }>
}

/** One declared response: its media types, each with a validator when it has a JSON schema. */
export interface ResponseSpec {
  readonly content: ReadonlyArray<{ readonly mediaType: string; readonly kind: BodyKind; readonly validate?: Validator }>
}

/** A security requirement alternative: every scheme it names must be satisfied. */
export type SecurityRequirement = ReadonlyArray<string>

/** An operation as the generator describes it. */
export interface OperationSpec {
  /** The operationId (or method and path when the spec gives none). */
  readonly id: string
  readonly method: "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
  /** The path template, e.g. `/pets/{petId}`. */
  readonly path: string
  readonly parameters: ReadonlyArray<ParameterSpec>
  /** Validates `{ path, query, headers, cookies }` (bodies are validated per media type). */
  readonly validateParameters?: Validator
  readonly body?: BodySpec
  /** By status code, `1XX`..`5XX` range, or `default`. */
  readonly responses: Readonly<Record<string, ResponseSpec>>
  /** Alternatives of security schemes; empty: no authentication. */
  readonly security: ReadonlyArray<SecurityRequirement>
}

/** The argument of a generated method. */
export interface OperationInput {
  readonly path?: Readonly<Record<string, unknown>>
  readonly query?: Readonly<Record<string, unknown>>
  readonly headers?: Readonly<Record<string, unknown>>
  readonly cookies?: Readonly<Record<string, unknown>>
  readonly body?: unknown
  /** Which declared request media type to send (default: the first declared). */
  readonly contentType?: string
}

/** The JSON-like media types: `application/json`, `application/problem+json`, `*\/*+json`. */
export const isJson = (mediaType: string): boolean => {
  const type = mediaType.split(";")[0]!.trim().toLowerCase()
  return type === "application/json" || type.endsWith("+json") || type === "*/*"
}

/** The kind of a media type. */
export const kindOf = (mediaType: string): BodyKind => {
  const type = mediaType.split(";")[0]!.trim().toLowerCase()
  if (isJson(type) && type !== "*/*") return "json"
  if (type === "application/x-www-form-urlencoded") return "form"
  if (type.startsWith("multipart/")) return "multipart"
  if (type.startsWith("text/") || type === "application/xml") return "text"
  return type === "*/*" ? "json" : "binary"
}
