import { readFileSync, readdirSync, statSync } from "node:fs"
import * as path from "node:path"
import type { Exchange } from "./check.js"
import { InputError, reasonOf } from "./input-error.js"
import { jsonErrorOffset, positionOf } from "./json-position.js"

/** A HAR 1.2 name/value pair. */
export interface HarHeader {
  readonly name: string
  readonly value: string
}

/** A HAR 1.2 entry: one request and its response. */
export interface HarEntry {
  readonly startedDateTime: string
  readonly time: number
  readonly comment?: string
  readonly request: {
    readonly method: string
    readonly url: string
    readonly httpVersion: string
    readonly headers: ReadonlyArray<HarHeader>
    readonly queryString: ReadonlyArray<HarHeader>
    readonly cookies: ReadonlyArray<unknown>
    readonly headersSize: number
    readonly bodySize: number
  }
  readonly response: {
    readonly status: number
    readonly statusText: string
    readonly httpVersion: string
    readonly headers: ReadonlyArray<HarHeader>
    readonly cookies: ReadonlyArray<unknown>
    readonly content: { readonly size: number; readonly mimeType: string; readonly text?: string; readonly encoding?: string }
    readonly redirectURL: string
    readonly headersSize: number
    readonly bodySize: number
  }
  readonly cache: Record<string, unknown>
  readonly timings: { readonly send: number; readonly wait: number; readonly receive: number }
}

/** A HAR 1.2 file (what browsers, proxies and Polly.js record). */
export interface Har {
  readonly log: {
    readonly version: string
    readonly creator: { readonly name: string; readonly version: string }
    readonly comment?: string
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
