import { makeChecker, type Checker } from "./check.js"
import { harFiles, readHar, toExchange, type HarEntry } from "./har.js"
import { isInputError } from "./input-error.js"
import { loadSpec } from "./spec-index.js"
import type { Violation } from "./validator.js"

/** The verdict on one HAR entry. */
export interface EntryReport {
  /** The HAR file. */
  readonly file: string
  /** The entry's position in the file, from 0. */
  readonly index: number
  /** The operation the request matched, if any. */
  readonly operationId: string | undefined
  /** The response's HTTP status. */
  readonly status: number
  /** Whether the entry conforms (no violations). */
  readonly ok: boolean
  /** What breaks the spec. */
  readonly violations: ReadonlyArray<Violation>
}

/** A file that could not be verified at all: unreadable, not JSON, not HAR, no entries (or no `.har` file under a folder). */
export interface FileError {
  /** The file or folder. */
  readonly file: string
  /** Why it could not be verified. */
  readonly message: string
}

/** The verdict on a set of HAR files. */
export interface VerifyReport {
  /** The verdict on each entry of the files that could be read. */
  readonly entries: ReadonlyArray<EntryReport>
  /** Files refused as a whole; any makes the run a bad-input run (exit 2). */
  readonly errors: ReadonlyArray<FileError>
  /** The counts. */
  readonly summary: {
    /** HAR files read. */
    readonly files: number
    /** Entries checked. */
    readonly entries: number
    /** Entries that conform. */
    readonly ok: number
    /** Entries with violations. */
    readonly failed: number
    /** Violations in all. */
    readonly violations: number
    /** Files refused as a whole. */
    readonly errors: number
    /** Whether undocumented properties and enum values were flagged too. */
    readonly strict: boolean
  }
}

/** The exit code of a report: 2 when a file was refused, 1 on any violation, else 0. */
export const exitCodeOf = (report: VerifyReport): 0 | 1 | 2 => (report.summary.errors > 0 ? 2 : report.summary.failed > 0 ? 1 : 0)

const checkers = new Map<string, Checker>()

/** One checker per spec file and mode: compiling the schemas is most of the cost of a check. */
const checkerFor = (spec: string, strict: boolean): Checker => {
  const key = `${strict} ${spec}`
  let checker = checkers.get(key)
  if (checker === undefined) {
    checker = makeChecker(loadSpec(spec), { strict })
    checkers.set(key, checker)
  }
  return checker
}

const statusOf = (entry: HarEntry): number => {
  const status = (entry as { response?: { status?: unknown } } | undefined)?.response?.status
  return typeof status === "number" ? status : 0
}

/** Checks one entry; whatever it holds, a problem is a violation on that entry, never a crash of the run. */
const checkEntry = (checker: Checker, file: string, entry: HarEntry, index: number): EntryReport => {
  try {
    const result = checker.check(toExchange(entry))
    return { file, index, operationId: result.operationId, status: result.status, ok: result.violations.length === 0, violations: result.violations }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    return { file, index, operationId: undefined, status: statusOf(entry), ok: false, violations: [{ pointer: "", message: `entry not checked: ${message.split("\n")[0]}` }] }
  }
}

/**
 * Verifies every entry of every HAR file under `target` against a spec. Never throws on traffic: a
 * bad entry is a violation on that entry, a bad file (or no file) an error in the report. Throws an
 * `InputError` only when the spec itself cannot be loaded.
 */
export const verify = (target: string, options: { readonly spec: string; readonly strict?: boolean }): VerifyReport => {
  const checker = checkerFor(options.spec, options.strict ?? false)
  const errors: Array<FileError> = []
  const entries: Array<EntryReport> = []
  let files: Array<string> = []
  try {
    files = harFiles(target)
    if (files.length === 0) errors.push({ file: target, message: `${target}: no .har file in this folder` })
  } catch (e) {
    if (!isInputError(e)) throw e
    errors.push({ file: target, message: e.message })
  }
  for (const file of files) {
    let har
    try {
      har = readHar(file)
    } catch (e) {
      if (!isInputError(e)) throw e
      errors.push({ file, message: e.message })
      continue
    }
    if (har.log.entries.length === 0) errors.push({ file, message: `${file}: a HAR file with no entries` })
    har.log.entries.forEach((entry, index) => entries.push(checkEntry(checker, file, entry, index)))
  }
  let failed = 0
  let violations = 0
  for (const e of entries) {
    if (!e.ok) failed++
    violations += e.violations.length
  }
  return {
    entries,
    errors,
    summary: { files: files.length, entries: entries.length, ok: entries.length - failed, failed, violations, errors: errors.length, strict: options.strict ?? false }
  }
}
