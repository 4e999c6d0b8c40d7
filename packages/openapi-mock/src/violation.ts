/**
 * One thing wrong with a request, as the mock reports it in a problem+json `errors` entry.
 *
 * @module
 */

/** One thing wrong with a request: where (the part, the parameter, a JSON pointer into the value), what, and the schema it breaks. */
export interface Violation {
  /** The part of the request: `path`, `query`, `header`, `cookie` or `body`. */
  readonly in: "path" | "query" | "header" | "cookie" | "body"
  /** The parameter's name (not for the body). */
  readonly name?: string
  /** JSON pointer into the value: `/tickets/0/date`; empty for the value itself. */
  readonly pointer: string
  /** What is wrong, in one line. */
  readonly message: string
  /** The JSON Schema keyword that failed (`required`, `type`, `format`...), or `required` for a missing part. */
  readonly keyword: string
  /** JSON pointer of the schema (or parameter) in the spec it breaks. */
  readonly schema?: string
}
