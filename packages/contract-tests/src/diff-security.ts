/**
 * Security requirements between two versions of an operation: a client keeps working when some new
 * option asks for no more than an old one it may have used (same schemes, no new scopes, schemes
 * unchanged in what a client sends).
 *
 * @module
 */
import type { Change } from "./diff-findings.js"
import { change } from "./diff-rules.js"
import { obj, type Obj, type OperationContext, type OperationRef } from "./diff-context.js"
import { resolve } from "./diff-schema.js"
import { pointer } from "./pointer.js"

/** A security requirement as `scheme[scope,…]+…`; `{}` (anonymous) is the empty string. */
const requirements = (doc: Obj, ref: OperationRef): { where: string; list: Array<Map<string, Set<string>>> } => {
  const own = Array.isArray(ref.op.security)
  const list = (own ? ref.op.security : doc.security) as unknown
  return {
    where: own ? `${ref.pointer}/security` : "#/security",
    list: (Array.isArray(list) ? list : []).map((r) => new Map(Object.entries(obj(r)).map(([k, v]) => [k, new Set(Array.isArray(v) ? (v as Array<string>) : [])])))
  }
}

const showRequirement = (r: Map<string, Set<string>>) => (r.size === 0 ? "{} (anonymous)" : [...r].map(([k, s]) => (s.size === 0 ? k : `${k}[${[...s].join(",")}]`)).join(" + "))

/** What of each security scheme a client depends on (not its description), as JSON. */
const schemeShapes = (doc: Obj): Record<string, string> =>
  Object.fromEntries(
    Object.entries(obj(obj(doc.components).securitySchemes)).map(([k, raw]) => {
      const s = obj(resolve(doc, { node: raw, pointer: "" }).node)
      const flows = Object.fromEntries(Object.entries(obj(s.flows)).map(([f, v]) => [f, { tokenUrl: obj(v).tokenUrl, authorizationUrl: obj(v).authorizationUrl }]))
      return [k, JSON.stringify({ type: s.type, scheme: String(s.scheme ?? "").toLowerCase(), in: s.in, name: s.name, openIdConnectUrl: s.openIdConnectUrl, flows })]
    })
  )

/** The changes to an operation's security requirements (its own, or the document's). */
export const compareSecurity = (ctx: OperationContext, oldRef: OperationRef, newRef: OperationRef): Array<Change> => {
  const out: Array<Change> = []
  const o = requirements(ctx.oldDoc, oldRef)
  const n = requirements(ctx.newDoc, newRef)
  const schemeOld = schemeShapes(ctx.oldDoc)
  const schemeNew = schemeShapes(ctx.newDoc)
  // A client keeps working when one of the new options asks for no more than an old one it used.
  const satisfies = (newReq: Map<string, Set<string>>, oldReq: Map<string, Set<string>>) =>
    [...newReq].every(([k, scopes]) => oldReq.has(k) && [...scopes].every((s) => oldReq.get(k)!.has(s)) && schemeOld[k] === schemeNew[k])
  if (o.list.length === 0) {
    // Anonymous before: a client sent no credentials. Asking for some now is a warning (oasdiff rates it info).
    if (n.list.length > 0 && !n.list.some((r) => r.size === 0)) out.push(change("api-security-added", n.where, "authentication now required"))
    return out
  }
  if (n.list.length === 0) return out
  const reported = new Set<Map<string, Set<string>>>()
  for (const r of o.list) {
    if (n.list.some((nr) => satisfies(nr, r))) continue
    const changed = [...r.keys()].filter((k) => schemeNew[k] !== undefined && schemeOld[k] !== schemeNew[k])
    // The same schemes, only with more scopes: a client's token may lack them (a warning).
    const scoped = n.list.find((nr) => nr.size === r.size && [...r].every(([k, scopes]) => nr.has(k) && schemeOld[k] === schemeNew[k] && [...scopes].every((x) => nr.get(k)!.has(x))))
    if (r.size === 0) out.push(change("api-security-added", n.where, "authentication now required (anonymous access removed)"))
    else if (changed.length > 0) out.push(change("api-security-scheme-changed", pointer("#/components/securitySchemes", changed[0]!), `security scheme ${changed[0]} changed`))
    else if (scoped !== undefined && reported.add(scoped)) out.push(change("api-security-scope-added", n.where, `security option ${showRequirement(r)} now asks for ${showRequirement(scoped)}`))
    else out.push(change("api-security-option-removed", n.where, `security option ${showRequirement(r)} removed`))
  }
  for (const r of n.list) if (!reported.has(r) && !o.list.some((or) => showRequirement(or) === showRequirement(r))) out.push(change("api-security-option-added", n.where, `new security option ${showRequirement(r)}`))
  return out
}
