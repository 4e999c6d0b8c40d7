/**
 * Deprecation, sunset and stability, as oasdiff reads them: `deprecated: true`, an `x-sunset` date
 * (`YYYY-MM-DD`, or a date-time) and `x-stability-level` (`draft` < `alpha` < `beta` < `stable`,
 * the default). Something deprecated may be removed on or after its sunset, not before; a sunset
 * may not be deleted or moved earlier; with a policy of N days, a deprecation must announce a
 * sunset at least N days away. Operations of draft or alpha stability promise nothing.
 *
 * @module
 */
import type { Change } from "./diff-findings.js"
import { change } from "./diff-rules.js"

/** How long a deprecation must run before its sunset, by stability (`deprecationDays`), and today's date (`today`, `YYYY-MM-DD`). */
export interface Policy {
  /** The date sunsets are compared with (`YYYY-MM-DD`, UTC). */
  readonly today: string
  /** The fewest days a deprecation must announce before its sunset, for beta and for stable operations. */
  readonly deprecationDays: {
    /** Days for an operation at `x-stability-level: beta`. */
    readonly beta: number
    /** Days for a stable operation. */
    readonly stable: number
  }
}

/** Today (UTC), and no minimum of days: oasdiff's defaults. */
export const defaultPolicy = (): Policy => ({ today: new Date().toISOString().slice(0, 10), deprecationDays: { beta: 0, stable: 0 } })

type Obj = Record<string, unknown>

const levels = ["draft", "alpha", "beta", "stable"]

/** The x-stability-level of a node (`stable` when it has none); `undefined` when it is not one of the four. */
export const stabilityOf = (node: Obj): string | undefined => {
  const s = node["x-stability-level"]
  return s === undefined ? "stable" : typeof s === "string" && levels.includes(s) ? s : undefined
}

/** Whether a node promises no stability (draft or alpha). */
export const unstable = (node: Obj): boolean => ["draft", "alpha"].includes(stabilityOf(node) ?? "")

/** The x-sunset of a node: `date` (YYYY-MM-DD), `invalid` when it is not a date, `undefined` when there is none. */
export const sunsetOf = (node: Obj): { readonly date: string } | "invalid" | undefined => {
  const s = node["x-sunset"]
  if (s === undefined) return undefined
  const m = typeof s === "string" ? /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(s) : null
  return m === null || Number.isNaN(Date.parse(m[1]!)) ? "invalid" : { date: m[1]! }
}

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)

/** The rule ids a kind of thing (an operation, a parameter) uses. */
export interface LifecycleIds {
  readonly without: string
  readonly before: string
  readonly with: string
  readonly sunsetDeleted: string
  readonly sunsetEarlier: string
  /** A deprecation whose x-sunset is not a date. */
  readonly parse: string
  /** A deprecation without x-sunset while the policy asks for days. */
  readonly missing: string
  /** A deprecation whose x-sunset is nearer than the policy's days. */
  readonly tooSmall: string
}

/** A removal: breaking unless deprecated with no sunset or a sunset reached, breaking before it. */
export const removal = (policy: Policy, old: Obj, ids: LifecycleIds, where: string, what: string): Change => {
  if (old.deprecated !== true) return change(ids.without, where, `removed ${what}`)
  const sunset = sunsetOf(old)
  if (sunset === "invalid") return change(ids.parse, where, `removed ${what}: its x-sunset ${JSON.stringify(old["x-sunset"])} is not a date`)
  if (typeof sunset === "object" && sunset.date > policy.today) return change(ids.before, where, `removed ${what} before its sunset (${sunset.date})`)
  return change(ids.with, where, `removed ${what} (deprecated${typeof sunset === "object" ? `, sunset ${sunset.date}` : ""})`)
}

/** A deprecated thing's sunset deleted or moved earlier. */
export const sunsetChanges = (old: Obj, next: Obj, ids: LifecycleIds, where: string, what: string): Array<Change> => {
  const [o, n] = [sunsetOf(old), sunsetOf(next)]
  if (old.deprecated !== true || next.deprecated !== true || typeof o !== "object") return []
  if (n === undefined) return [change(ids.sunsetDeleted, where, `${what}: x-sunset ${o.date} deleted`)]
  if (typeof n === "object" && n.date < o.date) return [change(ids.sunsetEarlier, where, `${what}: x-sunset moved earlier, from ${o.date} to ${n.date}`)]
  return []
}

/** An operation's lifecycle between two versions: stability, deprecation and its sunset. */
export const operationLifecycle = (policy: Policy, old: Obj, next: Obj, where: string, label: string): Array<Change> => {
  const out: Array<Change> = []
  const [so, sn] = [stabilityOf(old), stabilityOf(next)]
  if (sn === undefined) out.push(change("api-invalid-stability-level", where, `${label}: x-stability-level ${JSON.stringify(next["x-stability-level"])} is not draft, alpha, beta or stable`))
  else if (so !== undefined && so !== sn) {
    const down = levels.indexOf(sn) < levels.indexOf(so)
    out.push(change(down ? "api-stability-decreased" : "api-stability-increased", where, `${label}: stability ${down ? "decreased" : "increased"} from ${so} to ${sn}`))
  }
  if (old.deprecated !== true && next.deprecated === true) out.push(change("endpoint-deprecated", where, `${label} deprecated`))
  if (old.deprecated === true && next.deprecated !== true) out.push(change("endpoint-reactivated", where, `${label} no longer deprecated`))
  out.push(...deprecation(policy, old, next, operationIds, where, label, sn), ...sunsetChanges(old, next, operationIds, where, label))
  return out
}

/** A new deprecation against the policy: its x-sunset a date, there when days are asked for, and that many days away. */
export const deprecation = (policy: Policy, old: Obj, next: Obj, ids: LifecycleIds, where: string, label: string, stability = stabilityOf(next)): Array<Change> => {
  if (old.deprecated === true || next.deprecated !== true) return []
  const min = stability === "beta" ? policy.deprecationDays.beta : stability === "stable" ? policy.deprecationDays.stable : 0
  const sunset = sunsetOf(next)
  if (sunset === "invalid") return [change(ids.parse, where, `${label}: x-sunset ${JSON.stringify(next["x-sunset"])} is not a date`)]
  if (min > 0 && sunset === undefined) return [change(ids.missing, where, `${label} deprecated without an x-sunset (the policy asks for ${min} days)`)]
  if (min > 0 && sunset !== undefined && days(policy.today, sunset.date) < min) return [change(ids.tooSmall, where, `${label}: x-sunset ${sunset.date} is less than ${min} days away`)]
  return []
}

/** The rule ids of removed operations. */
export const operationIds: LifecycleIds = {
  without: "api-removed-without-deprecation",
  before: "api-removed-before-sunset",
  with: "api-removed-with-deprecation",
  sunsetDeleted: "sunset-deleted",
  sunsetEarlier: "api-sunset-date-changed-too-small",
  parse: "api-deprecated-sunset-parse",
  missing: "api-deprecated-sunset-missing",
  tooSmall: "api-sunset-date-too-small"
}

/** The rule ids of removed parameters. */
export const parameterIds: LifecycleIds = {
  without: "request-parameter-removed",
  before: "request-parameter-removed-before-sunset",
  with: "request-parameter-removed-with-deprecation",
  sunsetDeleted: "request-parameter-sunset-deleted",
  sunsetEarlier: "request-parameter-sunset-date-changed-too-small",
  parse: "request-parameter-sunset-parse",
  missing: "request-parameter-deprecated-sunset-missing",
  tooSmall: "request-parameter-sunset-date-too-small"
}

/** The rule ids of a deprecated request or response property (removal is judged by the property rules). */
export const propertyIds = (side: "request" | "response"): LifecycleIds => ({
  without: "",
  before: "",
  with: "",
  sunsetDeleted: "",
  sunsetEarlier: "",
  parse: `${side}-property-deprecated-sunset-invalid`,
  missing: `${side}-property-deprecated-sunset-missing`,
  tooSmall: `${side}-property-sunset-date-too-small`
})
