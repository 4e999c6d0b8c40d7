import { readFileSync, readdirSync, statSync } from "node:fs"
import * as path from "node:path"
import type { Exchange } from "./check.js"
import { InputError, reasonOf } from "./input-error.js"
import { jsonErrorOffset, positionOf } from "./json-position.js"

/** A HAR 1.2 name/value pair. */
export interface HarHeader {
  /** The header or query parameter name. */
  readonly name: string
  /** Its value. */
  readonly value: string
}

/** A HAR 1.2 entry: one request and its response. */
export interface HarEntry {
  /** When the request started (ISO 8601). */
  readonly startedDateTime: string
  /** Total time of the exchange, in milliseconds. */
  readonly time: number
  /** A free-text note on the entry. */
  readonly comment?: string
  /** The request. */
  readonly request: {
    /** The HTTP method. */
    readonly method: string
    /** The full URL. */
    readonly url: string
    /** The HTTP version, e.g. `HTTP/1.1`. */
    readonly httpVersion: string
    /** The request headers. */
    readonly headers: ReadonlyArray<HarHeader>
    /** The query parameters. */
    readonly queryString: ReadonlyArray<HarHeader>
    /** The request cookies. */
    readonly cookies: ReadonlyArray<unknown>
    /** Header bytes, or -1 when unknown. */
    readonly headersSize: number
    /** Body bytes, or -1 when unknown. */
    readonly bodySize: number
  }
  /** The response. */
  readonly response: {
    /** The HTTP status. */
    readonly status: number
    /** The status text, e.g. `OK`. */
    readonly statusText: string
    /** The HTTP version, e.g. `HTTP/1.1`. */
    readonly httpVersion: string
    /** The response headers. */
    readonly headers: ReadonlyArray<HarHeader>
    /** The response cookies. */
    readonly cookies: ReadonlyArray<unknown>
    /** The response body. */
    readonly content: {
      /** Body bytes, decoded. */
      readonly size: number
      /** The media type, as the `content-type` header gave it. */
      readonly mimeType: string
      /** The body as text (or base64 when `encoding` says so). */
      readonly text?: string
      /** `base64` when `text` is base64-encoded. */
      readonly encoding?: string
    }
    /** The `Location` of a redirect, else empty. */
    readonly redirectURL: string
    /** Header bytes, or -1 when unknown. */
    readonly headersSize: number
    /** Body bytes, or -1 when unknown. */
    readonly bodySize: number
  }
  /** Cache state (unused here). */
  readonly cache: Record<string, unknown>
  /** Where the time went, in milliseconds. */
  readonly timings: {
    /** Sending the request. */
    readonly send: number
    /** Waiting for the first byte of the response. */
    readonly wait: number
    /** Reading the response. */
    readonly receive: number
  }
}

/** A HAR 1.2 file (what browsers, proxies and Polly.js record). */
export interface Har {
  /** The log: its format version, who recorded it, and its entries. */
  readonly log: {
    /** The HAR format version, `1.2`. */
    readonly version: string
    /** The tool that recorded the file. */
    readonly creator: {
      /** The tool's name. */
      readonly name: string
      /** The tool's version. */
      readonly version: string
    }
    /** A free-text note on the file. */
    readonly comment?: string
    /** The recorded exchanges, in order. */
    readonly entries: ReadonlyArray<HarEntry>
  }
}

/**
 * Reads a HAR file. Throws an {@link InputError} naming the file when it cannot be read, is not JSON
 * (with the line, column and offset where it stops being JSON: a truncated file) or is not HAR.
 */
export const readHar = (file: string): Har => {
  let text: string
  try {
    text = readFileSync(file, "utf8")
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${reasonOf(e)}`)
  }
  let har: Har
  try {
    har = JSON.parse(text) as Har
  } catch {
    const { line, column, offset } = positionOf(text, jsonErrorOffset(text) ?? text.length)
    const reason = offset >= text.length ? "unexpected end of file (truncated?)" : `unexpected ${JSON.stringify(text.slice(offset, offset + 12))}`
    throw new InputError(`${file}:${line}:${column}: invalid JSON at offset ${offset}: ${reason}`)
  }
  if (!Array.isArray(har?.log?.entries)) throw new InputError(`${file}: not a HAR file (no log.entries array)`)
  return har
}

/**
 * The `.har` files of a path: the file itself, or every one below a directory, sorted. Throws an
 * {@link InputError} when the path does not exist; an empty list is the caller's to refuse.
 */
export const harFiles = (target: string): Array<string> => {
  let directory: boolean
  try {
    directory = statSync(target).isDirectory()
  } catch (e) {
    throw new InputError(`${target}: ${reasonOf(e)}`)
  }
  return directory
    ? readdirSync(target, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".har"))
        .map((f) => path.join(target, f))
        .sort()
    : [target]
}

/** The body of a recorded response, decoded. */
export const responseText = (entry: HarEntry): string => {
  const { text, encoding } = entry.response.content ?? {}
  if (typeof text !== "string") return ""
  return encoding === "base64" ? Buffer.from(text, "base64").toString("utf8") : text
}

/**
 * A HAR entry as an exchange to check. Header names are lower-cased; the content type falls back to
 * `mimeType`. Throws an `Error` saying what is missing when the entry is not a HAR entry.
 */
export const toExchange = (entry: HarEntry): Exchange => {
  const request = entry?.request
  const response = entry?.response
  if (typeof request?.method !== "string" || typeof request.url !== "string") throw new Error("not a HAR entry: no request.method or request.url")
  if (typeof response?.status !== "number") throw new Error("not a HAR entry: no response.status")
  const headers: Record<string, string> = {}
  for (const h of Array.isArray(response.headers) ? response.headers : []) {
    if (typeof h?.name === "string") headers[h.name.toLowerCase()] = String(h.value)
  }
  const mimeType = response.content?.mimeType
  if (headers["content-type"] === undefined && typeof mimeType === "string" && mimeType !== "") headers["content-type"] = mimeType
  return { method: request.method, url: request.url, status: response.status, headers, body: responseText(entry) }
}
