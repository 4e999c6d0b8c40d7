/**
 * Comparing two schemas the way a client sees them. A response may only narrow: every value the
 * new schema allows must have been allowed by the old one. A request may only widen: every value
 * the old schema accepted must still be accepted. Both are one check, "inner ⊆ outer", with the
 * roles swapped; it follows `$ref`, merges `allOf`, matches `oneOf`/`anyOf` branches, flips for
 * `not`, and reads `nullable` (3.0) and type arrays (3.1). A change is reported at the schema where
 * it happens (a component's own pointer when reached through `$ref`).
 *
 * @module
 */
import type { Change, Severity } from "./diff-findings.js"
import { defaultPolicy, deprecation, propertyIds, stabilityOf, type Policy } from "./diff-lifecycle.js"
import { change } from "./diff-rules.js"
import { keywordChanges } from "./diff-schema-keywords.js"
import { bound, covered, enumOf, isObj, resolve, typesOf, view, type Located, type View } from "./diff-schema-view.js"
import { pointer } from "./pointer.js"

export { resolve, type Located } from "./diff-schema-view.js"

/** Which side of an exchange a schema describes. */
export type Side = "request" | "response"

/** Where a schema sits, as rule ids name it: a body's own schema, anything nested, a parameter's or a response header's. */
export type Place = "body" | "property" | "parameter" | "header"

/** The two documents being compared, with a cache so a shared schema is compared once. */
export interface SchemaContext {
  readonly oldDoc: unknown
  readonly newDoc: unknown
  readonly memo: Map<string, ReadonlyArray<Change>>
  /** Today and the deprecation policy, for deprecated properties. */
  readonly policy: Policy
}

/** A context for two documents. */
export const schemaContext = (oldDoc: unknown, newDoc: unknown, policy: Policy = defaultPolicy()): SchemaContext => ({ oldDoc, newDoc, memo: new Map(), policy })

const show = (x: unknown) => JSON.stringify(x)
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The changes by which `inner` is not within `outer`, phrased for `side`. On the response side
 * inner is the new schema, on the request side the old one. Memoized per pair of pointers, side and place.
 */
const within = (ctx: SchemaContext, side: Side, place: Place, oldLoc: Located, newLoc: Located): ReadonlyArray<Change> => {
  const o = resolve(ctx.oldDoc, oldLoc)
  const n = resolve(ctx.newDoc, newLoc)
  const key = `${side}|${place}|${o.pointer}|${n.pointer}`
  const cached = ctx.memo.get(key)
  if (cached !== undefined) return cached
  ctx.memo.set(key, []) // a recursive schema meets itself: nothing more to say there
  const result = compareViews(ctx, side, place, view(ctx.oldDoc, o), view(ctx.newDoc, n))
  ctx.memo.set(key, result)
  return result
}

/** Compares two schemas on one side of an exchange, at `place`: the changes that break a client. */
export const compareSchemas = (ctx: SchemaContext, side: Side, oldLoc: Located, newLoc: Located, place: Place = "property"): ReadonlyArray<Change> => within(ctx, side, place, oldLoc, newLoc)

const flip = (side: Side): Side => (side === "request" ? "response" : "request")

/** One comparison under way: the two views, which is inner and which outer, and where changes go. */
export interface Pass {
  readonly ctx: SchemaContext
  readonly side: Side
  readonly place: Place
  readonly resp: boolean
  readonly oldV: View
  readonly newV: View
  /** In "inner ⊆ outer" terms: a response's new schema must sit within its old one, a request's old one within its new one. */
  readonly inner: View
  readonly outer: View
  readonly out: Array<Change>
  /** Records a finding of rule `${side}-${place}-${aspect}` (or `aspect` itself when it names a whole rule id, `=id`). */
  readonly report: (aspect: string, message: string, where?: string, severity?: Severity) => void
  /** Compares two sub-schemas on the same side (nested: place `property`, unless given). */
  readonly sub: (oldLoc: Located, newLoc: Located, place?: Place) => void
}

/** `not`: outer excludes X, so inner must exclude (at least) X too: outer.not ⊆ inner.not, the other way round. */
const notChanges = ({ ctx, side, place, resp, oldV, newV, inner, outer, out, report }: Pass): void => {
  if (outer.not === undefined) return
  if (inner.not === undefined) report(resp ? "not-removed" : "not-added", resp ? "`not` removed in a response: values it excluded may come back" : "`not` added in a request: values accepted before are refused")
  else out.push(...within(ctx, flip(side), place, oldV.not!, newV.not!))
}

/** oneOf/anyOf: each branch of inner must sit within some branch of outer. Returns true when nothing is left to compare. */
const unionChanges = ({ ctx, side, place, resp, inner, outer, out, report, newV }: Pass): boolean => {
  const at = newV.pointer
  const innerBranches = inner.union ?? [{ node: null, pointer: inner.pointer }]
  const outerBranches = outer.union ?? [{ node: null, pointer: outer.pointer }]
  const innerDoc = resp ? ctx.newDoc : ctx.oldDoc
  const outerDoc = resp ? ctx.oldDoc : ctx.newDoc
  // A side without a union is one branch: itself, named by a $ref to its own pointer.
  const asLoc = (b: Located, v: View): Located => (b.node === null ? { node: { $ref: v.pointer }, pointer: v.pointer } : b)
  const [innerSelf, outerSelf] = [inner.union === undefined, outer.union === undefined]
  const refOf = (b: Located) => (isObj(b.node) && typeof b.node.$ref === "string" ? b.node.$ref : undefined)
  // Both sides unions: a branch's counterpart is the one naming the same component, else the inline one at the same index.
  const counterpart = (b: Located, i: number): Located | undefined => {
    const r = refOf(b)
    if (r !== undefined) return outerBranches.find((c) => refOf(c) === r)
    const c = outerBranches[i]
    return c !== undefined && refOf(c) === undefined ? c : undefined
  }
  const cmp = (ib: Located, ob: Located) => (resp ? within(ctx, side, place, ob, ib) : within(ctx, side, place, ib, ob))
  const kind = (resp ? inner.unionKind : outer.unionKind ?? inner.unionKind) === "anyOf" ? "any-of" : "one-of"
  innerBranches.forEach((b, i) => {
    const ib = innerSelf ? asLoc(b, inner) : b
    let best: ReadonlyArray<Change> | undefined
    for (const c of outerBranches) {
      const changes = cmp(ib, outerSelf ? asLoc(c, outer) : c).filter((x) => x.severity === "breaking")
      if (best === undefined || changes.length < best.length) best = changes
      if (changes.length === 0) break
    }
    if (best === undefined || best.length === 0) return
    const variantGone = () =>
      report(resp ? `${kind}-added` : `${kind}-removed`, resp ? `new variant in a response (${ib.pointer}): no old variant allows it` : `variant no longer accepted in a request (${ib.pointer})`, resp ? ib.pointer : at)
    if (!innerSelf && !outerSelf) {
      const c = counterpart(b, i)
      if (c === undefined) return variantGone()
      return void out.push(...cmp(ib, c))
    }
    const innerTypes = typesOf(view(innerDoc, ib))
    const overlaps = outerBranches.some((c) => {
      const t = typesOf(view(outerDoc, outerSelf ? asLoc(c, outer) : c))
      return t === undefined || innerTypes === undefined || [...innerTypes].some((x) => covered(x, t))
    })
    if (!overlaps || best.length > 3) variantGone()
    else out.push(...best)
  })
  if (!resp && outer.union !== undefined && inner.union !== undefined && outer.union.length > inner.union.length) report("one-of-added", "new variant accepted in a request")
  // A union on one side only was compared branch by branch against the whole other side: done. With
  // unions on both sides, the keywords beside them (properties beside a oneOf) are compared next.
  return innerSelf !== outerSelf
}

const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
/** A pattern that matches any string: widening a pattern to it is no constraint at all. */
const anything = (p: unknown) => typeof p === "string" && /^\^?(\.\*|\[\\s\\S\]\*)\$?$/.test(p)

/** Types, enum/const, numeric and size bounds, pattern, format, multipleOf, uniqueItems. */
const valueChanges = ({ side, resp, inner, outer, oldV, newV, report }: Pass): void => {
  const ti = typesOf(inner)
  const to = typesOf(outer)
  // A type only inferred (from properties or required) is no constraint on other types: `then: { required: [a] }` lets a string through.
  const declared = outer.s.type !== undefined || enumOf(outer) !== undefined || outer.s.nullable !== undefined
  if (to !== undefined && inner.union === undefined && outer.union === undefined) {
    if (ti === undefined && !declared) {
      // nothing: a fragment that only constrains objects
    } else if (ti === undefined) report("type-changed", resp ? `type no longer declared in a response (was ${[...to].join("|")}): any value may come back` : `type now restricted in a request to ${[...to].join("|")}`)
    else {
      const extra = [...ti].filter((t) => !covered(t, to))
      const [ot, nt] = resp ? [to, ti] : [ti, to]
      if (extra.length > 0) {
        if (extra.length === 1 && extra[0] === "null") report(resp ? "became-nullable" : "became-not-nullable", resp ? "made nullable in a response" : "no longer accepts null in a request")
        else report(ot.size > 1 || nt.size > 1 ? (resp ? "list-of-types-widened" : "list-of-types-narrowed") : "type-changed", `type changed from ${[...ot].join("|")} to ${[...nt].join("|")}${resp ? " in a response" : " in a request"}`)
      }
    }
  }

  // enum / const.
  const eo = enumOf(outer)
  const isConst = (v: View) => !Array.isArray(v.s.enum) && v.s.const !== undefined
  if (eo !== undefined) {
    const ei = enumOf(inner)
    if (ei === undefined) {
      if (resp) report(isConst(outer) ? "const-removed" : "enum-removed", `${isConst(outer) ? "const" : "enum"} removed in a response: any value may come back`)
      else report(isConst(outer) ? "const-added" : "became-enum", `${isConst(outer) ? "const" : "enum"} added in a request: only ${show(eo)} accepted`)
    } else if (isConst(outer) && isConst(inner)) {
      if (!same(outer.s.const, inner.s.const) && !(inner.s.const === null && to?.has("null"))) report("const-changed", `const changed from ${show(oldV.s.const)} to ${show(newV.s.const)} in a ${side}`)
    } else for (const v of ei) if (!eo.some((x) => same(x, v)) && !(v === null && to?.has("null"))) report(resp ? "enum-value-added" : "enum-value-removed", resp ? `new enum value in a response: ${show(v)}` : `enum value no longer accepted in a request: ${show(v)}`)
  }
  if (!resp && eo !== undefined && enumOf(inner) !== undefined && !isConst(outer)) {
    const ei = enumOf(inner)!
    for (const v of eo) if (!ei.some((x) => same(x, v))) report("enum-value-added", `new enum value accepted in a request: ${show(v)}`)
  }
  const xo = oldV.s["x-extensible-enum"]
  const xn = newV.s["x-extensible-enum"]
  if (!resp && Array.isArray(xo) && Array.isArray(xn)) for (const v of xo) if (!xn.some((x) => same(x, v))) report("x-extensible-enum-value-removed", `x-extensible-enum value no longer accepted in a request: ${show(v)}`)

  // Numeric bounds: a request bound where there was none is a warning (oasdiff's *-set), a tighter one breaking.
  for (const kind of ["max", "min"] as const) {
    const bo = bound(outer.s, kind)
    if (bo === undefined) continue
    const bi = bound(inner.s, kind)
    const name = kind === "max" ? "maximum" : "minimum"
    const inside = bi !== undefined && ((kind === "max" ? bi.v < bo.v : bi.v > bo.v) || (bi.v === bo.v && (bi.excl || !bo.excl)))
    if (!inside) {
      const [ob, nb] = resp ? [bo, bi] : [bi, bo]
      const excl = (resp ? ob : nb)!.excl ? "exclusive-" : ""
      const aspect = nb === undefined ? `${excl}${kind}-unset` : ob === undefined ? `${excl}${kind}-set` : `${excl}${kind}-${(kind === "max") === resp ? "increased" : "decreased"}`
      report(aspect, `${name} ${nb === undefined ? "removed" : ob === undefined ? `added (${nb.v})` : `changed from ${ob.excl ? "exclusive " : ""}${ob.v} to ${nb.excl ? "exclusive " : ""}${nb.v}`} in a ${side}`)
    }
  }
  for (const [upper, lower] of [["maxLength", "minLength"], ["maxItems", "minItems"], ["maxProperties", "minProperties"]] as const) {
    for (const k of [upper, lower]) {
      const bo = outer.s[k]
      if (typeof bo !== "number") continue
      const bi = inner.s[k]
      const inside = typeof bi === "number" && (k === upper ? bi <= bo : bi >= bo)
      if (!inside) {
        const [ob, nb] = resp ? [bo, bi] : [bi, bo]
        // minLength absent is 0, so one added is raised; the other bounds absent are "none".
        const aspect = nb === undefined ? `${kebab(k)}-unset` : ob === undefined && k !== "minLength" ? `${kebab(k)}-set` : `${kebab(k)}-${(k === upper) === resp ? "increased" : "decreased"}`
        report(aspect === "min-length-unset" ? "min-length-decreased" : aspect, `${k} ${nb === undefined ? "removed" : ob === undefined ? `added (${show(nb)})` : `changed from ${show(ob)} to ${show(nb)}`} in a ${side}`)
      }
    }
  }
  const po = outer.s.pattern
  if (po !== undefined && !same(po, inner.s.pattern) && !anything(po)) {
    const [a, b] = resp ? [po, inner.s.pattern] : [inner.s.pattern, po]
    const aspect = resp ? (b === undefined ? "pattern-removed" : "pattern-changed") : a === undefined ? "pattern-added" : "pattern-changed"
    report(aspect, `pattern ${b === undefined ? "removed" : a === undefined ? `added (${show(b)})` : `changed from ${show(a)} to ${show(b)}`} in a ${side}`)
  }
  if (!resp && inner.s.pattern !== undefined && anything(outer.s.pattern) && !anything(inner.s.pattern)) report("pattern-generalized", `pattern widened from ${show(inner.s.pattern)} to ${show(outer.s.pattern)} in a request`)
  const fo = outer.s.format
  if (fo !== undefined && !same(fo, inner.s.format)) {
    const [a, b] = resp ? [fo, inner.s.format] : [inner.s.format, fo]
    report("format-changed", `format ${b === undefined ? "removed" : a === undefined ? `added (${show(b)})` : `changed from ${show(a)} to ${show(b)}`} in a ${side}`)
  }
  if (typeof outer.s.multipleOf === "number") {
    const mi = inner.s.multipleOf
    if (typeof mi !== "number" || mi % (outer.s.multipleOf as number) !== 0) report("multiple-of-changed", `multipleOf changed in a ${side}`)
  }
  if (outer.s.uniqueItems === true && inner.s.uniqueItems !== true) report(resp ? "unique-items-removed" : "unique-items-added", resp ? "uniqueItems dropped in a response" : "uniqueItems added in a request")
}

/** Required properties, properties removed, added and changed, additionalProperties. */
const objectChanges = ({ ctx, side, resp, oldV, newV, inner, outer, out, report, sub }: Pass): void => {
  const at = newV.pointer
  const prop = (v: View, doc: unknown, name: string) => {
    const loc = v.props.get(name)
    const node = loc === undefined ? undefined : resolve(doc, loc).node
    return isObj(node) ? node : undefined
  }
  for (const name of outer.required) {
    if (inner.required.has(name)) continue
    const where = newV.props.get(name)?.pointer ?? pointer(`${at}/properties`, name)
    if (resp) {
      // A writeOnly property never comes back: no longer requiring it changes nothing.
      if (prop(oldV, ctx.oldDoc, name)?.writeOnly === true || prop(newV, ctx.newDoc, name)?.writeOnly === true) continue
      if (newV.props.has(name) || !oldV.props.has(name)) report("=response-property-became-optional", "no longer required in a response", where)
    } else {
      // A readOnly property is never sent: requiring it asks nothing of a client.
      const p = prop(newV, ctx.newDoc, name)
      if (p?.readOnly === true) continue
      const existed = oldV.props.has(name)
      report(existed ? (p?.default !== undefined ? "=request-property-became-required-with-default" : "=request-property-became-required") : "=new-required-request-property", `new required property in a request: ${name}`, where)
    }
  }
  for (const [name, op] of oldV.props) {
    const np = newV.props.get(name)
    if (np !== undefined) {
      sub(op, np)
      const [a, b] = [prop(oldV, ctx.oldDoc, name) ?? {}, prop(newV, ctx.newDoc, name) ?? {}]
      out.push(...deprecation(ctx.policy, a, b, propertyIds(side), np.pointer, `${side} property ${name}`))
      const [sa, sb] = [stabilityOf(a), stabilityOf(b)]
      const order = ["draft", "alpha", "beta", "stable"]
      if (sa !== undefined && sb !== undefined && order.indexOf(sb) < order.indexOf(sa)) report(`=${side}-property-stability-decreased`, `${side} property ${name}: stability decreased from ${sa} to ${sb}`, np.pointer)
    }
    else if (resp) report(oldV.required.has(name) ? "=response-required-property-removed" : "=response-optional-property-removed", "removed property", op.pointer)
    else if (newV.additional === false) report("=request-property-removed-from-closed-object", `property removed from a request: a client that sends ${name} is refused`, op.pointer)
    else report("=request-property-removed", `property removed from a request: a client that sends ${name} is ignored`, op.pointer)
  }
  for (const [name, np] of newV.props) {
    if (oldV.props.has(name)) continue
    if (resp) {
      if (oldV.additional === false) report("=response-property-added-to-closed-object", "new property in a closed response object", np.pointer)
      else if (typeof oldV.additional === "object") sub(oldV.additional, np)
      else report("=response-optional-property-added", "new property in a response", np.pointer)
    } else if (!newV.required.has(name)) report("=new-optional-request-property", "new optional property in a request", np.pointer)
  }
  const ao = outer.additional
  const ai = inner.additional
  if (ao === false && ai !== false) report(resp ? "additional-properties-allowed" : "additional-properties-refused", resp ? "additional properties now allowed in a response" : "additional properties now refused in a request")
  else if (typeof ao === "object") {
    if (typeof ai === "object") sub(oldV.additional as Located, newV.additional as Located)
    else if (ai !== false) report(resp ? "additional-properties-schema-removed" : "additional-properties-schema-added", resp ? "additionalProperties schema removed in a response" : "additionalProperties schema added in a request")
  }
}

/** Array items. */
const arrayChanges = ({ resp, oldV, newV, inner, outer, report, sub }: Pass): void => {
  if (outer.items !== undefined) {
    if (inner.items === undefined) report(resp ? "items-removed" : "items-added", resp ? "items schema removed in a response" : "items schema added in a request")
    else sub(oldV.items!, newV.items!)
  }
}

/** allOf members: one added to a request is one more schema a value must meet; one removed from a request, a warning. */
const annotations = new Set(["description", "title", "example", "examples", "deprecated", "externalDocs", "$comment"])
const allOfChanges = ({ ctx, resp, oldV, newV, report }: Pass): void => {
  if (resp) return
  const key = (doc: unknown, l: Located) => (isObj(l.node) && typeof l.node.$ref === "string" ? l.node.$ref : show(resolve(doc, l).node))
  const oldKeys = new Set(oldV.allOf.map((l) => key(ctx.oldDoc, l)))
  const newKeys = new Set(newV.allOf.map((l) => key(ctx.newDoc, l)))
  for (const l of newV.allOf) {
    const node = resolve(ctx.newDoc, l).node
    const constrains = isObj(node) && Object.keys(node).some((k) => !annotations.has(k) && !k.startsWith("x-"))
    if (!oldKeys.has(key(ctx.newDoc, l)) && constrains && newV.allOf.length > oldV.allOf.length) report("all-of-added", `allOf member added in a request: ${l.pointer}`, l.pointer)
  }
  for (const l of oldV.allOf) if (!newKeys.has(key(ctx.oldDoc, l)) && oldV.allOf.length > newV.allOf.length) report("all-of-removed", `allOf member removed in a request: ${l.pointer}`, newV.pointer)
}

const compareViews = (ctx: SchemaContext, side: Side, place: Place, oldV: View, newV: View): Array<Change> => {
  const out: Array<Change> = []
  const resp = side === "response"
  const [inner, outer] = resp ? [newV, oldV] : [oldV, newV]
  const pass: Pass = {
    ctx,
    side,
    place,
    resp,
    oldV,
    newV,
    inner,
    outer,
    out,
    report: (aspect, message, where = newV.pointer, severity) => out.push(change(aspect.startsWith("=") ? aspect.slice(1) : `${side}-${place}-${aspect}`, where, message, severity)),
    sub: (o, n, p = "property") => void out.push(...within(ctx, side, p, o, n))
  }
  if (outer.s.not === false || inner.s.not === false) return out
  notChanges(pass)
  allOfChanges(pass)
  if ((inner.union !== undefined || outer.union !== undefined) && unionChanges(pass)) return out
  valueChanges(pass)
  objectChanges(pass)
  arrayChanges(pass)
  keywordChanges(pass)
  return out
}
