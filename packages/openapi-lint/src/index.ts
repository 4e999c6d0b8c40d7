/**
 * Structural lint for OpenAPI 3.x specs: Redocly's `recommended` rules, every `$ref` resolving
 * (each broken one named with its target), unique operationIds, and every example validated
 * closed-world against its schema. Shared by the code generator (which refuses a spec with errors)
 * and the contract tool's `lint` command.
 *
 * @module
 */
import { createConfig, lint, type NormalizedProblem } from "@redocly/openapi-core"
import { readFile } from "node:fs/promises"
import * as YAML from "yaml"

/** One problem found in a spec: the rule, where it is, and (for a broken `$ref`) what it points to. */
export interface SpecProblem {
  /** The rule's id, e.g. `no-unresolved-refs` or `no-invalid-media-type-examples`. */
  readonly rule: string
  /** `error` refuses the spec; `warn` does not. */
  readonly severity: "error" | "warn"
  /** JSON pointer of the place in the spec, e.g. `#/paths/~1api~1v2~1deleted_users/get/...`. */
  readonly pointer: string
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

const unescape = (segment: string) => segment.replace(/~1/g, "/").replace(/~0/g, "~")

const refAt = (doc: unknown, pointer: string): string | undefined => {
  let node: unknown = doc
  for (const segment of pointer.replace(/^#\/?/, "").split("/").filter((s) => s.length > 0)) {
    if (node === null || typeof node !== "object") return undefined
    node = (node as Record<string, unknown>)[unescape(decodeURIComponent(segment))]
  }
  if (node !== null && typeof node === "object" && typeof (node as { $ref?: unknown }).$ref === "string") {
    return (node as { $ref: string }).$ref
  }
  return undefined
}

const toProblem = (doc: () => unknown) => (problem: NormalizedProblem): SpecProblem => {
  const pointer = problem.location[0]?.pointer ?? "#/"
  const ref = problem.ruleId === "no-unresolved-refs" ? refAt(doc(), pointer) : undefined
  return {
    rule: problem.ruleId,
    severity: problem.severity === "error" ? "error" : "warn",
    pointer,
    ...(ref === undefined ? {} : { ref }),
    message: ref === undefined ? problem.message : `Can't resolve $ref ${ref}`
  }
}

/** Lints an OpenAPI 3.1 file: Redocly's recommended rules plus closed-world example validation. */
export const lintSpec = async (file: string): Promise<ReadonlyArray<SpecProblem>> => {
  const config = await createConfig({ extends: ["recommended"], rules } as never)
  const problems = await lint({ ref: file, config })
  // The document is parsed again only to name the targets of broken `$ref`s (a big spec costs ~0.5 s a parse).
  let parsed: unknown
  const text = problems.some((p) => p.ruleId === "no-unresolved-refs") ? await readFile(file, "utf8") : ""
  const doc = () => (parsed ??= YAML.parse(text))
  const seen = new Set<string>()
  return problems.map(toProblem(doc)).filter((p) => {
    const key = `${p.rule} ${p.pointer} ${p.message}`
    return seen.has(key) ? false : (seen.add(key), true)
  })
}

/** Only the problems that refuse a spec. */
export const errorsOf = (problems: ReadonlyArray<SpecProblem>): ReadonlyArray<SpecProblem> =>
  problems.filter((p) => p.severity === "error")

/** One line per problem: `error no-unresolved-refs #/paths/... Can't resolve $ref #/components/...`. */
export const formatProblems = (problems: ReadonlyArray<SpecProblem>): string =>
  problems.map((p) => `${p.severity} ${p.rule} ${p.pointer} ${p.message}`).join("\n")
