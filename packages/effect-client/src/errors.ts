/**
 * The errors of the Deleted Users API: the runtime's own classes, the same for every generated client,
 * with Zendesk's `code`, `description` and `details` read into them by `zendeskEnvelope` and the request
 * id from `X-Zendesk-Request-Id`. Each name below is the runtime's class under the name this package
 * has always documented.
 *
 * @module
 */
import * as R from "@effect-openapi/runtime"

export { DecodeError, InvalidInput, PaginationError, TransportError, UnexpectedStatus } from "@effect-openapi/runtime"

/** What every error that came with a response carries: `operation`, `status`, Zendesk's `code` and `description`, `requestId`, `retryAfter`, the body and headers. */
export type ResponseErrorFields = R.ResponseFields<unknown>

/** 400: e.g. `InvalidPaginationParameter` (a bad cursor) or `InvalidPaginationDepth` (offset past 10,000 records). */
export const BadRequest = R.BadRequest
/** 400, with Zendesk's code and description. */
export type BadRequest = R.BadRequest
/** 401: missing or wrong credentials. */
export const Unauthorized = R.Unauthorized
/** 401. */
export type Unauthorized = R.Unauthorized
/** 403: authenticated but not allowed (e.g. a plain agent purging a user). */
export const Forbidden = R.Forbidden
/** 403. */
export type Forbidden = R.Forbidden
/** 404: no such deleted user (never deleted, or already permanently deleted), or `InvalidEndpoint`. */
export const NotFound = R.NotFound
/** 404. */
export type NotFound = R.NotFound
/** 409: a concurrent change to the same resource. */
export const Conflict = R.Conflict
/** 409. */
export type Conflict = R.Conflict
/** 422: Zendesk refuses (e.g. `RecordInvalid` for a deletion), with its `details`. */
export const UnprocessableEntity = R.UnprocessableEntity
/** 422. */
export type UnprocessableEntity = R.UnprocessableEntity
/** 429: rate limited; `retryAfter` is Zendesk's `Retry-After`. */
export const RateLimited = R.RateLimited
/** 429. */
export type RateLimited = R.RateLimited
/** 5xx the spec declares (500, 503): `retryAfter` when Zendesk gave one (a 503 database timeout); without it a 503 is maintenance. */
export const ServerError = R.ServerError
/** A declared 5xx. */
export type ServerError = R.ServerError

/**
 * Every error a call can fail with: a status class, `UnexpectedStatus` (a status the spec does not
 * declare for the operation, such as a 502 from a proxy, or an error body off its declaration; it
 * still carries Zendesk's code and description), `InvalidInput` (nothing was sent), `TransportError`,
 * `DecodeError`, and `PaginationError` from the listings.
 */
export type ZendeskError =
  | R.InvalidInput
  | BadRequest
  | Unauthorized
  | Forbidden
  | NotFound
  | Conflict
  | UnprocessableEntity
  | RateLimited
  | ServerError
  | R.UnexpectedStatus
  | R.TransportError
  | R.DecodeError
  | R.PaginationError

/** Errors that came with an HTTP response. */
export type ResponseError = BadRequest | Unauthorized | Forbidden | NotFound | Conflict | UnprocessableEntity | RateLimited | ServerError | R.UnexpectedStatus
