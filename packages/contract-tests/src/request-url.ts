/**
 * Reading a recorded request's URL without throwing: HAR files hold absolute URLs, hand-written
 * ones often relative paths, and traffic can hold malformed percent-encoding.
 *
 * @module
 */

/** The base a relative recorded URL (`/api/v2/deleted_users`) is read against. */
export const relativeBase = "http://recorded.invalid"

/** A recorded URL, absolute or relative; `undefined` when it is no URL at all. */
export const parseRequestUrl = (url: string): URL | undefined => {
  try {
    return new URL(url, relativeBase)
  } catch {
    return undefined
  }
}

/** Percent-decodes a path segment; `undefined` on malformed encoding (`%E0%A4%A`) instead of a URIError. */
export const decodeSegment = (raw: string): string | undefined => {
  try {
    return decodeURIComponent(raw)
  } catch {
    return undefined
  }
}
