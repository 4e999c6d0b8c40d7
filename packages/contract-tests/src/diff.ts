/**
 * `diff`: what breaks a client between two versions of a spec, each finding once, with the rule
 * that found it, its severity (`breaking`, `type-breaking`, `warning`, `non-breaking`) and the
 * operations it reaches.
 *
 * @module
 */
import type { Change } from "./diff-findings.js"
import { Findings, summarize, type DiffSummary, type Finding } from "./diff-findings.js"
import { defaultPolicy, operationIds, removal, unstable, type Policy } from "./diff-lifecycle.js"
import { compareOperation, operationsOf, type OperationContext, type OperationRef } from "./diff-operations.js"
import { applyOverrides, type Overrides } from "./diff-overrides.js"
import { change } from "./diff-rules.js"
import { schemaContext } from "./diff-schema.js"
import { compareComponentNames } from "./diff-types.js"
import { pointer } from "./pointer.js"
import type { Doc } from "./spec-index.js"

export type { Change, DiffSummary, Finding, Severity } from "./diff-findings.js"
export type { Policy } from "./diff-lifecycle.js"
export { parseOverrides, type Override, type Overrides } from "./diff-overrides.js"
export { rules, ruleIds, type Rule } from "./diff-rules.js"

/** The result of a diff: the findings, and their counts with the version bump they call for. */
export interface DiffResult {
  /** Every finding, breaking first. */
  readonly findings: ReadonlyArray<Finding>
  /** Counts by severity, and the version bump they call for. */
  readonly summary: DiffSummary
}

/** How to diff: the deprecation policy (today's date, minimum days before a sunset) and per-rule overrides. */
export interface DiffOptions {
  /** The deprecation policy (minimum days between deprecation and sunset, the date "now" is read at); defaults where left out. */
  readonly policy?: Partial<Policy>
  /** Per-rule overrides from a `--rules` file: another severity or `ignore`, each with its reason. */
  readonly overrides?: Overrides
}

/** Operations matched old to new: the same path first, else the same template (path parameter names aside). */
const matchOperations = (oldOps: Map<string, OperationRef>, newOps: Map<string, OperationRef>) => {
  const exact = (r: OperationRef) => `${r.method} ${r.path}`
  const newByExact = new Map([...newOps.values()].map((r) => [exact(r), r]))
  const taken = new Set<OperationRef>()
  const pairs: Array<[OperationRef, OperationRef | undefined]> = []
  for (const o of oldOps.values()) {
    const n = newByExact.get(exact(o))
    if (n !== undefined) taken.add(n)
    pairs.push([o, n])
  }
  for (const pair of pairs) {
    if (pair[1] !== undefined) continue
    const n = [...newOps.values()].find((r) => r.key === pair[0].key && !taken.has(r))
    if (n !== undefined) [pair[1]] = [n, taken.add(n)]
  }
  return { pairs, added: [...newOps.values()].filter((r) => !taken.has(r)) }
}

/** Every path+method of a document, with no template collapsing (two templates alike are two operations). */
const allOperations = (doc: Doc) => operationsOf(doc, true)

/** A draft or alpha operation promises nothing: what would break in it is reported, not breaking. */
const relaxed = (changes: ReadonlyArray<Change>): Array<Change> =>
  changes.map((c) => (c.severity === "non-breaking" || c.rule.startsWith("api-stability") || c.rule === "api-invalid-stability-level" ? c : { ...c, severity: "non-breaking", message: `${c.message} (draft/alpha: no stability promised)` }))

const webhookChanges = (before: Doc, after: Doc): Array<Change> => {
  const o = (before.webhooks ?? {}) as Record<string, unknown>
  const n = (after.webhooks ?? {}) as Record<string, unknown>
  return [
    ...Object.keys(o).filter((k) => !(k in n)).map((k) => change("webhook-removed", pointer("#/webhooks", k), `webhook ${k} removed`)),
    ...Object.keys(n).filter((k) => !(k in o)).map((k) => change("webhook-added", pointer("#/webhooks", k), `new webhook ${k}`))
  ]
}

/**
 * Compares two parsed specs (checked by `readSpec`: every `$ref` resolves). Operations are matched
 * by method and path (else path template); one removed is breaking unless deprecated with its sunset
 * reached, or draft/alpha; a new one is an addition.
 */
export const diffSpecs = (before: Doc, after: Doc, options: DiffOptions = {}): DiffResult => {
  const findings = new Findings()
  const policy: Policy = { ...defaultPolicy(), ...options.policy }
  const ctx: OperationContext = { oldDoc: before, newDoc: after, schemas: schemaContext(before, after, policy), policy }
  const { pairs, added } = matchOperations(allOperations(before), allOperations(after))
  for (const [oldRef, newRef] of pairs) {
    if (newRef === undefined) {
      const gone = unstable(oldRef.op) ? change("api-removed-unstable", oldRef.pointer, `removed operation ${oldRef.label} (${String(oldRef.op["x-stability-level"])}: no stability promised)`) : removal(policy, oldRef.op, operationIds, oldRef.pointer, `operation ${oldRef.label}`)
      findings.add([gone], oldRef.label)
    } else {
      const changes = compareOperation(ctx, oldRef, newRef)
      findings.add(unstable(oldRef.op) ? relaxed(changes) : changes, newRef.label)
    }
  }
  for (const newRef of added) findings.add([change("endpoint-added", newRef.pointer, `new operation ${newRef.label}`)], newRef.label)
  findings.add(compareComponentNames(before, after))
  findings.add(webhookChanges(before, after))
  const list = applyOverrides(findings.list(), options.overrides)
  return { findings: list, summary: summarize(list) }
}
