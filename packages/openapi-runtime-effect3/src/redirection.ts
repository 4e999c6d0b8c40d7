/**
 * The declared 3xx responses of an operation, as typed errors a caller can `catchTag`: `NotModified`
 * (304, the answer to a conditional request) and `Redirected` (any other declared 3xx, with its
 * `location`). A 3xx the operation does not declare is followed on the call's origin, or is
 * `UnexpectedStatus`.
 *
 * @module
 */
import * as Data from "effect/Data"
import type { ResponseFields, StatusError, StatusErrorClass } from "./errors.js"

const describe = (tag: string, f: ResponseFields<unknown>): string =>
  `${f.operation}: ${tag} (${f.status})${f.requestId === undefined ? "" : `, request id ${f.requestId}`}`

class NotModifiedError extends Data.TaggedError("NotModified")<ResponseFields<unknown>> {
  override get message(): string {
    return describe("NotModified", this)
  }
}

/** 304, declared by the operation: the resource has not changed since the request's `If-None-Match`/`If-Modified-Since`. */
export const NotModified = NotModifiedError as unknown as StatusErrorClass<"NotModified">
/** 304, with the body the operation declares (usually none). */
export type NotModified<Body = unknown> = StatusError<"NotModified", Body>

class RedirectedError extends Data.TaggedError("Redirected")<ResponseFields<unknown> & { readonly location: string | undefined }> {
  override get message(): string {
    return `${describe("Redirected", this)}${this.location === undefined ? "" : ` to ${this.location}`}`
  }
}

/** A declared 3xx other than 304 (301, 302, 307, ...): not followed; `location` is where the server points. */
export type Redirected<Body = unknown> = StatusError<"Redirected", Body> & {
  /** The `Location` header, when the server sent one. */
  readonly location: string | undefined
}
/** A declared 3xx other than 304, not followed. */
export const Redirected = RedirectedError as unknown as {
  /** A `Redirected` with the response's fields and its `location`. */
  new <Body = unknown>(fields: ResponseFields<Body> & {
    /** The `Location` header, when the server sent one. */
    readonly location: string | undefined
  }): Redirected<Body>
}

/** The error of a declared 3xx: `NotModified` for 304, else `Redirected`. */
export const redirectionOf = (fields: ResponseFields<unknown>): NotModified | Redirected =>
  fields.status === 304 ? new NotModified(fields) : new Redirected({ ...fields, location: fields.headers["location"] })
