import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import {
  BadRequest,
  Conflict,
  Forbidden,
  NotFound,
  RateLimited,
  ServerError,
  Unauthorized,
  UnprocessableEntity,
  type ResponseError,
  type ResponseErrorFields
} from "./errors.js"
import type { HeaderReader } from "./headers.js"
import { parseRetryAfter } from "./retry.js"

/** `X-Zendesk-Request-Id` of a response: support asks for it. */
export const requestIdOf = (response: { readonly headers: HeaderReader }): string | undefined =>
  response.headers.get("x-zendesk-request-id") ?? undefined

/** Zendesk's error code, description and details, from whichever envelope came back. */
export interface ParsedEnvelope {
  /** Zendesk's error code (`RecordNotFound`, `InvalidPaginationParameter`, ...), when the body had one. */
  readonly code: string | undefined
  /** Zendesk's description or message, when the body had one. */
  readonly description: string | undefined
  /** Zendesk's `details` (or its `errors` list), as sent; undefined when absent. */
  readonly details: unknown
}

const str = (x: unknown) => (typeof x === "string" ? x : undefined)

/**
 * Reads any of Zendesk's error envelopes: `{"errors":[{"code","title"}]}`,
 * `{"error":"Code","description"}`, `{"error":{"title","message"}}`, or a text/HTML body.
 */
export const parseEnvelope = (body: unknown): ParsedEnvelope => {
  if (typeof body === "string") {
    const text = body.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim()
    return { code: undefined, description: text === "" ? undefined : text.slice(0, 200), details: undefined }
  }
  if (body === null || typeof body !== "object") return { code: undefined, description: undefined, details: undefined }
  const record = body as Record<string, unknown>
  if (Array.isArray(record.errors) && record.errors.length > 0) {
    const first = record.errors[0] as Record<string, unknown>
    return { code: str(first.code), description: str(first.title) ?? str(first.detail), details: record.errors }
  }
  if (typeof record.error === "string") {
    return { code: record.error, description: str(record.description), details: record.details }
  }
  if (record.error !== null && typeof record.error === "object") {
    const nested = record.error as Record<string, unknown>
    return { code: str(nested.title), description: str(nested.message), details: record.details }
  }
  return { code: undefined, description: str(record.description), details: record.details }
}

/** Turns a non-2xx response into its error class, with status, code, description, request id and Retry-After. */
export const responseError = (operation: string, response: { readonly status: number; readonly headers: HeaderReader }, body: unknown): Effect.Effect<ResponseError> =>
  Effect.map(Clock.currentTimeMillis, (now) => {
    const envelope = parseEnvelope(body)
    const fields: ResponseErrorFields = {
      operation,
      status: response.status,
      code: envelope.code,
      description: envelope.description,
      requestId: requestIdOf(response)
    }
    const retryAfter = parseRetryAfter(response.headers.get("retry-after"), now)
    switch (response.status) {
      case 400:
        return new BadRequest(fields)
      case 401:
        return new Unauthorized(fields)
      case 403:
        return new Forbidden(fields)
      case 404:
        return new NotFound(fields)
      case 409:
        return new Conflict(fields)
      case 422:
        return new UnprocessableEntity({ ...fields, details: envelope.details })
      case 429:
        return new RateLimited({ ...fields, retryAfter })
      default:
        return response.status >= 500
          ? new ServerError({ ...fields, retryAfter })
          : new BadRequest(fields)
    }
  })
