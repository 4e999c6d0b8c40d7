import type { EntryReport, VerifyReport } from "./verify.js"
import { xmlAttribute, xmlText } from "./xml.js"

/** One line per refused file and per violation: `file#index operationId status pointer: message`, then the summary. */
export const formatText = (report: VerifyReport): string => {
  const lines: Array<string> = report.errors.map((e) => `error: ${e.message}`)
  for (const e of report.entries) {
    for (const v of e.violations) lines.push(`${e.file}#${e.index} ${e.operationId ?? "(no operation)"} ${e.status} ${v.pointer}: ${v.message}`)
  }
  const s = report.summary
  const errors = s.errors > 0 ? `; ${s.errors} ${s.errors === 1 ? "file" : "files"} refused` : ""
  lines.push(`${s.entries} entries in ${s.files} files: ${s.ok} conform, ${s.failed} violate (${s.violations} violations)${s.strict ? ", strict" : ""}${errors}`)
  return lines.join("\n")
}

/** The JSON report: `{ entries: [{ file, index, operationId, status, ok, violations: [{ pointer, message }] }], errors: [{ file, message }], summary }`. */
export const formatJson = (report: VerifyReport): string =>
  JSON.stringify(
    {
      entries: report.entries.map((e) => ({ file: e.file, index: e.index, operationId: e.operationId ?? null, status: e.status, ok: e.ok, violations: e.violations })),
      errors: report.errors,
      summary: report.summary
    },
    null,
    2
  )

const testcase = (e: EntryReport): string => {
  const name = `#${e.index} ${e.operationId ?? "(no operation)"} ${e.status}`
  const failure = e.ok
    ? ""
    : `<failure message="${xmlAttribute(`${e.violations.length} violations`)}">${xmlText(e.violations.map((v) => `${v.pointer}: ${v.message}`).join("\n"))}</failure>`
  return `    <testcase classname="${xmlAttribute(e.file)}" name="${xmlAttribute(name)}">${failure}</testcase>`
}

/**
 * JUnit XML, as CI dashboards read it: a test suite per file, a test case per entry, and a refused
 * file as a suite with one `<error>`. Well-formed whatever the traffic holds, and linear in entries.
 */
export const formatJunit = (report: VerifyReport): string => {
  const byFile = new Map<string, Array<EntryReport>>()
  for (const e of report.entries) {
    const list = byFile.get(e.file)
    if (list === undefined) byFile.set(e.file, [e])
    else list.push(e)
  }
  const out: Array<string> = []
  const s = report.summary
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`)
  out.push(`<testsuites name="openapi-contract" tests="${s.entries + s.errors}" failures="${s.failed}" errors="${s.errors}">`)
  for (const [file, entries] of byFile) {
    let failures = 0
    for (const e of entries) if (!e.ok) failures++
    out.push(`  <testsuite name="${xmlAttribute(file)}" tests="${entries.length}" failures="${failures}">`)
    for (const e of entries) out.push(testcase(e))
    out.push(`  </testsuite>`)
  }
  for (const err of report.errors) {
    out.push(`  <testsuite name="${xmlAttribute(err.file)}" tests="1" failures="0" errors="1">`)
    out.push(`    <testcase classname="${xmlAttribute(err.file)}" name="read"><error message="${xmlAttribute(err.message)}"/></testcase>`)
    out.push(`  </testsuite>`)
  }
  out.push(`</testsuites>`, "")
  return out.join("\n")
}
