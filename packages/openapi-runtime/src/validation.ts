/**
 * Validation policy (what a client does with a request or response that breaks the spec) and the
 * error a failed validation is reported by: for `oneOf`/`anyOf`, the branch that came closest.
 *
 * @module
 */
import { escapeToken } from "@effect-openapi/json-pointer"
import type { Validator } from "@effect-openapi/runtime-core"

/**
 * What a client does with input and responses that break the spec.
 *
 * - `requests`: `"fail"` (default: `InvalidInput`, nothing is sent) or `"off"` (parameters and body
 *   are sent unchecked; the server judges them). Path segments that would change the resource, a
 *   required body, the media type and header characters are always checked.
 * - `responses`: `"fail"` (default: `DecodeError` for a 2xx, `UnexpectedStatus` for an error status),
 *   `"warn"` (the body is returned as parsed and a warning is logged with the operation and the JSON
 *   pointer, never the body) or `"off"` (no schema check). A body that is not the declared media type
 *   or not JSON fails under every policy: there is no value to return.
 */
export interface ValidationPolicy {
  /** Requests that break the spec: `"fail"` (default) or `"off"`. */
  readonly requests?: "fail" | "off"
  /** Responses that break the spec: `"fail"` (default), `"warn"` or `"off"`. */
  readonly responses?: "fail" | "warn" | "off"
}

/** The policy of a call: the call's own settings over the client's, over the defaults (`fail`, `fail`). */
export const policyOf = (client: ValidationPolicy | undefined, call: ValidationPolicy | undefined): Required<ValidationPolicy> => ({
  requests: call?.requests ?? client?.requests ?? "fail",
  responses: call?.responses ?? client?.responses ?? "fail"
})

type ValidationError = NonNullable<Validator["errors"]>[number]

/** An RFC 6901 JSON pointer from ajv's instance path and the property at fault. */
export const pointerOf = (error: ValidationError): string => {
  const params = (error.params ?? {}) as { missingProperty?: string; additionalProperty?: string }
  const extra = params.missingProperty ?? params.additionalProperty
  return extra === undefined ? error.instancePath : `${error.instancePath}/${escapeToken(extra)}`
}

const depth = (pointer: string): number => (pointer === "" ? 0 : pointer.split("/").length - 1)

/** Whether `a` went further into the value than `b`: a deeper failing value, then a deeper pointer (a missing property). */
const closer = (a: ValidationError, b: ValidationError): boolean => {
  const da = depth(a.instancePath)
  const db = depth(b.instancePath)
  return da !== db ? da > db : depth(pointerOf(a)) > depth(pointerOf(b))
}

/** The branch an error belongs to: `branch N` of the composite at `composite`, or the component it is in. */
const branchOf = (error: ValidationError, composite: ValidationError): string | undefined => {
  const path = error.schemaPath ?? ""
  const own = `${composite.schemaPath ?? ""}/`
  if (path.startsWith(own)) {
    const index = /^(\d+)\//.exec(path.slice(own.length))
    if (index !== null) return `branch ${index[1]}`
  }
  const component = /#\/components\/schemas\/([^/]+)/.exec(path)
  return component === null ? undefined : component[1]!.replace(/~1/g, "/").replace(/~0/g, "~")
}

/** The error a failed validation is reported by, and the branch it came from when the value matched no branch of a `oneOf`/`anyOf`. */
export interface ReportedError {
  /** The error. */
  readonly error: ValidationError
  /** The `oneOf`/`anyOf` branch it came from (`branch 1`, or its component's name), when there was one. */
  readonly branch: string | undefined
}

/**
 * The error to report from a failed validation. When the value matched no branch of a `oneOf` or
 * `anyOf` (ajv lists each branch's error, then the composite's), the error of the branch that came
 * closest: the one that failed deepest in the value (a value that is there and wrong before a
 * property that is missing at the same depth; ties: the earlier branch). Otherwise the first error.
 */
export const reportedError = (errors: Validator["errors"]): ReportedError | undefined => {
  if (errors === undefined || errors === null || errors.length === 0) return undefined
  const last = errors[errors.length - 1]!
  if ((last.keyword !== "oneOf" && last.keyword !== "anyOf") || errors.length === 1) return { error: errors[0]!, branch: undefined }
  let best: ValidationError | undefined
  for (let i = 0; i < errors.length - 1; i++) {
    const error = errors[i]!
    if (error.keyword === "oneOf" || error.keyword === "anyOf" || !error.instancePath.startsWith(last.instancePath)) continue
    if (best === undefined || closer(error, best)) best = error
  }
  return best === undefined ? { error: last, branch: undefined } : { error: best, branch: branchOf(best, last) }
}

/** A failed validation, as an error reports it. */
export interface DescribedFailure {
  /** The JSON pointer of the value at fault, prefixed by where the value is (`/body/pet/bark`). */
  readonly pointer: string
  /** What is wrong there, and the closest `oneOf`/`anyOf` branch when none matched. */
  readonly message: string
}

/** A failed validation as a pointer (prefixed by `where`) and a message: `/body/pet/bark must be boolean (no oneOf/anyOf branch matched; closest: Dog)`. */
export const describeFailure = (errors: Validator["errors"], where: string): DescribedFailure => {
  const reported = reportedError(errors)
  if (reported === undefined) return { pointer: where, message: "is invalid" }
  const { error, branch } = reported
  const message = error.message ?? "is invalid"
  return { pointer: `${where}${pointerOf(error)}`, message: branch === undefined ? message : `${message} (no oneOf/anyOf branch matched; closest: ${branch})` }
}
