import { readFileSync, readdirSync, statSync } from "node:fs"
import * as path from "node:path"
import type { Exchange } from "./check.js"

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

/** Reads a HAR file; throws with the file name when it is not HAR. */
export const readHar = (file: string): Har => {
  const har = JSON.parse(readFileSync(file, "utf8")) as Har
  if (!Array.isArray(har?.log?.entries)) throw new Error(`${file}: not a HAR file (no log.entries)`)
  return har
}

/** The `.har` files of a path: the file itself, or every one below a directory, sorted. */
export const harFiles = (target: string): Array<string> =>
  statSync(target).isDirectory()
    ? readdirSync(target, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".har"))
        .map((f) => path.join(target, f))
        .sort()
    : [target]

/** The body of a recorded response, decoded. */
export const responseText = (entry: HarEntry): string => {
  const { text, encoding } = entry.response.content
  if (text === undefined) return ""
  return encoding === "base64" ? Buffer.from(text, "base64").toString("utf8") : text
}

/** A HAR entry as an exchange to check. Header names are lower-cased; the content type falls back to `mimeType`. */
export const toExchange = (entry: HarEntry): Exchange => {
  const headers: Record<string, string> = {}
  for (const h of entry.response.headers) headers[h.name.toLowerCase()] = h.value
  if (headers["content-type"] === undefined && entry.response.content.mimeType !== "") headers["content-type"] = entry.response.content.mimeType
  return { method: entry.request.method, url: entry.request.url, status: entry.response.status, headers, body: responseText(entry) }
}
