/**
 * The mock's own answers (an undocumented path or method, an invalid request, a preference it can't
 * meet) as RFC 9457 problem details: `application/problem+json` with `type`, `title`, `status`,
 * `detail`, and for an invalid request `errors`, each naming a JSON pointer.
 *
 * @module
 */
import type { Violation } from "./violation.js"

/** A problem details object (RFC 9457), with the mock's extensions. */
export interface Problem {
  /** A URI naming the kind of problem: `urn:openapi-mock:invalid-request`, `...:no-route`, `...:method-not-allowed`, etc. */
  readonly type: string
  /** The kind of problem, in words. */
  readonly title: string
  /** The HTTP status. */
  readonly status: number
  /** This occurrence, in one line. */
  readonly detail: string
  /** For an invalid request: each thing wrong, `pointer` a JSON pointer (`#/tickets/0`) into the body or the parameter's value. */
  readonly errors?: ReadonlyArray<{
    /** Where the wrong value is: a parameter location, or the body. */
    readonly in: Violation["in"]
    /** The parameter's name (none for the body). */
    readonly name?: string
    /** A JSON pointer to the wrong value, within the body or the parameter's value. */
    readonly pointer: string
    /** What is wrong, in one line. */
    readonly detail: string
    /** The JSON Schema keyword that failed (`type`, `required`, ...). */
    readonly keyword: string
    /** A JSON pointer to the schema in the spec, when known. */
    readonly schema?: string
  }>
  /** Extension members. */
  readonly [key: string]: unknown
}

/** A problem of a kind (`invalid-request`, `no-route`...), its status, title and detail. */
export const problem = (kind: string, status: number, title: string, detail: string, extra: Record<string, unknown> = {}): Problem => ({
  type: `urn:openapi-mock:${kind}`,
  title,
  status,
  detail,
  ...extra
})

/** The problem for an invalid request: each violation as an `errors` entry, the first in `detail`. */
export const invalidRequest = (status: number, violations: ReadonlyArray<Violation>): Problem =>
  problem("invalid-request", status, "Invalid request", violations.map((v) => v.message).join("; "), {
    errors: violations.map((v) => ({
      in: v.in,
      ...(v.name === undefined ? {} : { name: v.name }),
      pointer: `#${v.pointer}`,
      detail: v.message,
      keyword: v.keyword,
      ...(v.schema === undefined ? {} : { schema: v.schema })
    }))
  })
