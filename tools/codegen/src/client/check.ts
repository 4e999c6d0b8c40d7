/**
 * What refuses a spec for generation: structural errors only (a dangling `$ref`, a document or
 * schema that breaks the OpenAPI structure, a duplicate operationId). Everything else Redocly's
 * `recommended` rules find is a warning: printed, not fatal.
 *
 * @module
 */
import { formatProblems, lintSpec } from "../lint.js"
import { SpecUnreadable, loadSpec } from "./load.js"

/** The Redocly rules whose findings are structural. */
export const structuralRules: ReadonlySet<string> = new Set(["struct", "no-unresolved-refs", "operation-operationId-unique", "spec-components-invalid-map-name", "path-parameters-defined", "no-identical-paths"])

/**
 * Structural errors and style warnings, one line each (`error no-unresolved-refs #/paths/... Can't resolve $ref ...`).
 * `loaded`: the spec already read by `loadSpec` (so it is not parsed twice).
 */
export const structuralProblems = async (file: string, loaded?: unknown): Promise<{ readonly errors: ReadonlyArray<string>; readonly warnings: ReadonlyArray<string> }> => {
  if (loaded === undefined) {
    try {
      await loadSpec(file)
    } catch (error) {
      if (error instanceof SpecUnreadable) return { errors: [error.message], warnings: [] }
      throw error
    }
  }
  const problems = await lintSpec(file)
  const errors = problems.filter((p) => p.severity === "error" && structuralRules.has(p.rule))
  const warnings = problems.filter((p) => !errors.includes(p)).map((p) => ({ ...p, severity: "warn" as const }))
  return { errors: formatProblems(errors).split("\n").filter((l) => l !== ""), warnings: formatProblems(warnings).split("\n").filter((l) => l !== "") }
}
