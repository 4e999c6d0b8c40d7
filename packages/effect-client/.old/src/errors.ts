import * as Data from "effect/Data"
import type * as Duration from "effect/Duration"
import type { DecodeError, TransportError } from "@deleted-users/openapi-runtime"
import type { PaginationError } from "./pagination-error.js"

/** What every error from a Zendesk response carries: what a caller and Zendesk support need. */
export interface ResponseErrorFields {
  /** The operationId of the call, e.g. `PermanentlyDeleteUser`. */
  readonly operation: string
  /** The HTTP status. */
  readonly status: number
  /** Zendesk's error code from whichever envelope came back (`RecordNotFound`, `InvalidPaginationParameter`, ...). */
  readonly code: string | undefined
  /** Zendesk's description or title, when it sent one. */
  readonly description: string | undefined
  /** `X-Zendesk-Request-Id`: support asks for it. */
  readonly requestId: string | undefined
}

const describe = (name: string, f: ResponseErrorFields) =>
  `${name}: ${f.operation} answered ${f.status}${f.code === undefined ? "" : ` ${f.code}`}` +
  `${f.description === undefined ? "" : `: ${f.description}`}${f.requestId === undefined ? "" : ` (request id ${f.requestId})`}`

/** Nothing was sent: an id that is not a positive safe integer, a page size outside 1..100, `after` with `before`. */
export class InvalidInput extends Data.TaggedError("InvalidInput")<{
  /** The operation that was not called, e.g. `permanentlyDelete`. */
  readonly operation: string
  /** The argument at fault, e.g. `id` or `pageSize`. */
  readonly field: string
  /** What is wrong with it. */
  readonly message: string
}> {}

/** 400: e.g. `InvalidPaginationParameter` (a bad cursor) or `InvalidPaginationDepth` (offset past 10,000 records). */
export class BadRequest extends Data.TaggedError("BadRequest")<ResponseErrorFields> {
  /** `<Tag>: <operation> answered <status> <code>: <description> (request id <id>)`, whichever parts Zendesk sent. */
  override get message() {
    return describe(this._tag, this)
  }
}

/** 401: missing or wrong credentials. */
export class Unauthorized extends Data.TaggedError("Unauthorized")<ResponseErrorFields> {
  /** `<Tag>: <operation> answered <status> <code>: <description> (request id <id>)`, whichever parts Zendesk sent. */
  override get message() {
    return describe(this._tag, this)
  }
}

/** 403: authenticated but not allowed (e.g. a plain agent purging a user). */
export class Forbidden extends Data.TaggedError("Forbidden")<ResponseErrorFields> {
  /** `<Tag>: <operation> answered <status> <code>: <description> (request id <id>)`, whichever parts Zendesk sent. */
  override get message() {
    return describe(this._tag, this)
  }
}

/** 404: no such deleted user (never deleted, or already permanently deleted), or `InvalidEndpoint`. */
export class NotFound extends Data.TaggedError("NotFound")<ResponseErrorFields> {
  /** `<Tag>: <operation> answered <status> <code>: <description> (request id <id>)`, whichever parts Zendesk sent. */
  override get message() {
    return describe(this._tag, this)
  }
}

/** 409: a concurrent change to the same resource. */
export class Conflict extends Data.TaggedError("Conflict")<ResponseErrorFields> {
  /** `<Tag>: <operation> answered <status> <code>: <description> (request id <id>)`, whichever parts Zendesk sent. */
  override get message() {
    return describe(this._tag, this)
  }
}

/** 422: Zendesk refuses (e.g. `RecordInvalid` for a deletion), with its `details`. */
export class UnprocessableEntity extends Data.TaggedError("UnprocessableEntity")<
  ResponseErrorFields & {
    /** Zendesk's `details` (per field, the reasons for the refusal), as sent. */
    readonly details: unknown
  }
> {
  /** `<Tag>: <operation> answered <status> <code>: <description> (request id <id>)`, whichever parts Zendesk sent. */
  override get message() {
    return describe(this._tag, this)
  }
}

/** 429: rate limited; `retryAfter` is Zendesk's `Retry-After`. */
export class RateLimited extends Data.TaggedError("RateLimited")<
  ResponseErrorFields & {
    /** How long Zendesk asked to wait (`Retry-After`), when it said. */
    readonly retryAfter: Duration.Duration | undefined
  }
> {
  /** `<Tag>: <operation> answered <status> <code>: <description> (request id <id>)`, whichever parts Zendesk sent. */
  override get message() {
    return describe(this._tag, this)
  }
}

/** 5xx: `retryAfter` when Zendesk gave one (a 503 database timeout); without it a 503 is maintenance. */
export class ServerError extends Data.TaggedError("ServerError")<
  ResponseErrorFields & {
    /** How long Zendesk asked to wait (`Retry-After`), when it said. */
    readonly retryAfter: Duration.Duration | undefined
  }
> {
  /** `<Tag>: <operation> answered <status> <code>: <description> (request id <id>)`, whichever parts Zendesk sent. */
  override get message() {
    return describe(this._tag, this)
  }
}

/**
 * The request did not complete (`Refused`: never sent; `Connection`: reset or closed; `Body`: the
 * response broke off; `Timeout`), and a 2xx body that does not match the spec (`pointer`: the JSON
 * pointer of the first mismatch): the generated client's own classes, the same for every API.
 */
export { DecodeError, TransportError } from "@deleted-users/openapi-runtime"

/** Every error a call can fail with. */
export type ZendeskError =
  | InvalidInput
  | BadRequest
  | Unauthorized
  | Forbidden
  | NotFound
  | Conflict
  | UnprocessableEntity
  | RateLimited
  | ServerError
  | TransportError
  | DecodeError
  | PaginationError

/** Errors that came with an HTTP response. */
export type ResponseError = BadRequest | Unauthorized | Forbidden | NotFound | Conflict | UnprocessableEntity | RateLimited | ServerError
