/**
 * What refuses a spec for generation: structural errors only (a dangling `$ref`, a document or
 * schema that breaks the OpenAPI structure, a duplicate operationId). Everything else Redocly's
 * `recommended` rules find is a warning: printed, not fatal.
 *
 * @module
 */
import { formatProblems, lintSpec } from "@deleted-users/openapi-lint"

/** The Redocly rules whose findings are structural. */
export const structuralRules: ReadonlySet<string> = new Set(["struct", "no-unresolved-refs", "operation-operationId-unique", "spec-components-invalid-map-name", "path-parameters-defined", "no-identical-paths"])

/**
 * Structural errors and style warnings of a spec already read by `loadSpec`, one line each
 * (`error no-unresolved-refs #/paths/... Can't resolve $ref ...`).
 */
export const structuralProblems = async (file: string): Promise<{ readonly errors: ReadonlyArray<string>; readonly warnings: ReadonlyArray<string> }> => {
  const problems = await lintSpec(file)
  const errors = problems.filter((p) => p.severity === "error" && structuralRules.has(p.rule))
  const warnings = problems.filter((p) => !errors.includes(p)).map((p) => ({ ...p, severity: "warn" as const }))
  return { errors: formatProblems(errors).split("\n").filter((l) => l !== ""), warnings: formatProblems(warnings).split("\n").filter((l) => l !== "") }
}
