/**
 * The parts of an OpenAPI 3.0/3.1 document the mock reads, typed loosely: any of them may be a
 * `$ref` instead (follow it with `deref`).
 *
 * @module
 */

/** A JSON Schema (3.1) or an OpenAPI Schema Object (3.0). */
export type Schema = { readonly [key: string]: unknown }

/** An example object: a `value` (an `externalValue` is not fetched). */
export interface Example {
  /** The example itself. */
  readonly value?: unknown
  /** One line about it. */
  readonly summary?: string
}

/** A media type of a request or response body, with its schema and examples. */
export interface MediaType {
  /** The body's schema. */
  readonly schema?: Schema
  /** One example. */
  readonly example?: unknown
  /** Named examples (each maybe a `$ref`). */
  readonly examples?: { readonly [name: string]: Example }
}

/** A parameter (path, query, header or cookie). */
export interface Parameter {
  /** Its name, as sent. */
  readonly name: string
  /** Where it is sent. */
  readonly in: "path" | "query" | "header" | "cookie"
  /** Whether it must be sent (path parameters always). */
  readonly required?: boolean
  /** How it is serialised: `form`, `simple`, `deepObject`, `spaceDelimited`, `pipeDelimited`, `label`, `matrix`. */
  readonly style?: string
  /** Whether arrays and objects are spread over several values. */
  readonly explode?: boolean
  /** Its schema. */
  readonly schema?: Schema
  /** Instead of a schema: one media type whose schema the (JSON) value follows. */
  readonly content?: { readonly [mediaType: string]: MediaType }
  /** One example. */
  readonly example?: unknown
  /** Named examples. */
  readonly examples?: { readonly [name: string]: Example }
}

/** A response header. */
export interface Header {
  /** Its schema. */
  readonly schema?: Schema
  /** Instead of a schema: one media type. */
  readonly content?: { readonly [mediaType: string]: MediaType }
  /** One example. */
  readonly example?: unknown
  /** Named examples. */
  readonly examples?: { readonly [name: string]: Example }
}

/** A response: its headers and body by media type. */
export interface Response {
  /** Headers by name. */
  readonly headers?: { readonly [name: string]: Header }
  /** The body by media type; none for a response without a body. */
  readonly content?: { readonly [mediaType: string]: MediaType }
}

/** A request body: by media type, and whether it must be sent. */
export interface RequestBody {
  /** The body by media type. */
  readonly content?: { readonly [mediaType: string]: MediaType }
  /** Whether a body must be sent. */
  readonly required?: boolean
}

/** A security requirement: the schemes that must all be satisfied, by name. */
export type SecurityRequirement = { readonly [scheme: string]: ReadonlyArray<string> }

/** A security scheme. */
export interface SecurityScheme {
  /** `http`, `apiKey`, `oauth2`, `openIdConnect` or `mutualTLS`. */
  readonly type: string
  /** For `http`: `basic`, `bearer`, or another HTTP authentication scheme. */
  readonly scheme?: string
  /** For `apiKey`: where the key goes. */
  readonly in?: "header" | "query" | "cookie"
  /** For `apiKey`: the header, query parameter or cookie that carries it. */
  readonly name?: string
}

/** An operation: one method of one path. */
export interface Operation {
  /** Its id. */
  readonly operationId?: string
  /** Its own parameters (they override the path's of the same name and place). */
  readonly parameters?: ReadonlyArray<Parameter>
  /** Its request body. */
  readonly requestBody?: RequestBody
  /** Its responses by status (`200`, `4XX`, `default`). */
  readonly responses?: { readonly [status: string]: Response }
  /** Its security requirements, overriding the document's. */
  readonly security?: ReadonlyArray<SecurityRequirement>
}

/** A path item: operations by method, and parameters shared by them. */
export type PathItem = {
  /** Parameters every operation of the path shares. */
  readonly parameters?: ReadonlyArray<Parameter>
} & { readonly [method: string]: unknown }

/** An OpenAPI 3.0 or 3.1 document, bundled (every `$ref` local). */
export interface Document {
  /** `3.0.x` or `3.1.x`. */
  readonly openapi: string
  /** Where the API is served; their paths are accepted as prefixes. */
  readonly servers?: ReadonlyArray<{
    /** The server's URL, with `{variables}`. */
    readonly url: string
    /** The URL's variables by name. */
    readonly variables?: {
      readonly [name: string]: {
        /** The value used when none is chosen. */
        readonly default?: string
      }
    }
  }>
  /** The paths. */
  readonly paths?: { readonly [path: string]: PathItem }
  /** The document's security requirements. */
  readonly security?: ReadonlyArray<SecurityRequirement>
  /** Reusable parts. */
  readonly components?: {
    /** Security schemes by name. */
    readonly securitySchemes?: { readonly [name: string]: SecurityScheme }
    readonly [kind: string]: unknown
  }
}
