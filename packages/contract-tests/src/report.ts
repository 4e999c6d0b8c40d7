import type { VerifyReport } from "./verify.js"

/** One line per violation: `file#index operationId status pointer: message`, then the summary. */
export const formatText = (report: VerifyReport): string => {
  const lines = report.entries.flatMap((e) =>
    e.violations.map((v) => `${e.file}#${e.index} ${e.operationId ?? "(no operation)"} ${e.status} ${v.pointer}: ${v.message}`)
  )
  const s = report.summary
  lines.push(`${s.entries} entries in ${s.files} files: ${s.ok} conform, ${s.failed} violate (${s.violations} violations)${s.strict ? ", strict" : ""}`)
  return lines.join("\n")
}

/** The JSON report: `{ entries: [{ file, index, operationId, ok, violations: [{ pointer, message }] }], summary }`. */
export const formatJson = (report: VerifyReport): string =>
  JSON.stringify(
    {
      entries: report.entries.map((e) => ({ file: e.file, index: e.index, operationId: e.operationId ?? null, status: e.status, ok: e.ok, violations: e.violations })),
      summary: report.summary
    },
    null,
    2
  )

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

/** JUnit XML, as CI dashboards read it: a test suite per file, a test case per entry. */
export const formatJunit = (report: VerifyReport): string => {
  const byFile = new Map<string, Array<(typeof report.entries)[number]>>()
  for (const e of report.entries) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e])
  const suites = [...byFile].map(([file, entries]) => {
    const cases = entries.map((e) => {
      const name = `#${e.index} ${e.operationId ?? "(no operation)"} ${e.status}`
      const failure = e.ok ? "" : `<failure message="${xml(`${e.violations.length} violations`)}">${xml(e.violations.map((v) => `${v.pointer}: ${v.message}`).join("\n"))}</failure>`
      return `    <testcase classname="${xml(file)}" name="${xml(name)}">${failure}</testcase>`
    })
    return `  <testsuite name="${xml(file)}" tests="${entries.length}" failures="${entries.filter((e) => !e.ok).length}">\n${cases.join("\n")}\n  </testsuite>`
  })
  const s = report.summary
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="deleted-users-contract" tests="${s.entries}" failures="${s.failed}">\n${suites.join("\n")}\n</testsuites>\n`
}
