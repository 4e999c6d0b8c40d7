/**
 * Zendesk's error envelopes, read into the runtime's error classes through the generated client's
 * `errorEnvelope` option: the code, description and details of whichever envelope came back, and the
 * request id (`X-Zendesk-Request-Id`, which the spec declares, so the runtime reads it).
 *
 * @module
 */
import type { ErrorEnvelope, ErrorEnvelopeReader } from "@effect-openapi/runtime"

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
 * `{"error":"Code","description"}`, `{"error":{"title","message"}}`, or a text/HTML body (its text,
 * tags stripped, at most 200 characters).
 */
export const parseEnvelope = (body: unknown): ParsedEnvelope => {
  if (typeof body === "string") {
    const text = body.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim()
    return { code: undefined, description: text === "" ? undefined : text.slice(0, 200), details: undefined }
  }
  if (body === null || typeof body !== "object") return { code: undefined, description: undefined, details: undefined }
  const record = body as Record<string, unknown>
  if (Array.isArray(record.errors) && record.errors.length > 0) {
    const first = record.errors[0] as Record<string, unknown> | null
    return { code: str(first?.code), description: str(first?.title) ?? str(first?.detail), details: record.errors }
  }
  if (typeof record.error === "string") return { code: record.error, description: str(record.description), details: record.details }
  if (record.error !== null && typeof record.error === "object") {
    const nested = record.error as Record<string, unknown>
    return { code: str(nested.title), description: str(nested.message), details: record.details }
  }
  return { code: undefined, description: str(record.description), details: record.details }
}

/** The `errorEnvelope` hook of the Deleted Users client: Zendesk's envelopes, as `parseEnvelope` reads them. */
export const zendeskEnvelope: ErrorEnvelopeReader = (response): ErrorEnvelope => parseEnvelope(response.body)
