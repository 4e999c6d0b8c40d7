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
import type { Change } from "./diff-findings.js"
import { bound, covered, enumOf, isObj, resolve, typesOf, view, type Located, type View } from "./diff-schema-view.js"
import { pointer } from "./pointer.js"

export { resolve, type Located } from "./diff-schema-view.js"

/** Which side of an exchange a schema describes. */
export type Side = "request" | "response"

/** The two documents being compared, with a cache so a shared schema is compared once. */
export interface SchemaContext {
  readonly oldDoc: unknown
  readonly newDoc: unknown
  readonly memo: Map<string, ReadonlyArray<Change>>
}

/** A context for two documents. */
export const schemaContext = (oldDoc: unknown, newDoc: unknown): SchemaContext => ({ oldDoc, newDoc, memo: new Map() })

const show = (x: unknown) => JSON.stringify(x)
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The changes by which `inner` is not within `outer`, phrased for `side`. On the response side
 * inner is the new schema, on the request side the old one. Memoized per pair of pointers and side.
 */
const within = (ctx: SchemaContext, side: Side, oldLoc: Located, newLoc: Located): ReadonlyArray<Change> => {
  const o = resolve(ctx.oldDoc, oldLoc)
  const n = resolve(ctx.newDoc, newLoc)
  const key = `${side}|${o.pointer}|${n.pointer}`
  const cached = ctx.memo.get(key)
  if (cached !== undefined) return cached
  ctx.memo.set(key, []) // a recursive schema meets itself: nothing more to say there
  const result = compareViews(ctx, side, view(ctx.oldDoc, o), view(ctx.newDoc, n))
  ctx.memo.set(key, result)
  return result
}

/** Compares two schemas on one side of an exchange: the changes that break a client. */
export const compareSchemas = (ctx: SchemaContext, side: Side, oldLoc: Located, newLoc: Located): ReadonlyArray<Change> => within(ctx, side, oldLoc, newLoc)

const flip = (side: Side): Side => (side === "request" ? "response" : "request")

/** One comparison under way: the two views, which is inner and which outer, and where changes go. */
interface Pass {
  readonly ctx: SchemaContext
  readonly side: Side
  readonly resp: boolean
  readonly oldV: View
  readonly newV: View
  /** In "inner ⊆ outer" terms: a response's new schema must sit within its old one, a request's old one within its new one. */
  readonly inner: View
  readonly outer: View
  readonly out: Array<Change>
  readonly breaking: (message: string, where?: string) => void
  readonly addition: (message: string, where?: string) => void
}

/** `not`: outer excludes X, so inner must exclude (at least) X too: outer.not ⊆ inner.not, the other way round. */
const notChanges = ({ ctx, side, resp, oldV, newV, inner, outer, out, breaking }: Pass): void => {
  if (outer.not === undefined) return
  if (inner.not === undefined) breaking(resp ? "`not` removed in a response: values it excluded may come back" : "`not` added in a request: values accepted before are refused")
  else out.push(...within(ctx, flip(side), oldV.not!, newV.not!))
}

/** oneOf/anyOf: each branch of inner must sit within some branch of outer. Returns true when nothing is left to compare. */
const unionChanges = ({ ctx, side, resp, inner, outer, out, breaking, addition, newV }: Pass): boolean => {
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
  innerBranches.forEach((b, i) => {
    const ib = innerSelf ? asLoc(b, inner) : b
    let best: ReadonlyArray<Change> | undefined
    for (const c of outerBranches) {
      const ob = outerSelf ? asLoc(c, outer) : c
      const changes = (resp ? within(ctx, side, ob, ib) : within(ctx, side, ib, ob)).filter((x) => x.severity === "breaking")
      if (best === undefined || changes.length < best.length) best = changes
      if (changes.length === 0) break
    }
    if (best === undefined || best.length === 0) return
    const variantGone = () => breaking(resp ? `new variant in a response (${ib.pointer}): no old variant allows it` : `variant no longer accepted in a request (${ib.pointer})`, resp ? ib.pointer : at)
    if (!innerSelf && !outerSelf) {
      const c = counterpart(b, i)
      if (c === undefined) return variantGone()
      return void out.push(...(resp ? within(ctx, side, c, ib) : within(ctx, side, ib, c)))
    }
    const innerTypes = typesOf(view(innerDoc, ib))
    const overlaps = outerBranches.some((c) => {
      const t = typesOf(view(outerDoc, outerSelf ? asLoc(c, outer) : c))
      return t === undefined || innerTypes === undefined || [...innerTypes].some((x) => covered(x, t))
    })
    if (!overlaps || best.length > 3) variantGone()
    else out.push(...best)
  })
  if (!resp && outer.union !== undefined && inner.union !== undefined && outer.union.length > inner.union.length) addition("new variant accepted in a request")
  // A union on one side only was compared branch by branch against the whole other side: done. With
  // unions on both sides, the keywords beside them (properties beside a oneOf) are compared next.
  return innerSelf !== outerSelf
}

/** Types, enum/const, numeric and size bounds, pattern, format, multipleOf, uniqueItems. */
const valueChanges = ({ side, resp, inner, outer, breaking, addition }: Pass): void => {
  const ti = typesOf(inner)
  const to = typesOf(outer)
  if (to !== undefined && inner.union === undefined && outer.union === undefined) {
    if (ti === undefined) breaking(resp ? `type no longer declared in a response (was ${[...to].join("|")}): any value may come back` : `type now restricted in a request to ${[...to].join("|")}`)
    else {
      const extra = [...ti].filter((t) => !covered(t, to))
      const [ot, nt] = resp ? [to, ti] : [ti, to]
      if (extra.length > 0) {
        if (extra.length === 1 && extra[0] === "null") breaking(resp ? "made nullable in a response" : "no longer accepts null in a request")
        else breaking(`type changed from ${[...ot].join("|")} to ${[...nt].join("|")}${resp ? " in a response" : " in a request"}`)
      }
    }
  }

  // enum / const.
  const eo = enumOf(outer)
  if (eo !== undefined) {
    const ei = enumOf(inner)
    if (ei === undefined) breaking(resp ? "enum removed in a response: any value may come back" : `enum added in a request: only ${show(eo)} accepted`)
    else for (const v of ei) if (!eo.some((x) => same(x, v)) && !(v === null && to?.has("null"))) breaking(resp ? `new enum value in a response: ${show(v)}` : `enum value no longer accepted in a request: ${show(v)}`)
  }
  if (!resp && eo !== undefined && enumOf(inner) !== undefined) {
    const ei = enumOf(inner)!
    for (const v of eo) if (!ei.some((x) => same(x, v))) addition(`new enum value accepted in a request: ${show(v)}`)
  }

  // Numeric and size bounds.
  for (const kind of ["max", "min"] as const) {
    const bo = bound(outer.s, kind)
    if (bo === undefined) continue
    const bi = bound(inner.s, kind)
    const name = kind === "max" ? "maximum" : "minimum"
    const inside = bi !== undefined && ((kind === "max" ? bi.v < bo.v : bi.v > bo.v) || (bi.v === bo.v && (bi.excl || !bo.excl)))
    if (!inside) {
      const [ob, nb] = resp ? [bo, bi] : [bi, bo]
      breaking(`${name} ${nb === undefined ? "removed" : ob === undefined ? `added (${nb.v})` : `changed from ${ob.excl ? "exclusive " : ""}${ob.v} to ${nb.excl ? "exclusive " : ""}${nb.v}`} in a ${side}`)
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
        breaking(`${k} ${nb === undefined ? "removed" : ob === undefined ? `added (${show(nb)})` : `changed from ${show(ob)} to ${show(nb)}`} in a ${side}`)
      }
    }
  }
  for (const k of ["pattern", "format"] as const) {
    const vo = outer.s[k]
    if (vo !== undefined && !same(vo, inner.s[k])) {
      const [a, b] = resp ? [vo, inner.s[k]] : [inner.s[k], vo]
      breaking(`${k} ${b === undefined ? "removed" : a === undefined ? `added (${show(b)})` : `changed from ${show(a)} to ${show(b)}`} in a ${side}`)
    }
  }
  if (typeof outer.s.multipleOf === "number") {
    const mi = inner.s.multipleOf
    if (typeof mi !== "number" || mi % (outer.s.multipleOf as number) !== 0) breaking(`multipleOf changed in a ${side}`)
  }
  if (outer.s.uniqueItems === true && inner.s.uniqueItems !== true) breaking(resp ? "uniqueItems dropped in a response" : "uniqueItems added in a request")

}

/** Required properties, properties removed, added and changed, additionalProperties. */
const objectChanges = ({ ctx, side, resp, oldV, newV, inner, outer, out, breaking, addition }: Pass): void => {
  const at = newV.pointer
  for (const name of outer.required) {
    if (inner.required.has(name)) continue
    const where = newV.props.get(name)?.pointer ?? pointer(`${at}/properties`, name)
    if (resp) {
      if (newV.props.has(name) || !oldV.props.has(name)) breaking("no longer required in a response", where)
    } else breaking(`new required property in a request: ${name}`, where)
  }
  for (const [name, op] of oldV.props) {
    const np = newV.props.get(name)
    if (np !== undefined) out.push(...within(ctx, side, op, np))
    else if (resp) breaking("removed property", op.pointer)
    else breaking(`property removed from a request: a client that sends ${name} ${newV.additional === false ? "is refused" : "is ignored"}`, op.pointer)
  }
  for (const [name, np] of newV.props) {
    if (oldV.props.has(name)) continue
    if (resp) {
      if (oldV.additional === false) breaking("new property in a closed response object", np.pointer)
      else if (typeof oldV.additional === "object") out.push(...within(ctx, side, oldV.additional, np))
      else addition("new property in a response", np.pointer)
    } else if (!newV.required.has(name)) addition("new optional property in a request", np.pointer)
  }
  const ao = outer.additional
  const ai = inner.additional
  if (ao === false && ai !== false) breaking(resp ? "additional properties now allowed in a response" : "additional properties now refused in a request")
  else if (typeof ao === "object") {
    if (typeof ai === "object") out.push(...within(ctx, side, resp ? ao : ai, resp ? ai : ao))
    else if (ai !== false) breaking(resp ? "additionalProperties schema removed in a response" : "additionalProperties schema added in a request")
  }

}

/** Array items. */
const arrayChanges = ({ ctx, side, resp, oldV, newV, inner, outer, out, breaking }: Pass): void => {
  if (outer.items !== undefined) {
    if (inner.items === undefined) breaking(resp ? "items schema removed in a response" : "items schema added in a request")
    else out.push(...within(ctx, side, oldV.items!, newV.items!))
  }
}

const compareViews = (ctx: SchemaContext, side: Side, oldV: View, newV: View): Array<Change> => {
  const out: Array<Change> = []
  const resp = side === "response"
  const [inner, outer] = resp ? [newV, oldV] : [oldV, newV]
  const pass: Pass = {
    ctx,
    side,
    resp,
    oldV,
    newV,
    inner,
    outer,
    out,
    breaking: (message, where = newV.pointer) => out.push({ severity: "breaking", side, pointer: where, message }),
    addition: (message, where = newV.pointer) => out.push({ severity: "non-breaking", side, pointer: where, message })
  }
  if (outer.s.not === false || inner.s.not === false) return out
  notChanges(pass)
  if ((inner.union !== undefined || outer.union !== undefined) && unionChanges(pass)) return out
  valueChanges(pass)
  objectChanges(pass)
  arrayChanges(pass)
  return out
}
