/**
 * Reads an OpenAPI document, YAML or JSON, from any path (`/dev/fd/*` included).
 *
 * @module
 */
import { unescapeToken } from "@effect-openapi/json-pointer"
import jsYaml, { type Type } from "js-yaml"
import { readFile } from "node:fs/promises"

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
 * A YAML 1.2 Core Schema tag of plain scalars: its forms, each a pattern and its value, as the `yaml`
 * library resolves them (js-yaml keeps one type a tag, so the forms of a tag go together).
 */
const coreScalar = (tag: string, forms: ReadonlyArray<readonly [RegExp, (text: string) => unknown]>): Type =>
  new jsYaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: "scalar",
    resolve: (text) => text !== null && forms.some(([pattern]) => pattern.test(text)),
    construct: (text) => forms.find(([pattern]) => pattern.test(text))![1](text)
  })

/**
 * The YAML 1.2 Core Schema for js-yaml, scalar for scalar as the `yaml` library reads it (js-yaml's own
 * `CORE_SCHEMA` also reads `0b101`, `-0x1F` and `-0o7` as integers, and `-.5` as a string).
 */
const yaml12Core = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    jsYaml.types.null,
    jsYaml.types.bool,
    coreScalar("int", [
      [/^0o[0-7]+$/, (text) => parseInt(text.substring(2), 8)],
      [/^[-+]?[0-9]+$/, (text) => parseInt(text, 10)],
      [/^0x[0-9a-fA-F]+$/, (text) => parseInt(text.substring(2), 16)]
    ]),
    coreScalar("float", [
      [/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (text) => (text.slice(-3).toLowerCase() === "nan" ? NaN : text.startsWith("-") ? -Infinity : Infinity)],
      [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, parseFloat],
      [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, parseFloat]
    ])
  ]
})

/** A plain `null` or `~` key, which the `yaml` library reads as `""` and js-yaml as `"null"`. */
const nullKey = /(?:^|[\s{,?-])(?:~|null|Null|NULL)[ \t]*:(?=[\s,\]}]|$)/m

/**
 * Whether the document, with every alias expanded (a node reached twice counted twice), has more nodes
 * than `limit`; a node that contains itself (`&a [*a]`) counts as too many.
 */
const expandsBeyond = (doc: unknown, limit: number): boolean => {
  const sizes = new Map<object, number>()
  const size = (node: unknown): number => {
    if (node === null || typeof node !== "object") return 1
    const known = sizes.get(node)
    if (known !== undefined) return known
    sizes.set(node, limit + 1)
    let total = 1
    for (const child of Object.values(node)) {
      total += size(child)
      if (total > limit) return total
    }
    sizes.set(node, total)
    return total
  }
  return size(doc) > limit
}

/**
 * The document of a YAML text, by js-yaml (five to ten times faster than the `yaml` library on a big
 * spec) when it reads it as `yaml` would: no `null` key, and aliases that do not expand the document
 * beyond a node a character of text (`yaml` bounds alias counts against a resource-exhaustion attack:
 * such a document goes to it, and it decides). Any text js-yaml refuses goes to `yaml` too, loaded then,
 * whose message names the line and column of what is wrong.
 */
const parseYaml = async (text: string): Promise<unknown> => {
  if (!nullKey.test(text)) {
    let anchors: Record<string, unknown> = {}
    try {
      const doc = jsYaml.load(text, { schema: yaml12Core, listener: (_event, state) => void (anchors = state.anchorMap) })
      if (Object.keys(anchors).length === 0 || !expandsBeyond(doc, text.length)) return doc
    } catch {
      // Bad YAML, or YAML js-yaml reads otherwise (a tag it does not know): `yaml` decides, and names the place.
    }
  }
  const YAML = await import("yaml")
  return YAML.parse(text, { maxAliasCount: 1000, intAsBigInt: false })
}

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
    return await parseYaml(text)
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
