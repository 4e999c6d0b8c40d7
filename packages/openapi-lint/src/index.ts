/**
 * Structural lint for OpenAPI 3.x specs: Redocly's `recommended` rules, every `$ref` resolving
 * (each broken one named with its target), unique operationIds, and every example validated
 * closed-world against its schema. Shared by the code generator (which refuses a spec with errors)
 * and the contract tool's `lint` command.
 *
 * @module
 */
import { BaseResolver, createConfig, lint, lintDocument, Source, type Document, type NormalizedProblem } from "@redocly/openapi-core"
import { unescapeToken } from "@effect-openapi/json-pointer"
import { readFile } from "node:fs/promises"
import * as path from "node:path"
import * as YAML from "yaml"

/** One problem found in a spec: the rule, where it is, and (for a broken `$ref`) what it points to. */
export interface SpecProblem {
  /** The rule's id, e.g. `no-unresolved-refs` or `no-invalid-media-type-examples`. */
  readonly rule: string
  /** `error` refuses the spec; `warn` does not. */
  readonly severity: "error" | "warn"
  /** JSON pointer of the place in the spec, e.g. `#/paths/~1api~1v2~1deleted_users/get/...`. */
  readonly pointer: string
  /** The file the pointer is in, when it is another file than the spec's own (a split spec): its absolute path. */
  readonly file?: string
  /** For `no-unresolved-refs`: the `$ref` that does not resolve, e.g. `#/components/schemas/DeletedUserObject`. */
  readonly ref?: string
  /** What is wrong, in one line. */
  readonly message: string
}

/**
 * The lint rules: Redocly's `recommended`, with every example validated against its schema
 * closed-world (an undocumented key in an example is an error).
 */
const rules = {
  "no-unresolved-refs": "error",
  "no-invalid-media-type-examples": { severity: "error", allowAdditionalProperties: false },
  "no-invalid-schema-examples": { severity: "error", allowAdditionalProperties: false },
  "no-invalid-parameter-examples": { severity: "error", allowAdditionalProperties: false },
  "operation-operationId-unique": "error",
  "spec-components-invalid-map-name": "error",
  "struct": "error",
  // The seed's `servers` carry variables, and Zendesk's API has no public license URL to name.
  "no-server-example.com": "off"
} as const

const refAt = (doc: unknown, pointer: string): string | undefined => {
  let node: unknown = doc
  for (const segment of pointer.replace(/^#\/?/, "").split("/").filter((s) => s.length > 0)) {
    if (node === null || typeof node !== "object") return undefined
    node = (node as Record<string, unknown>)[unescapeToken(decodeURIComponent(segment))]
  }
  if (node !== null && typeof node === "object" && typeof (node as { $ref?: unknown }).$ref === "string") {
    return (node as { $ref: string }).$ref
  }
  return undefined
}

const toProblem = (doc: (file: string) => unknown, root: string) => (problem: NormalizedProblem): SpecProblem => {
  const pointer = problem.location[0]?.pointer ?? "#/"
  const file = problem.location[0]?.source.absoluteRef
  const elsewhere = file !== undefined && file !== root && path.isAbsolute(file)
  const ref = problem.ruleId === "no-unresolved-refs" ? refAt(doc(elsewhere ? file : root), pointer) : undefined
  return {
    rule: problem.ruleId,
    severity: problem.severity === "error" ? "error" : "warn",
    pointer,
    ...(elsewhere ? { file } : {}),
    ...(ref === undefined ? {} : { ref }),
    message: ref === undefined ? problem.message : `Can't resolve $ref ${ref}`
  }
}

/** Options of `lintSpec`. */
export interface LintOptions {
  /**
   * The file's document, already parsed (and possibly repaired, e.g. a `$ref` cycle broken): it is
   * linted instead of parsing the file again; relative `$ref`s still resolve against the file.
   */
  readonly document?: unknown
}

const lintParsed = async (file: string, parsed: unknown, config: Awaited<ReturnType<typeof createConfig>>): Promise<Array<NormalizedProblem>> => {
  const absoluteRef = path.resolve(file)
  const document: Document = { source: new Source(absoluteRef, await readFile(file, "utf8")), parsed }
  const externalRefResolver = new BaseResolver(config.resolve)
  // A `$ref` from another file back into this one finds this document, not the file parsed afresh.
  externalRefResolver.cache.set(absoluteRef, Promise.resolve(document))
  return lintDocument({ document, config: config.styleguide, externalRefResolver })
}

/** Lints an OpenAPI 3.x file: Redocly's recommended rules plus closed-world example validation. */
export const lintSpec = async (file: string, options: LintOptions = {}): Promise<ReadonlyArray<SpecProblem>> => {
  const config = await createConfig({ extends: ["recommended"], rules } as never)
  const problems = options.document === undefined ? await lint({ ref: file, config }) : await lintParsed(file, options.document, config)
  // A document is parsed again only to name the targets of broken `$ref`s (a big spec costs ~0.5 s a parse).
  const root = path.resolve(file)
  const texts = new Map<string, string>()
  for (const p of problems) {
    const at = p.location[0]?.source.absoluteRef ?? root
    if (p.ruleId === "no-unresolved-refs" && !texts.has(at) && !(at === root && options.document !== undefined) && path.isAbsolute(at)) texts.set(at, await readFile(at, "utf8").catch(() => ""))
  }
  const parsed = new Map<string, unknown>(options.document === undefined ? [] : [[root, options.document]])
  const doc = (at: string) => {
    if (!parsed.has(at)) {
      try {
        parsed.set(at, YAML.parse(texts.get(at) ?? ""))
      } catch {
        parsed.set(at, undefined)
      }
    }
    return parsed.get(at)
  }
  const seen = new Set<string>()
  return problems.map(toProblem(doc, root)).filter((p) => {
    const key = `${p.rule} ${p.file ?? ""}${p.pointer} ${p.message}`
    return seen.has(key) ? false : (seen.add(key), true)
  })
}

/** Only the problems that refuse a spec. */
export const errorsOf = (problems: ReadonlyArray<SpecProblem>): ReadonlyArray<SpecProblem> =>
  problems.filter((p) => p.severity === "error")

/**
 * One line per problem: `error no-unresolved-refs #/paths/... Can't resolve $ref #/components/...`; a
 * problem in another file of a split spec has its path before the pointer (`/specs/paths/pets.yaml#/get`).
 */
export const formatProblems = (problems: ReadonlyArray<SpecProblem>): string =>
  problems.map((p) => `${p.severity} ${p.rule} ${p.file ?? ""}${p.pointer} ${p.message}`).join("\n")
