/**
 * The override file of `diff --rules FILE` (YAML or JSON): per rule, ignore it or give it another
 * severity, always with a reason; and the deprecation policy (minimum days between a deprecation
 * and its sunset, by stability).
 *
 * ```yaml
 * deprecationDays: { beta: 31, stable: 180 }
 * rules:
 *   response-optional-property-removed: { severity: breaking, reason: "our clients read every field" }
 *   request-{place}-pattern-changed: { severity: ignore, reason: "patterns are documentation here" }
 *   api-security-*: { severity: warning, reason: "auth is rolled out with the clients" }
 * ```
 *
 * A key is a rule id, a rule as the catalogue writes it (`{place}`), or a pattern with `*`; it must
 * name at least one rule. The most specific key wins: an exact id, then the longest pattern.
 *
 * @module
 */
import * as YAML from "yaml"
import { byRank, severities, type Finding, type Severity } from "./diff-findings.js"
import type { Policy } from "./diff-lifecycle.js"
import { ruleIds, rules } from "./diff-rules.js"
import { InputError } from "./input-error.js"

/** One override: a severity, or `ignore` (drop the finding), and why. */
export interface Override {
  /** The severity the rule's findings get instead, or `ignore` to drop them. */
  readonly severity: Severity | "ignore"
  /** Why the team's policy differs (required; shown beside each finding). */
  readonly reason: string
}

/** A parsed override file. */
export interface Overrides {
  /** Overrides by rule id: an exact id, a `{place}` id or a `*` pattern. */
  readonly rules: ReadonlyMap<string, Override>
  /** The fewest days between a deprecation and its sunset, for beta and stable operations. */
  readonly deprecationDays?: Policy["deprecationDays"]
}

const matcher = (key: string): RegExp => new RegExp(`^${key.replace(/[.+?^${}()|[\]\\]/g, (c) => `\\${c}`).replace(/\\\{place\\\}/g, "(body|property|parameter|header)").replace(/\*/g, ".*")}$`)

/** Reads an override file's text (`name` for messages); bad content is an {@link InputError}. */
export const parseOverrides = (text: string, name: string): Overrides => {
  let doc: unknown
  try {
    doc = YAML.parse(text)
  } catch (e) {
    throw new InputError(`${name}: not YAML or JSON: ${(e as Error).message.split("\n")[0]}`)
  }
  const top = (doc ?? {}) as Record<string, unknown>
  if (typeof top !== "object" || Array.isArray(top)) throw new InputError(`${name}: expected an object with "rules" and/or "deprecationDays"`)
  for (const k of Object.keys(top)) if (k !== "rules" && k !== "deprecationDays") throw new InputError(`${name}: unknown key ${k} (expected "rules", "deprecationDays")`)
  const out = new Map<string, Override>()
  const raw = (top.rules ?? {}) as Record<string, unknown>
  if (typeof raw !== "object" || Array.isArray(raw)) throw new InputError(`${name}: "rules" must map rule ids to { severity, reason }`)
  const known = [...ruleIds, ...rules.map((r) => r.id)]
  for (const [key, value] of Object.entries(raw)) {
    const v = (value ?? {}) as Record<string, unknown>
    const severity = v.severity ?? (v.ignore === true ? "ignore" : undefined)
    if (!known.some((id) => matcher(key).test(id))) throw new InputError(`${name}: rules.${key} names no rule (see the rules table in the README)`)
    if (typeof severity !== "string" || ![...severities, "ignore"].includes(severity)) throw new InputError(`${name}: rules.${key}.severity must be one of ${[...severities, "ignore"].join(", ")}`)
    if (typeof v.reason !== "string" || v.reason.trim() === "") throw new InputError(`${name}: rules.${key} needs a reason`)
    out.set(key, { severity: severity as Override["severity"], reason: v.reason })
  }
  let deprecationDays: Policy["deprecationDays"] | undefined
  if (top.deprecationDays !== undefined) {
    const d = top.deprecationDays as Record<string, unknown>
    const ok = (x: unknown) => x === undefined || (typeof x === "number" && Number.isInteger(x) && x >= 0)
    if (typeof d !== "object" || d === null || !ok(d.beta) || !ok(d.stable)) throw new InputError(`${name}: deprecationDays must be { beta, stable }, whole days`)
    deprecationDays = { beta: (d.beta as number | undefined) ?? 0, stable: (d.stable as number | undefined) ?? 0 }
  }
  return deprecationDays === undefined ? { rules: out } : { rules: out, deprecationDays }
}

/** The override of a rule id: an exact key, else the longest matching pattern. */
const overrideOf = (overrides: Overrides, id: string): Override | undefined => {
  const exact = overrides.rules.get(id)
  if (exact !== undefined) return exact
  const keys = [...overrides.rules.keys()].filter((k) => matcher(k).test(id)).sort((a, b) => b.length - a.length)
  return keys[0] === undefined ? undefined : overrides.rules.get(keys[0])
}

/** Findings with the overrides applied: ignored ones dropped, others given their new severity and the reason. */
export const applyOverrides = (findings: ReadonlyArray<Finding>, overrides: Overrides | undefined): Array<Finding> => {
  if (overrides === undefined || overrides.rules.size === 0) return [...findings]
  const out: Array<Finding> = []
  for (const f of findings) {
    const o = overrideOf(overrides, f.rule)
    if (o === undefined) out.push(f)
    else if (o.severity !== "ignore") out.push({ ...f, severity: o.severity, override: o.reason })
  }
  return out.sort(byRank)
}
