/**
 * `diff`: what breaks a client between two versions of a spec, each finding once, with its severity
 * (`breaking`, `type-breaking`, `non-breaking`) and the operations it reaches.
 *
 * @module
 */
import { Findings, summarize, type DiffSummary, type Finding } from "./diff-findings.js"
import { compareOperation, operationsOf, type OperationContext } from "./diff-operations.js"
import { schemaContext } from "./diff-schema.js"
import { compareComponentNames } from "./diff-types.js"
import type { Doc } from "./spec-index.js"

export type { Change, DiffSummary, Finding, Severity } from "./diff-findings.js"

/** The result of a diff: the findings, and their counts with the version bump they call for. */
export interface DiffResult {
  /** Every finding, breaking first. */
  readonly findings: ReadonlyArray<Finding>
  /** Counts by severity, and the version bump they call for. */
  readonly summary: DiffSummary
}

/**
 * Compares two parsed specs (checked by `readSpec`: every `$ref` resolves). Operations are matched
 * by method and path template (parameter names aside); a removed one is breaking, a new one an addition.
 */
export const diffSpecs = (before: Doc, after: Doc): DiffResult => {
  const findings = new Findings()
  const ctx: OperationContext = { oldDoc: before, newDoc: after, schemas: schemaContext(before, after) }
  const oldOps = operationsOf(before)
  const newOps = operationsOf(after)
  for (const [key, oldRef] of oldOps) {
    const newRef = newOps.get(key)
    if (newRef === undefined) findings.add([{ severity: "breaking", side: "operation", pointer: oldRef.pointer, message: `removed operation ${oldRef.label}` }], oldRef.label)
    else findings.add(compareOperation(ctx, oldRef, newRef), newRef.label)
  }
  for (const [key, newRef] of newOps) {
    if (!oldOps.has(key)) findings.add([{ severity: "non-breaking", side: "operation", pointer: newRef.pointer, message: `new operation ${newRef.label}` }], newRef.label)
  }
  findings.add(compareComponentNames(before, after))
  const list = findings.list()
  return { findings: list, summary: summarize(list) }
}
