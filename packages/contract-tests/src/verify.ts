import { makeChecker, type Checker } from "./check.js"
import { harFiles, readHar, toExchange } from "./har.js"
import { loadSpec } from "./spec-index.js"
import type { Violation } from "./validator.js"

/** The verdict on one HAR entry. */
export interface EntryReport {
  readonly file: string
  readonly index: number
  readonly operationId: string | undefined
  readonly status: number
  readonly ok: boolean
  readonly violations: ReadonlyArray<Violation>
}

/** The verdict on a set of HAR files. */
export interface VerifyReport {
  readonly entries: ReadonlyArray<EntryReport>
  readonly summary: { readonly files: number; readonly entries: number; readonly ok: number; readonly failed: number; readonly violations: number; readonly strict: boolean }
}

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

/** Verifies every entry of every HAR file under `target` against a spec. */
export const verify = (target: string, options: { readonly spec: string; readonly strict?: boolean }): VerifyReport => {
  const checker = checkerFor(options.spec, options.strict ?? false)
  const files = harFiles(target)
  const entries = files.flatMap((file) =>
    readHar(file).log.entries.map((entry, index): EntryReport => {
      const result = checker.check(toExchange(entry))
      return { file, index, operationId: result.operationId, status: result.status, ok: result.violations.length === 0, violations: result.violations }
    })
  )
  const failed = entries.filter((e) => !e.ok).length
  return {
    entries,
    summary: { files: files.length, entries: entries.length, ok: entries.length - failed, failed, violations: entries.reduce((n, e) => n + e.violations.length, 0), strict: options.strict ?? false }
  }
}
