/**
 * Checks a request's body against the operation's `requestBody`: sent when required, of a declared
 * media type (else 415), and for JSON and form bodies valid against that media type's schema.
 *
 * @module
 */
import type { IncomingMessage } from "node:http"
import { coerceValues, partOf } from "./coerce.js"
import type { Document, RequestBody } from "./openapi.js"
import { child, deref } from "./pointer.js"
import type { Route } from "./route.js"
import type { Validate } from "./validate.js"
import type { Violation } from "./violation.js"
import { isJson, matches, mediaTypeOf } from "./media-type.js"

/** The most a request body may hold (larger ones get 413). */
export const MAX_BODY = 16 * 1024 * 1024

/** Reads a request's body; undefined when it is larger than `MAX_BODY`. */
export const readBody = (req: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let size = 0
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY) chunks.push(chunk)
    })
    req.on("end", () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks)))
    req.on("error", reject)
  })

/** What checking the body found: nothing wrong, violations (400/422), or a media type the operation does not take (415). */
export type BodyCheck =
  | { readonly _tag: "Ok" }
  | { readonly _tag: "Invalid"; readonly violations: ReadonlyArray<Violation> }
  | { readonly _tag: "UnsupportedMediaType"; readonly sent: string; readonly accepted: ReadonlyArray<string> }

const form = (doc: Document, schema: unknown, text: string): Record<string, unknown> => {
  const params = new URLSearchParams(text)
  const out: Record<string, unknown> = {}
  for (const key of new Set(params.keys())) out[key] = coerceValues(doc, partOf(doc, schema, { property: key }), params.getAll(key), ",")
  return out
}

/** Checks the body sent (`raw`, with its `content-type`) against the operation's request body. */
export const checkBody = (doc: Document, route: Route, contentType: string | undefined, raw: Buffer, validate: Validate): BodyCheck => {
  if (route.operation.requestBody === undefined) return { _tag: "Ok" }
  const body = deref<RequestBody>(doc, route.operation.requestBody, child(route.pointer, "requestBody"))
  const content = body.value.content ?? {}
  if (raw.length === 0) {
    return body.value.required === true
      ? { _tag: "Invalid", violations: [{ in: "body", pointer: "", message: "the request body is required", keyword: "required", schema: body.pointer }] }
      : { _tag: "Ok" }
  }
  const sent = mediaTypeOf(contentType) ?? "application/octet-stream"
  const declared = Object.keys(content)
  const mediaType = declared.find((d) => d.toLowerCase() === sent) ?? declared.find((d) => matches(d, sent))
  if (mediaType === undefined) {
    return declared.length === 0 ? { _tag: "Ok" } : { _tag: "UnsupportedMediaType", sent, accepted: declared }
  }
  const media = content[mediaType]
  if (media?.schema === undefined) return { _tag: "Ok" }
  const schemaPointer = child(body.pointer, "content", mediaType, "schema")
  let value: unknown
  if (isJson(sent)) {
    try {
      value = JSON.parse(raw.toString("utf8"))
    } catch (error) {
      const message = `the request body is not JSON: ${(error as Error).message}`
      return { _tag: "Invalid", violations: [{ in: "body", pointer: "", message, keyword: "json", schema: schemaPointer }] }
    }
  } else if (sent === "application/x-www-form-urlencoded") {
    value = form(doc, media.schema, raw.toString("utf8"))
  } else {
    return { _tag: "Ok" }
  }
  const violations = validate(schemaPointer, value).map((e): Violation => ({
    in: "body",
    pointer: e.pointer,
    message: `body${e.pointer === "" ? "" : ` at ${e.pointer}`} ${e.message}`,
    keyword: e.keyword,
    schema: schemaPointer
  }))
  return violations.length === 0 ? { _tag: "Ok" } : { _tag: "Invalid", violations }
}
