/**
 * A value generated from a schema, when the spec gives no example: openapi-sampler (as Prism's static
 * mode uses), with the schema's own `example`/`examples`/`default`/`enum` first and `writeOnly` fields
 * left out. What it gets wrong is fixed afterwards (see `conform.ts`).
 *
 * @module
 */
import { sample } from "openapi-sampler"
import type { Document } from "./openapi.js"

/** A value for the schema at `schema` (maybe a `$ref`), its `$ref`s resolved in the spec. */
export const sampleOf = (doc: Document, schema: unknown): unknown =>
  sample(schema as never, { skipWriteOnly: true, skipReadOnly: false, quiet: true, enablePatterns: false }, doc as object)
