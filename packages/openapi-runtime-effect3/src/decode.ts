/**
 * Response decoding: the declared response of a status, its media type, the body parsed and
 * validated by the generated validator; what breaks the spec becomes a typed error.
 *
 * @module
 */
import { escapeToken } from "@effect-openapi/json-pointer"
import * as Effect from "effect/Effect"
import { DecodeError, UnexpectedStatus, statusErrorOf, type OperationError, type ResponseFields } from "./errors.js"
import type { OperationSpec, ResponseSpec } from "@effect-openapi/runtime-core"
import { redirectionOf } from "./redirection.js"
import { parseRetryAfter } from "./retry.js"
import type { HttpResponse } from "./transport.js"
import { describeFailure, type ValidationPolicy } from "./validation.js"

/** A decoded 2xx response. */
export interface Received<A> {
  /** The body, decoded and checked against its schema. */
  readonly body: A
  /** The HTTP status. */
  readonly status: number
  /** Response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  /** The server's request id, when it sent one. */
  readonly requestId: string | undefined
}

/** The declared response of a status: exact, then its range (`4XX`), then `default`. */
export const responseKey = (operation: OperationSpec, status: number): string | undefined => {
  const exact = String(status)
  if (operation.responses[exact] !== undefined) return exact
  const range = `${exact[0]}XX`
  if (operation.responses[range] !== undefined) return range
  return operation.responses["default"] !== undefined ? "default" : undefined
}

type Body = { readonly _tag: "Ok"; readonly value: unknown; readonly warning?: { readonly pointer: string; readonly message: string } } | { readonly _tag: "Mismatch"; readonly pointer: string; readonly message: string; readonly value: unknown }

const decoder = new TextDecoder()

const mediaTypeOf = (headers: Readonly<Record<string, string>>): string => (headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase()

/** How deep JSON values may nest (arrays and objects): 1,000 levels. */
export const maxJsonDepth = 1000

/** A JSON text parsed, or why it was refused: `pointer` is where, in the value (empty when it is not JSON). */
export type ParsedJson =
  | {
      /** Parsed. */
      readonly _tag: "Ok"
      /** The value, as `JSON.parse` reads it. */
      readonly value: unknown
    }
  | {
      /** Refused. */
      readonly _tag: "Refused"
      /** The RFC 6901 pointer of the value at fault (empty: the whole text). */
      readonly pointer: string
      /** What is wrong there. */
      readonly message: string
    }

/** Where a string that starts at `start` (its opening quote) ends: the index of its closing quote. */
const stringEnd = (text: string, start: number): number => {
  let end = text.indexOf('"', start + 1)
  for (;;) {
    let backslashes = 0
    while (text.charCodeAt(end - 1 - backslashes) === 92) backslashes++
    if (backslashes % 2 === 0) return end
    end = text.indexOf('"', end + 1)
  }
}

/** The RFC 6901 pointer of the value that starts at `offset` of a valid JSON text. */
const pointerAt = (text: string, offset: number): string => {
  const frames: Array<{ array: boolean; index: number; key: string }> = []
  let expectKey = false
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) {
      const end = stringEnd(text, i)
      const frame = frames[frames.length - 1]
      if (expectKey && frame !== undefined && !frame.array) {
        frame.key = JSON.parse(text.slice(i, end + 1)) as string
        expectKey = false
      }
      i = end
    } else if (c === 91 || c === 123) {
      frames.push({ array: c === 91, index: 0, key: "" })
      expectKey = c === 123
    } else if (c === 93 || c === 125) {
      frames.pop()
    } else if (c === 44) {
      const frame = frames[frames.length - 1]!
      if (frame.array) frame.index++
      else expectKey = true
    }
  }
  return frames.map((frame) => `/${frame.array ? frame.index : escapeToken(frame.key)}`).join("")
}

/**
 * Finds, in a valid JSON text, the first value nested past `maxDepth`, the first integer literal past
 * ±(2^53 - 1) (JSON.parse would round it) and the first number literal past the doubles (it would be
 * Infinity): their offset and what is wrong, or `undefined`.
 */
const scan = (text: string, maxDepth: number): { readonly offset: number; readonly message: string } | undefined => {
  const n = text.length
  let depth = 0
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) {
      i = stringEnd(text, i)
    } else if (c === 91 || c === 123) {
      if (++depth > maxDepth) return { offset: i, message: `the body is nested deeper than ${maxDepth} levels` }
    } else if (c === 93 || c === 125) {
      depth--
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      let end = i + 1
      let integer = true
      for (; end < n; end++) {
        const d = text.charCodeAt(end)
        if (d >= 48 && d <= 57) continue
        if (d === 46 || d === 101 || d === 69 || d === 43 || d === 45) integer = false
        else break
      }
      // Up to 15 digits, an integer is exact; a number with no exponent and at most 15 characters is finite.
      if (end - i > 15 || !integer) {
        const literal = text.slice(i, end)
        const value = Number(literal)
        if (!Number.isFinite(value)) return { offset: i, message: `the number ${literal.length > 24 ? `${literal.slice(0, 24)}…` : literal} is not finite as a double` }
        if (integer && !Number.isSafeInteger(value)) return { offset: i, message: `the integer ${literal.length > 24 ? `${literal.slice(0, 24)}…` : literal} is past ±(2^53 - 1): not exactly representable` }
      }
      i = end - 1
    }
  }
  return undefined
}

/**
 * Whether a parsed value may hold what `scan` refuses: a number past ±(2^53 - 1) (an integer that was
 * rounded, `Infinity`, or a large float, which `scan` lets through), or nesting past `maxDepth`. About
 * 3% of the cost of `JSON.parse`; the value is walked no deeper than `maxDepth`, so never overflows.
 */
const suspect = (value: object, depth: number, maxDepth: number): boolean => {
  if (depth >= maxDepth) return true
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      if (typeof item === "number" ? item > Number.MAX_SAFE_INTEGER || item < -Number.MAX_SAFE_INTEGER : typeof item === "object" && item !== null && suspect(item, depth + 1, maxDepth)) return true
    }
    return false
  }
  for (const key in value) {
    const item: unknown = (value as Record<string, unknown>)[key]
    if (typeof item === "number" ? item > Number.MAX_SAFE_INTEGER || item < -Number.MAX_SAFE_INTEGER : typeof item === "object" && item !== null && suspect(item, depth + 1, maxDepth)) return true
  }
  return false
}

/**
 * Parses JSON, refusing what JSON.parse would silently change or what would overflow the stack later:
 * a value nested deeper than `maxDepth` (default 1,000), an integer literal past ±(2^53 - 1) (it
 * would be rounded: `9007199254740993` is read 9007199254740992), a number past the doubles (`1e400`
 * would be Infinity). The parsed value is walked for numbers that large and for depth; only when it
 * has one is the text scanned, for the literal and its pointer.
 */
export const parseJson = (text: string, maxDepth: number = maxJsonDepth): ParsedJson => {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { _tag: "Refused", pointer: "", message: "the body is not JSON" }
  }
  const flagged = typeof value === "number"
    ? value > Number.MAX_SAFE_INTEGER || value < -Number.MAX_SAFE_INTEGER
    : typeof value === "object" && value !== null && suspect(value, 1, maxDepth)
  if (flagged) {
    const problem = scan(text, maxDepth)
    if (problem !== undefined) return { _tag: "Refused", pointer: pointerAt(text, problem.offset), message: problem.message }
  }
  return { _tag: "Ok", value }
}

const lenient = (response: HttpResponse): unknown => {
  if (response.body.length === 0) return undefined
  const text = decoder.decode(response.body)
  if (mediaTypeOf(response.headers).includes("json")) {
    // What does not parse exactly stays text.
    const parsed = parseJson(text)
    return parsed._tag === "Ok" ? parsed.value : text
  }
  return text
}

/** A pointer for a message: whole up to 80 characters, else its start and how many levels it has. */
const shortPointer = (pointer: string): string => {
  if (pointer === "") return "/"
  if (pointer.length <= 80) return pointer
  return `${pointer.slice(0, 60)}… (${pointer.split("/").length - 1} levels)`
}

const decodeBody = (spec: ResponseSpec, response: HttpResponse, policy: ValidationPolicy["responses"]): Body => {
  if (spec.content.length === 0) return { _tag: "Ok", value: undefined }
  const type = mediaTypeOf(response.headers)
  const match = spec.content.find((c) => c.mediaType.toLowerCase() === type)
    ?? spec.content.find((c) => c.mediaType.endsWith("/*") && type.startsWith(c.mediaType.slice(0, -1)))
    ?? spec.content.find((c) => c.mediaType === "*/*")
    ?? (type === "" && spec.content.length === 1 ? spec.content[0] : undefined)
  if (match === undefined) {
    return { _tag: "Mismatch", pointer: "", message: `the body is ${type === "" ? "of no media type" : type}, not ${spec.content.map((c) => c.mediaType).join(" or ")}`, value: lenient(response) }
  }
  if (match.kind === "binary") return { _tag: "Ok", value: response.body }
  const text = decoder.decode(response.body)
  if (match.kind !== "json") return { _tag: "Ok", value: text }
  const parsed = parseJson(text)
  if (parsed._tag === "Refused") return { _tag: "Mismatch", pointer: parsed.pointer, message: parsed.message, value: text }
  const value = parsed.value
  if (match.validate === undefined || policy === "off" || match.validate(value)) return { _tag: "Ok", value }
  const failure = describeFailure(match.validate.errors, "")
  return policy === "warn" ? { _tag: "Ok", value, warning: failure } : { _tag: "Mismatch", ...failure, value }
}

/** Logs, at warning level, that a response broke its schema: the operation, status and pointer, never the body. */
const warned = <A>(operation: OperationSpec, status: number, body: Body, result: Effect.Effect<A, OperationError>): Effect.Effect<A, OperationError> =>
  body._tag === "Ok" && body.warning !== undefined
    ? Effect.andThen(
        Effect.logWarning(`${operation.id}: the ${status} body breaks its schema at ${shortPointer(body.warning.pointer)}: ${body.warning.message} (validation responses: "warn")`).pipe(
          Effect.annotateLogs({ operation: operation.id, status, pointer: body.warning.pointer })
        ),
        result
      )
    : result

/** An `UnexpectedStatus` for a response the executor will not take (a redirect it does not follow), with why. */
export const unexpectedResponse = (operation: OperationSpec, response: HttpResponse, requestIdHeader: string, now: number, reason: string): UnexpectedStatus =>
  new UnexpectedStatus({
    operation: operation.id,
    status: response.status,
    body: lenient(response),
    headers: response.headers,
    requestId: response.headers[requestIdHeader],
    retryAfter: parseRetryAfter(response.headers["retry-after"], now),
    reason
  })

/**
 * Decodes a response: the 2xx body, or the typed error of its status (a declared 3xx is `NotModified`
 * or `Redirected`). `policy` is what a body that breaks its schema does (default `"fail"`).
 */
export const decodeResponse = (
  operation: OperationSpec,
  response: HttpResponse,
  requestIdHeader: string,
  now: number,
  policy: ValidationPolicy["responses"] = "fail"
): Effect.Effect<Received<unknown>, OperationError> => {
  const requestId = response.headers[requestIdHeader]
  const key = responseKey(operation, response.status)
  const ok = response.status >= 200 && response.status < 300
  const fields = (body: unknown): ResponseFields<unknown> => ({
    operation: operation.id,
    status: response.status,
    body,
    headers: response.headers,
    requestId,
    retryAfter: parseRetryAfter(response.headers["retry-after"], now)
  })
  if (key === undefined || (ok && !key.startsWith("2") && key !== "default") || (!ok && key === "default")) {
    return Effect.fail(new UnexpectedStatus({ ...fields(lenient(response)), reason: `${operation.id} does not declare status ${response.status}` }))
  }
  const body = decodeBody(operation.responses[key]!, response, policy)
  if (ok) {
    return body._tag === "Ok"
      ? warned(operation, response.status, body, Effect.succeed({ body: body.value, status: response.status, headers: response.headers, requestId }))
      : Effect.fail(new DecodeError({
          operation: operation.id,
          status: response.status,
          pointer: body.pointer,
          message: `${operation.id}: ${body.message} at ${shortPointer(body.pointer)}`,
          requestId
        }))
  }
  const redirection = response.status >= 300 && response.status < 400
  return warned(operation, response.status, body, Effect.fail(
    body._tag === "Ok"
      ? redirection ? redirectionOf(fields(body.value)) : statusErrorOf(fields(body.value))
      : new UnexpectedStatus({ ...fields(body.value), reason: `the ${response.status} body breaks its declaration: ${body.message} at ${shortPointer(body.pointer)}` })
  ))
}
