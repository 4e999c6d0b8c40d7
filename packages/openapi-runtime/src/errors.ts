/**
 * The errors a generated operation fails with: one class per declared error status (generic in the
 * body that status declares), and four that any call can meet.
 *
 * @module
 */
import type * as Cause from "effect/Cause"
import * as Data from "effect/Data"
import type * as Duration from "effect/Duration"

/** What every error that came with an HTTP response carries. */
export interface ResponseFields<Body> {
  /** The operationId of the call. */
  readonly operation: string
  /** The HTTP status. */
  readonly status: number
  /** The body, decoded by the media type the response declared (`undefined` when it had none). */
  readonly body: Body
  /** Response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  /** The server's request id, when it sent one (the header the spec declares, or `x-request-id`). */
  readonly requestId: string | undefined
  /** `Retry-After` (seconds or an HTTP date), when the server sent it. */
  readonly retryAfter: Duration.Duration | undefined
  /** The API's error code, read from its error envelope by the client's `errorEnvelope` hook (`RecordNotFound`). */
  readonly code?: string | undefined
  /** The API's description of the error, read from its error envelope by the client's `errorEnvelope` hook. */
  readonly description?: string | undefined
  /** Further detail the envelope holds (per field reasons, a list of errors), as sent. */
  readonly details?: unknown
}

/** An error for one HTTP status, tagged by its name, with the body its operation declares for it. */
export interface StatusError<Tag extends string, Body> extends Cause.YieldableError, ResponseFields<Body> {
  /** The class name of the status (`NotFound`, `RateLimited`, ...), for `Effect.catchTag`. */
  readonly _tag: Tag
}

/** The constructor of a status error class: generic in the body. */
export interface StatusErrorClass<Tag extends string> {
  new <Body = unknown>(fields: ResponseFields<Body>): StatusError<Tag, Body>
}

const describe = (tag: string, f: ResponseFields<unknown>): string =>
  `${f.operation}: ${tag} (${f.status})${f.code === undefined ? "" : ` ${f.code}`}${f.description === undefined ? "" : `: ${f.description}`}` +
  `${f.requestId === undefined ? "" : `, request id ${f.requestId}`}`

const statusError = <Tag extends string>(tag: Tag): StatusErrorClass<Tag> => {
  class Error extends Data.TaggedError(tag)<ResponseFields<unknown>> {
    /** The operation, the status, the API's code and description when read, and the request id, e.g. `showUser: NotFound (404) RecordNotFound: Not found, request id abc`. */
    override get message(): string {
      return describe(tag, this)
    }
  }
  return Error as unknown as StatusErrorClass<Tag>
}

/** 400. */
export const BadRequest = statusError("BadRequest")
/** 400, with the body the operation declares. */
export type BadRequest<Body = unknown> = StatusError<"BadRequest", Body>
/** 401. */
export const Unauthorized = statusError("Unauthorized")
/** 401, with the body the operation declares. */
export type Unauthorized<Body = unknown> = StatusError<"Unauthorized", Body>
/** 403. */
export const Forbidden = statusError("Forbidden")
/** 403, with the body the operation declares. */
export type Forbidden<Body = unknown> = StatusError<"Forbidden", Body>
/** 404. */
export const NotFound = statusError("NotFound")
/** 404, with the body the operation declares. */
export type NotFound<Body = unknown> = StatusError<"NotFound", Body>
/** 405. */
export const MethodNotAllowed = statusError("MethodNotAllowed")
/** 405, with the body the operation declares. */
export type MethodNotAllowed<Body = unknown> = StatusError<"MethodNotAllowed", Body>
/** 406. */
export const NotAcceptable = statusError("NotAcceptable")
/** 406, with the body the operation declares. */
export type NotAcceptable<Body = unknown> = StatusError<"NotAcceptable", Body>
/** 408. */
export const RequestTimeout = statusError("RequestTimeout")
/** 408, with the body the operation declares. */
export type RequestTimeout<Body = unknown> = StatusError<"RequestTimeout", Body>
/** 409. */
export const Conflict = statusError("Conflict")
/** 409, with the body the operation declares. */
export type Conflict<Body = unknown> = StatusError<"Conflict", Body>
/** 410. */
export const Gone = statusError("Gone")
/** 410, with the body the operation declares. */
export type Gone<Body = unknown> = StatusError<"Gone", Body>
/** 412. */
export const PreconditionFailed = statusError("PreconditionFailed")
/** 412, with the body the operation declares. */
export type PreconditionFailed<Body = unknown> = StatusError<"PreconditionFailed", Body>
/** 413. */
export const PayloadTooLarge = statusError("PayloadTooLarge")
/** 413, with the body the operation declares. */
export type PayloadTooLarge<Body = unknown> = StatusError<"PayloadTooLarge", Body>
/** 415. */
export const UnsupportedMediaType = statusError("UnsupportedMediaType")
/** 415, with the body the operation declares. */
export type UnsupportedMediaType<Body = unknown> = StatusError<"UnsupportedMediaType", Body>
/** 422. */
export const UnprocessableEntity = statusError("UnprocessableEntity")
/** 422, with the body the operation declares. */
export type UnprocessableEntity<Body = unknown> = StatusError<"UnprocessableEntity", Body>
/** 429; `retryAfter` is the server's `Retry-After`. */
export const RateLimited = statusError("RateLimited")
/** 429, with the body the operation declares. */
export type RateLimited<Body = unknown> = StatusError<"RateLimited", Body>
/** Any other declared 4xx (or a declared `4XX` range). */
export const ClientError = statusError("ClientError")
/** Any other declared 4xx, with the body the operation declares. */
export type ClientError<Body = unknown> = StatusError<"ClientError", Body>
/** A declared 5xx (or `5XX` range). */
export const ServerError = statusError("ServerError")
/** A declared 5xx, with the body the operation declares. */
export type ServerError<Body = unknown> = StatusError<"ServerError", Body>

/** The class name of each status with a class of its own; other 4xx are `ClientError`, 5xx `ServerError`. */
export const statusTags: Readonly<Record<number, string>> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  406: "NotAcceptable",
  408: "RequestTimeout",
  409: "Conflict",
  410: "Gone",
  412: "PreconditionFailed",
  413: "PayloadTooLarge",
  415: "UnsupportedMediaType",
  422: "UnprocessableEntity",
  429: "RateLimited"
}

/** The tag of a status (`404` → `NotFound`, `418` → `ClientError`, `503` → `ServerError`). */
export const tagOfStatus = (status: number): string =>
  statusTags[status] ?? (status >= 500 ? "ServerError" : "ClientError")

const classes: Readonly<Record<string, StatusErrorClass<string>>> = {
  BadRequest, Unauthorized, Forbidden, NotFound, MethodNotAllowed, NotAcceptable, RequestTimeout, Conflict, Gone,
  PreconditionFailed, PayloadTooLarge, UnsupportedMediaType, UnprocessableEntity, RateLimited, ClientError, ServerError
}

/** Builds the error of a declared status. */
export const statusErrorOf = (fields: ResponseFields<unknown>): StatusError<string, unknown> =>
  new (classes[tagOfStatus(fields.status)] ?? ClientError)(fields)

/** A status the operation does not declare, or a declared one whose body broke its schema (`reason` says which). */
export class UnexpectedStatus extends Data.TaggedError("UnexpectedStatus")<ResponseFields<unknown> & {
  /** Why it is unexpected. */
  readonly reason: string
}> {
  /** `UnexpectedStatus`, for `Effect.catchTag`. */
  declare readonly _tag: "UnexpectedStatus"
  /** The operation, the status, the reason and the request id. */
  override get message(): string {
    return `${this.operation}: unexpected status ${this.status}${this.code === undefined ? "" : ` ${this.code}`}: ${this.reason}` +
      `${this.description === undefined ? "" : ` (${this.description})`}${this.requestId === undefined ? "" : ` (request id ${this.requestId})`}`
  }
}

/** A 2xx body that breaks its schema (or is not the declared media type): `pointer` is the JSON pointer of the first mismatch. */
export class DecodeError extends Data.TaggedError("DecodeError")<{
  /** The operationId of the call. */
  readonly operation: string
  /** The HTTP status of the response. */
  readonly status: number
  /** The JSON pointer, in the body, of the first mismatch (empty for the whole body). */
  readonly pointer: string
  /** What the schema expected there. */
  readonly message: string
  /** The server's request id, when it sent one. */
  readonly requestId: string | undefined
}> {
  /** `DecodeError`, for `Effect.catchTag`. */
  declare readonly _tag: "DecodeError"
}

/** Parameters or a body that break the spec: nothing was sent. `pointer` is where, in the input (`/path/petId`). */
export class InvalidInput extends Data.TaggedError("InvalidInput")<{
  /** The operationId of the call. */
  readonly operation: string
  /** Where in the input the problem is, as a JSON pointer (`/path/petId`, `/body/name`). */
  readonly pointer: string
  /** What is wrong there. */
  readonly message: string
}> {
  /** `InvalidInput`, for `Effect.catchTag`. */
  declare readonly _tag: "InvalidInput"
}

/**
 * The request did not complete: `Refused` (never sent: connection refused, no such host), `Connection`
 * (reset or closed, the server may have acted), `Body` (the response broke off), `Timeout`, or
 * `TooLarge` (the response body passed `maxResponseBytes`: reading stopped there, the connection was
 * dropped; never retried).
 */
export class TransportError extends Data.TaggedError("TransportError")<{
  /** The operationId of the call. */
  readonly operation: string
  /** How the request failed: `Refused`, `Connection`, `Body`, `Timeout` or `TooLarge`. */
  readonly reason: "Timeout" | "Connection" | "Body" | "Refused" | "TooLarge"
  /** What happened, with the operation's name; never a credential. */
  readonly message: string
  /** The HTTP status, when a response had begun (`TooLarge`). */
  readonly status?: number | undefined
}> {
  /** `TransportError`, for `Effect.catchTag`. */
  declare readonly _tag: "TransportError"
}

/** What any operation can fail with, whatever it declares. */
export type CommonError = UnexpectedStatus | DecodeError | InvalidInput | TransportError

/** Any error a generated client fails with. */
export type OperationError = StatusError<string, unknown> | CommonError

/** Pagination that would loop or stop early: a repeated cursor, or more pages promised with no way to them. */
export class PaginationError extends Data.TaggedError("PaginationError")<{
  /** The operationId of the listing. */
  readonly operation: string
  /** The cursor, link or offset at fault. */
  readonly cursor: string | undefined
  /** What went wrong: the repeated cursor, or the page that promised more with no way to it. */
  readonly message: string
  /** Why, as a word a program can branch on (`MissingCursor`, `RepeatedCursor`, `Backwards`), when the pager says. */
  readonly reason?: string | undefined
  /** The number of the bad page in this listing, from 1, when the pager counts them. */
  readonly page?: number | undefined
  /** The request id of the bad page, when the server sent one. */
  readonly requestId?: string | undefined
}> {
  /** `PaginationError`, for `Effect.catchTag`. */
  declare readonly _tag: "PaginationError"
}
