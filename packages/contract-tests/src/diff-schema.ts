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
import { at, pointer } from "./pointer.js"

/** Which side of an exchange a schema describes. */
export type Side = "request" | "response"

/** A schema node and where it sits. */
export interface Located {
  readonly node: unknown
  readonly pointer: string
}

type Schema = Record<string, unknown>

/** A schema with `$ref`s followed and `allOf` merged, its properties each with their own pointer. */
interface View {
  readonly pointer: string
  readonly s: Schema
  readonly props: Map<string, Located>
  readonly required: Set<string>
  readonly additional: Located | boolean | undefined
  readonly union: ReadonlyArray<Located> | undefined
  readonly not: Located | undefined
  readonly items: Located | undefined
}

/** The two documents being compared, with a cache so a shared schema is compared once. */
export interface SchemaContext {
  readonly oldDoc: unknown
  readonly newDoc: unknown
  readonly memo: Map<string, ReadonlyArray<Change>>
}

/** A context for two documents. */
export const schemaContext = (oldDoc: unknown, newDoc: unknown): SchemaContext => ({ oldDoc, newDoc, memo: new Map() })

/** Follows `$ref`s to the node they name. */
export const resolve = (doc: unknown, loc: Located): Located => {
  let current = loc
  for (let i = 0; i < 64; i++) {
    const node = current.node as Schema | null | undefined
    if (node === null || typeof node !== "object" || typeof node.$ref !== "string") return current
    current = { node: at(doc, node.$ref), pointer: node.$ref }
  }
  return current
}

const isObj = (v: unknown): v is Schema => v !== null && typeof v === "object" && !Array.isArray(v)

const view = (doc: unknown, loc: Located, depth = 0): View => {
  const r = resolve(doc, loc)
  const node = isObj(r.node) ? r.node : {}
  const v: View = {
    pointer: r.pointer,
    s: {},
    props: new Map(),
    required: new Set(Array.isArray(node.required) ? (node.required as Array<string>) : []),
    additional: undefined,
    union: undefined,
    not: undefined,
    items: undefined
  }
  const merge = (into: View, from: View) => {
    for (const [k, val] of Object.entries(from.s)) if (into.s[k] === undefined) into.s[k] = val
    for (const [k, p] of from.props) if (!into.props.has(k)) into.props.set(k, p)
    from.required.forEach((x) => into.required.add(x))
    const self = into as { -readonly [K in keyof View]: View[K] }
    if (from.additional === false || into.additional === undefined) self.additional = from.additional ?? into.additional
    self.union ??= from.union
    self.not ??= from.not
    self.items ??= from.items
  }
  const self = v as { -readonly [K in keyof View]: View[K] }
  for (const [k, val] of Object.entries(node)) {
    if (k === "properties" && isObj(val)) for (const [name, p] of Object.entries(val)) v.props.set(name, { node: p, pointer: pointer(`${r.pointer}/properties`, name) })
    else if (k === "additionalProperties") self.additional = typeof val === "boolean" ? val : { node: val, pointer: `${r.pointer}/additionalProperties` }
    else if ((k === "oneOf" || k === "anyOf") && Array.isArray(val)) self.union ??= val.map((b, i) => ({ node: b, pointer: `${r.pointer}/${k}/${i}` }))
    else if (k === "not") self.not = { node: val, pointer: `${r.pointer}/not` }
    else if (k === "items" && !Array.isArray(val)) self.items = { node: val, pointer: `${r.pointer}/items` }
    else if (k !== "allOf" && k !== "required" && k !== "$ref") v.s[k] = val
  }
  if (Array.isArray(node.allOf) && depth < 32) node.allOf.forEach((b, i) => merge(v, view(doc, { node: b, pointer: `${r.pointer}/allOf/${i}` }, depth + 1)))
  return v
}

const jsonType = (x: unknown): string => (x === null ? "null" : Array.isArray(x) ? "array" : typeof x === "number" ? (Number.isInteger(x) ? "integer" : "number") : typeof x)

const enumOf = (v: View): Array<unknown> | undefined => (Array.isArray(v.s.enum) ? (v.s.enum as Array<unknown>) : v.s.const !== undefined ? [v.s.const] : undefined)

/** The JSON types a schema allows; `undefined` when it says nothing (any type). */
const typesOf = (v: View): Set<string> | undefined => {
  const t = v.s.type
  let types: Set<string> | undefined
  if (typeof t === "string") types = new Set([t])
  else if (Array.isArray(t)) types = new Set(t as Array<string>)
  else if (enumOf(v) !== undefined) types = new Set(enumOf(v)!.map(jsonType))
  else if (v.props.size > 0 || v.additional !== undefined || v.required.size > 0) types = new Set(["object"])
  else if (v.items !== undefined) types = new Set(["array"])
  if (types !== undefined && v.s.nullable === true) types.add("null")
  return types
}

const covered = (t: string, outer: Set<string>) => outer.has(t) || (t === "integer" && outer.has("number"))
const show = (x: unknown) => JSON.stringify(x)
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** An upper or lower bound, with its exclusivity (3.0 booleans and 3.1 numbers both read). */
const bound = (s: Schema, kind: "max" | "min"): { v: number; excl: boolean } | undefined => {
  const [inc, exc] = kind === "max" ? ["maximum", "exclusiveMaximum"] : ["minimum", "exclusiveMinimum"]
  if (typeof s[exc] === "number") return { v: s[exc] as number, excl: true }
  if (typeof s[inc] === "number") return { v: s[inc] as number, excl: s[exc] === true }
  return undefined
}

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

const compareViews = (ctx: SchemaContext, side: Side, oldV: View, newV: View): Array<Change> => {
  const out: Array<Change> = []
  const at = newV.pointer
  const breaking = (message: string, where = at) => out.push({ severity: "breaking", side, pointer: where, message })
  const addition = (message: string, where = at) => out.push({ severity: "non-breaking", side, pointer: where, message })
  // In "inner ⊆ outer" terms: a response's new schema must sit within its old one, a request's old one within its new one.
  const [inner, outer] = side === "response" ? [newV, oldV] : [oldV, newV]
  const resp = side === "response"

  if (outer.s.not === false || inner.s.not === false) return out
  // not: outer excludes X, so inner must exclude (at least) X too: outer.not ⊆ inner.not, the other way round.
  if (outer.not !== undefined) {
    if (inner.not === undefined) breaking(resp ? "`not` removed in a response: values it excluded may come back" : "`not` added in a request: values accepted before are refused")
    else out.push(...within(ctx, flip(side), oldV.not!, newV.not!))
  }

  // oneOf/anyOf: each branch of inner must sit within some branch of outer.
  if (inner.union !== undefined || outer.union !== undefined) {
    const innerBranches = inner.union ?? [{ node: null, pointer: inner.pointer }]
    const outerBranches = outer.union ?? [{ node: null, pointer: outer.pointer }]
    const innerDoc = resp ? ctx.newDoc : ctx.oldDoc
    const outerDoc = resp ? ctx.oldDoc : ctx.newDoc
    const asLoc = (b: Located, v: View): Located => (b.node === null ? { node: { $ref: v.pointer }, pointer: v.pointer } : b)
    const [innerSelf, outerSelf] = [inner.union === undefined, outer.union === undefined]
    // A schema with a union and siblings (an object with properties and a oneOf): its siblings are compared below as well.
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
    // A union on one side only was compared branch by branch against the whole other side: done.
    if (innerSelf !== outerSelf) return out
  }

  // Types.
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

  // Objects.
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

  // Arrays.
  if (outer.items !== undefined) {
    if (inner.items === undefined) breaking(resp ? "items schema removed in a response" : "items schema added in a request")
    else out.push(...within(ctx, side, oldV.items!, newV.items!))
  }
  return out
}
