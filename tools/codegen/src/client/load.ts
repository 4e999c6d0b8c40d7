/**
 * Reads an OpenAPI document, YAML or JSON, from any path (`/dev/fd/*` included).
 *
 * @module
 */
import { unescapeToken } from "@effect-openapi/json-pointer"
import { readFile } from "node:fs/promises"
import * as YAML from "yaml"

/** An OpenAPI document, as parsed. */
export type OpenApiDocument = Record<string, unknown> & {
  readonly openapi?: string
  readonly paths?: Record<string, Record<string, unknown>>
  readonly components?: Record<string, Record<string, unknown>>
}

/** A spec that cannot be read or is not OpenAPI 3.0/3.1: one line that says why. */
export class SpecUnreadable extends Error {
  override readonly name = "SpecUnreadable"
}

/** The versions the generator reads: OpenAPI 3.0 and 3.1, and Swagger 2.0 (converted to 3.0 first). */
export type SpecVersion = "2.0" | "3.0" | "3.1"

/**
 * Reads and parses a file, YAML or JSON. A text that starts with `{` is tried as JSON first (`JSON.parse`
 * reads GitHub's 13 MB spec in a tenth of a second, the YAML parser in seconds); YAML reads the rest,
 * and any JSON that `JSON.parse` refuses (a YAML parser reads JSON too).
 */
export const parseSpecFile = async (file: string): Promise<unknown> => {
  let text: string
  try {
    text = await readFile(file, "utf8")
  } catch (error) {
    throw new SpecUnreadable(`${file}: cannot be read (${(error as { code?: string }).code ?? String(error)})`)
  }
  if (/^\s*\{/.test(text)) {
    try {
      return JSON.parse(text)
    } catch {
      // Not strict JSON (a comment, a trailing comma, or YAML in flow style): the YAML parser decides.
    }
  }
  try {
    return YAML.parse(text, { maxAliasCount: 1000, intAsBigInt: false })
  } catch (error) {
    throw new SpecUnreadable(`${file}: not YAML or JSON (${(error as Error).message.split("\n")[0]})`)
  }
}

/** The version of a parsed document, or undefined when it is neither OpenAPI 3.0/3.1 nor Swagger 2.0. */
export const specVersionOf = (doc: unknown): SpecVersion | undefined => {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return undefined
  const { openapi, swagger } = doc as { openapi?: unknown; swagger?: unknown }
  if (typeof openapi === "string") return /^3\.0(\.|$)/.test(openapi) ? "3.0" : /^3\.1(\.|$)/.test(openapi) ? "3.1" : undefined
  return openapi === undefined && (swagger === "2.0" || swagger === 2) ? "2.0" : undefined
}

/** Reads and parses a spec, refusing one that is not OpenAPI 3.0 or 3.1. */
export const loadSpec = async (file: string): Promise<OpenApiDocument> => {
  const doc = await parseSpecFile(file)
  const version = specVersionOf(doc)
  if (version === undefined || version === "2.0") {
    throw new SpecUnreadable(`${file}: not an OpenAPI 3.0 or 3.1 document (no "openapi: 3.0.x" or "3.1.x")`)
  }
  return doc as OpenApiDocument
}

/** Whether the document is OpenAPI 3.0 (whose schemas need converting to JSON Schema). */
export const isOpenApi30 = (doc: OpenApiDocument): boolean => doc.openapi?.startsWith("3.0.") === true

/** Resolves a local `$ref` (`#/components/...`), following chains; undefined when it dangles. */
export const resolveLocal = <T = unknown>(doc: OpenApiDocument, value: unknown): T | undefined => {
  let node = value
  for (let hops = 0; hops < 20; hops++) {
    if (node === null || typeof node !== "object" || typeof (node as { $ref?: unknown }).$ref !== "string") return node as T
    const ref = (node as { $ref: string }).$ref
    if (!ref.startsWith("#/")) return undefined
    node = ref.slice(2).split("/").reduce<unknown>(
      (at, raw) => (at === null || typeof at !== "object" ? undefined : (at as Record<string, unknown>)[unescapeToken(decodeURIComponent(raw))]),
      doc
    )
  }
  return undefined
}
