/**
 * The value a media type (or a header, or a parameter) answers with: the example named by
 * `Prefer: example=`, else its `example`, else its first `examples` entry, else one generated from
 * its schema.
 *
 * @module
 */
import type { Document, Example, MediaType } from "./openapi.js"
import { generate } from "./generate.js"
import { child, deref, type Located } from "./pointer.js"
import type { Validate } from "./validate.js"

/** The value found, or the names of the examples there are when the one asked for is not among them. */
export type Picked =
  | { readonly _tag: "Value"; readonly value: unknown; readonly source: string }
  | { readonly _tag: "NoSuchExample"; readonly names: ReadonlyArray<string> }

const valueOf = (doc: Document, example: unknown): Example | undefined => {
  const e = deref<Example>(doc, example, "#").value
  return e !== null && typeof e === "object" && "value" in e ? e : undefined
}

/** The value for a media type (or anything with `example`/`examples`/`schema`); `name` picks one of its `examples`. */
export const pickValue = (doc: Document, located: Located<MediaType>, validate: Validate, name?: string): Picked => {
  const media = located.value
  const examples = media.examples ?? {}
  if (name !== undefined) {
    const named = Object.hasOwn(examples, name) ? valueOf(doc, examples[name]) : undefined
    return named === undefined ? { _tag: "NoSuchExample", names: Object.keys(examples) } : { _tag: "Value", value: named.value, source: `example ${name}` }
  }
  if (media.example !== undefined) return { _tag: "Value", value: media.example, source: "example" }
  for (const [key, example] of Object.entries(examples)) {
    const found = valueOf(doc, example)
    if (found !== undefined) return { _tag: "Value", value: found.value, source: `example ${key}` }
  }
  if (media.schema === undefined) return { _tag: "Value", value: undefined, source: "none" }
  const value = generate(doc, validate, child(located.pointer, "schema"), media.schema)
  return { _tag: "Value", value, source: "schema" }
}
