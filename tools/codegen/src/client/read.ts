/**
 * How `effect-openapi generate` reads a spec. It refuses only a document it cannot generate from — not
 * OpenAPI 3.0/3.1 (nor Swagger 2.0, which is converted), a `$ref` that does not resolve, a schema it
 * cannot read — naming each pointer and the fix. Everything else the lint finds is a warning with its
 * pointer, and the document is read as faithfully as it can be: split specs bundled (every relative
 * `$ref` resolved against the file that holds it), Swagger 2.0 converted by swagger2openapi, `$ref`
 * cycles with no schema between broken, `$ref`s into paths or into a schema copied, and the repairs
 * of `repair.ts`. With `strict`, every structural lint error refuses the spec too (the gate of old).
 *
 * @module
 */
import { append } from "@effect-openapi/json-pointer"
import { lintSpec, type SpecProblem } from "@effect-openapi/lint"
import { BaseResolver, bundle, createConfig, Source, type Document } from "@redocly/openapi-core"
import { readFile } from "node:fs/promises"
import { createRequire } from "node:module"
import * as path from "node:path"
import { structuralRules } from "./check.js"
import { parseSpecFile, specVersionOf, SpecUnreadable, type OpenApiDocument } from "./load.js"
import { breakRefCycles, inlineDeepRefs, repairOperations, repairSchemas, valueAt, type Finding } from "./repair.js"

const require = createRequire(import.meta.url)

/** A spec refused: every reason, each with its JSON pointer and the fix. */
export class SpecRefused extends Error {
  override readonly name = "SpecRefused"
}

/** How to read a spec. */
export interface ReadOptions {
  /** Refuse the spec for any structural lint error as well (a duplicate operationId, a field off the OpenAPI structure…). */
  readonly strict?: boolean
  /** The spec's path as messages name it (default: as given). */
  readonly label?: string
  /** OpenAPI Overlay 1.0 files applied, in order, to the document as parsed (see `overlay.ts`). */
  readonly overlays?: ReadonlyArray<string>
}

/** A spec as read: the document to generate from (OpenAPI 3.x, one file), and the warnings, one line each. */
export interface SpecReading {
  readonly doc: OpenApiDocument
  readonly warnings: ReadonlyArray<string>
}

const line = (severity: "error" | "warn", f: Finding) => `${severity} ${f.rule} ${f.pointer} ${f.message}`

/** The fix of a lint error that refuses a spec. */
const fixOf = (p: SpecProblem): string =>
  p.rule === "no-unresolved-refs"
    ? `; fix: define ${p.ref ?? "its target"}, or point the $ref at something that exists`
    : ""

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value)

/** Whether a document has a `$ref` to another file (or a URL). */
const hasExternalRefs = (node: unknown): boolean => {
  if (Array.isArray(node)) return node.some(hasExternalRefs)
  if (!isObject(node)) return false
  if (typeof node.$ref === "string" && !node.$ref.startsWith("#")) return true
  return Object.entries(node).some(([key, child]) => key !== "example" && hasExternalRefs(child))
}

/** Keys whose children are named by the spec's author (a property may be called `example`). */
const namedMaps: ReadonlySet<string> = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "headers", "encoding", "links", "callbacks", "variables", "mapping", "scopes", "paths", "webhooks", "schemas", "responses", "parameters", "requestBodies", "securitySchemes", "examples", "pathItems"])

/**
 * The document without the values of its examples (`example`, a schema's `examples`, the `value` of each
 * Example Object; a `$ref` to one stays, so a dangling one still refuses the spec), for the lint of the
 * default path: the lint validates every example against its schema, most of its time on a big spec
 * (about 85% on GitHub's), and a bad example never refuses a spec. `--strict` and `effect-openapi lint`
 * validate them.
 */
const withoutExamples = (node: unknown, named = false): unknown => {
  if (Array.isArray(node)) return node.map((child) => withoutExamples(child))
  if (!isObject(node)) return node
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(node)) {
    if (named) out[key] = withoutExamples(child)
    else if (key === "example") continue
    else if (key === "examples") {
      if (!isObject(child)) continue
      out[key] = Object.fromEntries(Object.entries(child).map(([name, example]) => [name, isObject(example) && typeof example.$ref !== "string" ? Object.fromEntries(Object.entries(example).filter(([k]) => k !== "value")) : example]))
    } else out[key] = withoutExamples(child, namedMaps.has(key))
  }
  return out
}

/** Every file the document's `$ref`s reach, bundled into it (its own `$ref`s stay as they are). */
const bundleFile = async (file: string, parsed: unknown): Promise<{ readonly doc: unknown; readonly warnings: ReadonlyArray<string> }> => {
  const config = await createConfig({})
  const absoluteRef = path.resolve(file)
  const document: Document = { source: new Source(absoluteRef, await readFile(file, "utf8")), parsed }
  const externalRefResolver = new BaseResolver(config.resolve)
  externalRefResolver.cache.set(absoluteRef, Promise.resolve(document))
  const result = await bundle({ doc: document, config, externalRefResolver, dereference: false, removeUnusedComponents: false })
  const warnings = result.problems
    .filter((p) => p.ruleId !== "no-unresolved-refs")
    .map((p) => `warn bundle ${p.location[0]?.pointer ?? "#/"} ${p.message}`)
  return { doc: result.bundle.parsed, warnings }
}

/** A Swagger 2.0 document as OpenAPI 3.0, by swagger2openapi (`patch`: the small errors it knows are fixed). */
const convertSwagger = async (doc: unknown, label: string): Promise<{ readonly doc: unknown; readonly warnings: ReadonlyArray<string> }> => {
  const { convertObj } = require("swagger2openapi") as { convertObj: (doc: unknown, options: Record<string, unknown>) => Promise<{ openapi: unknown }> }
  const version = (require("swagger2openapi/package.json") as { version: string }).version
  const warnProperty = "x-effect-openapi-s2o-warning"
  let converted: unknown
  try {
    converted = (await convertObj(structuredClone(doc), { patch: true, warnOnly: true, warnProperty, resolve: false, anchors: true, source: label })).openapi
  } catch (error) {
    throw new SpecRefused(`${label} is refused: a Swagger 2.0 document swagger2openapi ${version} cannot convert (${(error as Error).message.split("\n")[0]}); fix: correct it there, or convert it to OpenAPI 3 yourself`)
  }
  const warnings = [`warn swagger-2.0 #/swagger a Swagger 2.0 document: converted to OpenAPI 3.0 by swagger2openapi ${version} (the lint's warnings above point into the 2.0 document, the warnings after this one into the converted 3.0 document)`]
  const collect = (node: unknown, pointer: string) => {
    if (Array.isArray(node)) node.forEach((child, i) => collect(child, `${pointer}/${i}`))
    else if (isObject(node)) {
      if (typeof node[warnProperty] === "string") {
        warnings.push(`warn swagger2openapi ${pointer} ${node[warnProperty] as string}`)
        delete node[warnProperty]
      }
      for (const [key, child] of Object.entries(node)) collect(child, append(pointer, key))
    }
  }
  collect(converted, "#")
  return { doc: converted, warnings }
}

/** Reads a spec for generation: the document to generate from and the warnings, or `SpecRefused`. */
export const readSpec = async (file: string, options: ReadOptions = {}): Promise<SpecReading> => {
  const label = options.label ?? file
  let parsed: unknown
  try {
    parsed = await parseSpecFile(file)
  } catch (error) {
    if (error instanceof SpecUnreadable) throw new SpecRefused(error.message)
    throw error
  }
  const version = specVersionOf(parsed)
  if (version === undefined) {
    const declared = isObject(parsed) ? (parsed.openapi ?? parsed.swagger) : undefined
    throw new SpecRefused(`${label}: not an OpenAPI 3.0 or 3.1 document, nor Swagger 2.0 (${declared === undefined ? 'no "openapi: 3.0.x" or "3.1.x"' : `it declares ${JSON.stringify(declared)}`}); fix: declare the version it follows (openapi: 3.0.3 or 3.1.0)`)
  }
  const doc = parsed as Record<string, unknown>
  // The overlay reader (ajv, jsonpathly) is loaded only for a spec that has overlays.
  const overlays = options.overlays ?? []
  const warnings: Array<string> = overlays.length === 0 ? [] : [...(await (await import("./overlay.js")).applyOverlayFiles(doc, overlays))]
  // Before the lint: Redocly's resolver stops at a `$ref` cycle with no schema between.
  warnings.push(...breakRefCycles(doc).map((f) => line("warn", f)))
  let problems: ReadonlyArray<SpecProblem>
  try {
    problems = await lintSpec(file, { document: options.strict === true ? doc : withoutExamples(doc) })
  } catch (error) {
    if ((error as Error).message === "Self-referencing circular pointer") {
      throw new SpecRefused(`${label} is refused: the files it references hold a $ref cycle with no schema between; fix: replace one of its $refs with the schema it means`)
    }
    throw error
  }
  // A problem in another file of a split spec: that file's path (from the spec's folder), then the pointer.
  const where = (p: SpecProblem) => (p.file === undefined ? p.pointer : `${path.relative(path.dirname(path.resolve(file)), p.file).split(path.sep).join("/")}${p.pointer}`)
  // A discriminator's mapping may name a schema instead of pointing at it (OpenAPI 3.0.3, Discriminator
  // Object), which Redocly reads as a file: no problem. One that names nothing refuses the spec with
  // --strict; otherwise repairSchemas leaves it out, with a warning (Redocly does not report them all).
  const mapping = (p: SpecProblem) => p.rule === "no-unresolved-refs" && p.file === undefined && /\/discriminator\/mapping\/[^/]+$/.test(p.pointer)
  const schemaNames = new Set(Object.keys((isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {}) as object))
  problems = problems.filter((p) => {
    const value = mapping(p) ? valueAt(doc, p.pointer) : undefined
    return !(typeof value === "string" && schemaNames.has(value))
  })
  const refuses = (p: SpecProblem) => (p.rule === "no-unresolved-refs" && !mapping(p)) || (options.strict === true && p.severity === "error" && structuralRules.has(p.rule))
  const refused = problems.filter(refuses)
  if (refused.length > 0) {
    throw new SpecRefused(`${label} is refused (${refused.length} error${refused.length === 1 ? "" : "s"}${options.strict === true ? ", --strict" : ""}):\n${refused.map((p) => `error ${p.rule} ${where(p)} ${p.message}${fixOf(p)}`).join("\n")}`)
  }
  warnings.push(...problems.filter((p) => !refuses(p) && !mapping(p)).map((p) => `warn ${p.rule} ${where(p)} ${p.message}`))
  let openapi: unknown = doc
  if (hasExternalRefs(doc)) {
    const bundled = await bundleFile(file, doc)
    openapi = bundled.doc
    warnings.push(...bundled.warnings)
  }
  if (version === "2.0") {
    const converted = await convertSwagger(openapi, label)
    openapi = converted.doc
    warnings.push(...converted.warnings)
  }
  const out = openapi as Record<string, unknown>
  const openapiVersion = specVersionOf(out) as "3.0" | "3.1"
  if (typeof out.openapi === "string" && !/^3\.[01]\.\d+/.test(out.openapi)) {
    warnings.push(`warn openapi-version #/openapi ${JSON.stringify(out.openapi)}: read as ${openapiVersion}.0`)
    out.openapi = `${openapiVersion}.0`
  }
  const schemas = repairSchemas(out, openapiVersion)
  if (schemas.refusals.length > 0) {
    throw new SpecRefused(`${label} is refused (${schemas.refusals.length} schema${schemas.refusals.length === 1 ? "" : "s"} it cannot read):\n${schemas.refusals.map((f) => line("error", f)).join("\n")}`)
  }
  warnings.push(...schemas.warnings.map((f) => line("warn", f)))
  // After bundling: a cycle across files, through the copies bundling made.
  warnings.push(...breakRefCycles(out).map((f) => line("warn", f)))
  warnings.push(...repairOperations(out).map((f) => line("warn", f)))
  warnings.push(...inlineDeepRefs(out).map((f) => line("warn", f)))
  return { doc: out as OpenApiDocument, warnings }
}
