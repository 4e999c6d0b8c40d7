/**
 * Builds the mock response for the chosen declared response: the media type `Accept` allows, the
 * body (example or generated) serialised for it, and every declared header with a value.
 *
 * @module
 */
import { pickValue } from "./example.js"
import { isJson, negotiate } from "./media-type.js"
import type { Document, Header, MediaType } from "./openapi.js"
import { child, deref } from "./pointer.js"
import type { Chosen } from "./status.js"
import type { Validate } from "./validate.js"

/** A response to send, or why it can't be built. */
export type Built =
  | {
    readonly _tag: "Response"
    readonly status: number
    readonly headers: Readonly<Record<string, string>>
    readonly body: Buffer | undefined
    /** Where the body came from: `example NAME`, `example`, `schema`, or `none`. */
    readonly source: string
  }
  | { readonly _tag: "NotAcceptable"; readonly declared: ReadonlyArray<string> }
  | { readonly _tag: "NoSuchExample"; readonly mediaType: string | undefined; readonly names: ReadonlyArray<string> }

const serialise = (mediaType: string, value: unknown): Buffer | undefined => {
  if (value === undefined) return undefined
  if (Buffer.isBuffer(value)) return value
  if (isJson(mediaType)) return Buffer.from(JSON.stringify(value))
  if (mediaType === "application/x-www-form-urlencoded" && value !== null && typeof value === "object") {
    return Buffer.from(new URLSearchParams(Object.entries(value).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])).toString())
  }
  return Buffer.from(typeof value === "string" ? value : JSON.stringify(value))
}

/** A header value as `simple` style sends it: arrays comma-joined, objects as `key,value` pairs. */
const headerText = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined
  if (Array.isArray(value)) return value.map(String).join(",")
  if (typeof value === "object") return Object.entries(value).flat().map(String).join(",")
  return String(value)
}

const headersOf = (doc: Document, chosen: Chosen, validate: Validate): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [name, raw] of Object.entries(chosen.response.value.headers ?? {})) {
    // Content-Type is the body's; a name Node can't send (not an HTTP token) is left out.
    if (name.toLowerCase() === "content-type" || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) continue
    const header = deref<Header>(doc, raw, child(chosen.response.pointer, "headers", name))
    if (header.value === null || typeof header.value !== "object") continue
    const mediaType = Object.keys(header.value.content ?? {})[0]
    const media = mediaType === undefined
      ? { value: header.value as MediaType, pointer: header.pointer }
      : { value: header.value.content?.[mediaType] ?? {}, pointer: child(header.pointer, "content", mediaType) }
    const picked = pickValue(doc, media, validate)
    const text = picked._tag === "Value" ? headerText(picked.value) : undefined
    // A value Node can't send as a header (a line break, non-Latin text) is left out.
    if (text !== undefined && /^[\t\x20-\x7e]*$/.test(text)) out[name] = text
  }
  return out
}

/** The response to send for the chosen declared response, an `Accept` header, and maybe a wanted example name. */
export const buildResponse = (doc: Document, validate: Validate, chosen: Chosen, accept: string | undefined, exampleName?: string): Built => {
  const content = chosen.response.value.content ?? {}
  const declared = Object.keys(content)
  const headers = headersOf(doc, chosen, validate)
  if (declared.length === 0) {
    return exampleName === undefined
      ? { _tag: "Response", status: chosen.status, headers, body: undefined, source: "none" }
      : { _tag: "NoSuchExample", mediaType: undefined, names: [] }
  }
  const mediaType = negotiate(declared, accept)
  if (mediaType === undefined) return { _tag: "NotAcceptable", declared }
  const media = { value: content[mediaType] ?? {}, pointer: child(chosen.response.pointer, "content", mediaType) }
  const picked = pickValue(doc, media, validate, exampleName)
  if (picked._tag === "NoSuchExample") return { _tag: "NoSuchExample", mediaType, names: picked.names }
  const contentType = mediaType.includes("*") ? (isJson(mediaType) ? "application/json" : "application/octet-stream") : mediaType
  const body = serialise(contentType, picked.value)
  return {
    _tag: "Response",
    status: chosen.status,
    headers: body === undefined ? headers : { ...headers, "content-type": contentType },
    body,
    source: picked.source
  }
}
