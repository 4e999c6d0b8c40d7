/**
 * Structural errors: a dangling `$ref`, a document or schema that breaks the OpenAPI structure, a
 * duplicate operationId. They are what `effect-openapi lint` exits 1 for, and what refuses a spec for
 * `generate --strict`; without `--strict` only what cannot be generated from refuses it (see
 * `read.ts`). Everything else Redocly's `recommended` rules find is a warning: printed, not fatal.
 *
 * @module
 */
import { formatProblems, lintSpec } from "@effect-openapi/lint"

/** The Redocly rules whose findings are structural. */
export const structuralRules: ReadonlySet<string> = new Set(["struct", "no-unresolved-refs", "operation-operationId-unique", "spec-components-invalid-map-name", "path-parameters-defined", "no-identical-paths"])

/**
 * Structural errors and style warnings of a spec already read by `loadSpec`, one line each
 * (`error no-unresolved-refs #/paths/... Can't resolve $ref ...`); `document`, when given, is linted
 * in place of the file's own parse (its relative `$ref`s still resolve against the file).
 */
export const structuralProblems = async (file: string, document?: unknown): Promise<{ readonly errors: ReadonlyArray<string>; readonly warnings: ReadonlyArray<string> }> => {
  const problems = await lintSpec(file, document === undefined ? {} : { document })
  const errors = problems.filter((p) => p.severity === "error" && structuralRules.has(p.rule))
  const warnings = problems.filter((p) => !errors.includes(p)).map((p) => ({ ...p, severity: "warn" as const }))
  return { errors: formatProblems(errors).split("\n").filter((l) => l !== ""), warnings: formatProblems(warnings).split("\n").filter((l) => l !== "") }
}
