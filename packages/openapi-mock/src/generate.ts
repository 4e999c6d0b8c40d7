/**
 * A value generated for a schema of the spec, when it gives no example: openapi-sampler's (as Prism's
 * static mode), then made valid where openapi-sampler's is not (see `conform`).
 *
 * @module
 */
import { conform } from "./conform.js"
import type { Document } from "./openapi.js"
import { sampleOf } from "./sample.js"
import type { Validate } from "./validate.js"

/** A value for `schema`, which lives at `schemaPointer` in the spec. */
export const generate = (doc: Document, validate: Validate, schemaPointer: string, schema: unknown): unknown =>
  conform(doc, validate, schemaPointer, sampleOf(doc, schema))
