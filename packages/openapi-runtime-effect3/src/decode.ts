/**
 * Response decoding: the declared response of a status, its media type, the body parsed and
 * validated by the generated validator; what breaks the spec becomes a typed error.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { DecodeError, UnexpectedStatus, statusErrorOf, type OperationError, type ResponseFields } from "./errors.js"
import type { OperationSpec, ResponseSpec, Validator } from "./operation.js"
import { parseRetryAfter } from "./retry.js"
import type { HttpResponse } from "./transport.js"

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

/** An RFC 6901 JSON pointer from ajv's instance path and the property at fault. */
export const pointerOf = (error: NonNullable<Validator["errors"]>[number]): string => {
  const params = (error.params ?? {}) as { missingProperty?: string; additionalProperty?: string }
  const extra = params.missingProperty ?? params.additionalProperty
  return extra === undefined ? error.instancePath : `${error.instancePath}/${extra.replace(/~/g, "~0").replace(/\//g, "~1")}`
}

type Body = { readonly _tag: "Ok"; readonly value: unknown } | { readonly _tag: "Mismatch"; readonly pointer: string; readonly message: string; readonly value: unknown }

const decoder = new TextDecoder()

const mediaTypeOf = (headers: Readonly<Record<string, string>>): string => (headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase()

const lenient = (response: HttpResponse): unknown => {
  if (response.body.length === 0) return undefined
  const text = decoder.decode(response.body)
  if (mediaTypeOf(response.headers).includes("json")) {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text
}

const decodeBody = (spec: ResponseSpec, response: HttpResponse): Body => {
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
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { _tag: "Mismatch", pointer: "", message: "the body is not JSON", value: text }
  }
  if (match.validate === undefined || match.validate(value)) return { _tag: "Ok", value }
  const first = match.validate.errors?.[0]
  return { _tag: "Mismatch", pointer: first === undefined ? "" : pointerOf(first), message: first?.message ?? "does not match its schema", value }
}

/** Decodes a response: the 2xx body, or the typed error of its status. */
export const decodeResponse = (
  operation: OperationSpec,
  response: HttpResponse,
  requestIdHeader: string,
  now: number
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
  const body = decodeBody(operation.responses[key]!, response)
  if (ok) {
    return body._tag === "Ok"
      ? Effect.succeed({ body: body.value, status: response.status, headers: response.headers, requestId })
      : Effect.fail(new DecodeError({
          operation: operation.id,
          status: response.status,
          pointer: body.pointer,
          message: `${operation.id}: ${body.message} at ${body.pointer === "" ? "/" : body.pointer}`,
          requestId
        }))
  }
  return Effect.fail(
    body._tag === "Ok"
      ? statusErrorOf(fields(body.value))
      : new UnexpectedStatus({ ...fields(body.value), reason: `the ${response.status} body breaks its declaration: ${body.message} at ${body.pointer === "" ? "/" : body.pointer}` })
  )
}
