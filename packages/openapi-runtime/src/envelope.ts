/**
 * The per-API hook that reads an API's error envelope: its own code, description and details, and a
 * request id it sends in a header or body of its own, into the runtime's one error hierarchy (the
 * status classes and `UnexpectedStatus`), so that no API needs error classes of its own. A client
 * takes it as its `errorEnvelope` option.
 *
 * @module
 */
import { UnexpectedStatus, statusErrorOf, type OperationError, type ResponseFields } from "./errors.js"

/** What an API says of an error, beyond its status: each part when the response had it. */
export interface ErrorEnvelope {
  /** The API's error code (`RecordNotFound`, `InvalidPaginationParameter`, ...). */
  readonly code?: string | undefined
  /** The API's description or title of the error. */
  readonly description?: string | undefined
  /** Further detail (per field reasons, the list of errors), as sent. */
  readonly details?: unknown
  /** The request id, when the API sends it where the client does not look (another header, the body). */
  readonly requestId?: string | undefined
}

/** The response an envelope is read from: its status, its body as decoded (text when not JSON), its headers (names in lower case). */
export interface EnvelopeSource {
  /** The HTTP status. */
  readonly status: number
  /** The body, decoded by its media type (`undefined` when it had none). */
  readonly body: unknown
  /** Response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>
}

/** Reads an API's error envelope from an error response; what it leaves undefined stays so. It must not throw. */
export type ErrorEnvelopeReader = (response: EnvelopeSource) => ErrorEnvelope

/**
 * An error with what `read` finds in its response: status errors and `UnexpectedStatus` gain `code`,
 * `description`, `details` (and `requestId` when the client found none); every other error is returned
 * as it is. The class, and so the tag, stays the same. A reader that throws changes nothing.
 */
export const withEnvelope = (read: ErrorEnvelopeReader) => (error: OperationError): OperationError => {
  if (!("status" in error) || !("body" in error) || !("headers" in error)) return error
  let envelope: ErrorEnvelope
  try {
    envelope = read(error)
  } catch {
    return error
  }
  const fields: ResponseFields<unknown> = {
    operation: error.operation,
    status: error.status,
    body: error.body,
    headers: error.headers,
    requestId: error.requestId ?? envelope.requestId,
    retryAfter: error.retryAfter,
    code: envelope.code,
    description: envelope.description,
    details: envelope.details
  }
  return error instanceof UnexpectedStatus ? new UnexpectedStatus({ ...fields, reason: error.reason }) : statusErrorOf(fields)
}
