/**
 * `diff` reports: text for a terminal, JSON for tools, Markdown for a changelog section.
 *
 * @module
 */
import type { DiffResult, Finding, Severity } from "./diff.js"

const labels: Record<Severity, string> = { breaking: "BREAKING", "type-breaking": "TYPES", warning: "WARNING", "non-breaking": "info" }
const why = (f: Finding) => (f.override === undefined ? "" : ` (override: ${f.override})`)
const reach = (f: Finding) => (f.operations.length === 0 ? "" : ` [${f.operations.join(", ")}]`)

/** One line per finding, `SEVERITY rule-id pointer: message [operations]`, then a summary line. */
export const formatDiffText = (result: DiffResult): string => {
  const s = result.summary
  const lines = result.findings.map((f) => `${labels[f.severity].padEnd(8)} ${f.rule} ${f.pointer}: ${f.message}${reach(f)}${why(f)}`)
  lines.push(`${s.breaking} breaking, ${s.typeBreaking} type-breaking, ${s.warning} warnings, ${s.nonBreaking} non-breaking: a ${s.release} release`)
  return lines.join("\n")
}

/** `{ findings: [{ rule, severity, side, pointer, message, operations, override? }], summary: { breaking, typeBreaking, warning, nonBreaking, release } }`. */
export const formatDiffJson = (result: DiffResult): string => JSON.stringify({ findings: result.findings, summary: result.summary }, null, 2)

const md = (s: string) => s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`)

/** A changelog section: breaking changes, changes to generated types, warnings, additions and other changes. */
export const formatDiffMarkdown = (result: DiffResult): string => {
  const s = result.summary
  const section = (title: string, severity: Severity) => {
    const items = result.findings.filter((f) => f.severity === severity)
    return items.length === 0 ? [] : [`### ${title}`, "", ...items.map((f) => `- \`${f.rule}\` ${md(f.message)} (\`${f.pointer}\`)${f.operations.length === 0 ? "" : `: ${f.operations.map(md).join(", ")}`}${md(why(f))}`), ""]
  }
  return [
    `## API changes (${s.release} release)`,
    "",
    ...section("Breaking changes", "breaking"),
    ...section("Changes to generated types", "type-breaking"),
    ...section("Warnings", "warning"),
    ...section("Additions and other changes", "non-breaking"),
    ...(result.findings.length === 0 ? ["No change a client can see.", ""] : [])
  ].join("\n")
}
