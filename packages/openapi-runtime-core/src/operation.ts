/**
 * What the generator writes for each operation: a plain description of its parameters, body and
 * responses, with the validators compiled at generation time.
 *
 * @module
 */
import type { ServerSpec } from "./servers.js"

/** A validator compiled by ajv at generation time: `true`, or `false` with `errors` set. */
export interface Validator {
  (data: unknown): boolean
  /** The errors of the last call that returned `false` (ajv's `ErrorObject`s). */
  errors?: ReadonlyArray<{
    /** The JSON pointer of the failing value. */
    readonly instancePath: string
    /** The schema keyword that failed (`type`, `required`, ...). */
    readonly keyword: string
    /** Where in the schema it failed (`#/oneOf/1/required`, `spec#/components/schemas/Dog/type`). */
    readonly schemaPath?: string
    /** What the keyword expected. */
    readonly message?: string
    /** The keyword's parameters (e.g. `{ missingProperty }`). */
    readonly params?: unknown
  }> | null
}

/** One parameter of an operation, with its serialisation style. */
export interface ParameterSpec {
  /** The parameter's name, as the spec declares it. */
  readonly name: string
  /** Where it is sent. */
  readonly in: "path" | "query" | "header" | "cookie"
  /** `simple`, `label`, `matrix` (path); `form`, `spaceDelimited`, `pipeDelimited`, `deepObject` (query). */
  readonly style?: string
  /** Whether arrays and objects are exploded into one parameter per value (the OpenAPI `explode`). */
  readonly explode?: boolean
  /** Whether the parameter is `content: application/json` (sent as JSON text). */
  readonly json?: boolean
}

/** How a body media type is written: JSON, form, multipart, text or bytes. */
export type BodyKind = "json" | "form" | "multipart" | "text" | "binary"

/** The request body an operation declares. */
export interface BodySpec {
  /** Whether the operation requires a body. */
  readonly required: boolean
  /** The declared media types, in spec order, with how each is written and (for JSON and form) its validator. */
  readonly content: ReadonlyArray<{
    /** The media type, as declared. */
    readonly mediaType: string
    /** How the body in this media type is read or written. */
    readonly kind: BodyKind
    /** The validator of its schema, when it has one. */
    readonly validate?: Validator
  }>
}

/** One declared response: its media types, each with a validator when it has a JSON schema. */
export interface ResponseSpec {
  /** The declared media types of the response, in spec order (empty: no body). */
  readonly content: ReadonlyArray<{
    /** The media type, as declared. */
    readonly mediaType: string
    /** How the body in this media type is read or written. */
    readonly kind: BodyKind
    /** The validator of its schema, when it has one. */
    readonly validate?: Validator
  }>
}

/** A security requirement alternative: every scheme it names must be satisfied. */
export type SecurityRequirement = ReadonlyArray<string>

/** An operation as the generator describes it. */
export interface OperationSpec {
  /** The operationId (or method and path when the spec gives none). */
  readonly id: string
  /** The HTTP method, in lower case. */
  readonly method: "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
  /** The path template, e.g. `/pets/{petId}`. */
  readonly path: string
  /** The parameters, those of the path item included. */
  readonly parameters: ReadonlyArray<ParameterSpec>
  /** Validates `{ path, query, headers, cookies }` (bodies are validated per media type). */
  readonly validateParameters?: Validator
  /** The request body, when the operation declares one. */
  readonly body?: BodySpec
  /** By status code, `1XX`..`5XX` range, or `default`. */
  readonly responses: Readonly<Record<string, ResponseSpec>>
  /** Alternatives of security schemes; empty: no authentication. */
  readonly security: ReadonlyArray<SecurityRequirement>
  /** The operation's (or its path item's) own servers, over the document's: the first is called. */
  readonly servers?: ReadonlyArray<ServerSpec>
}

/** The argument of a generated method. */
export interface OperationInput {
  /** Path parameters, by name. */
  readonly path?: Readonly<Record<string, unknown>>
  /** Query parameters, by name. */
  readonly query?: Readonly<Record<string, unknown>>
  /** Header parameters, by name. */
  readonly headers?: Readonly<Record<string, unknown>>
  /** Cookie parameters, by name. */
  readonly cookies?: Readonly<Record<string, unknown>>
  /** The request body, in the form its media type takes. */
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
