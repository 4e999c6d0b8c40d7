/**
 * A schema as `diff` reads it: `$ref`s followed, `allOf` merged into one view whose properties keep
 * their own pointers, and the JSON types, enum and bounds it allows (`nullable` of 3.0 and the type
 * arrays of 3.1 both read).
 *
 * @module
 */
import { at, pointer } from "./pointer.js"

/** A schema node and where it sits. */
export interface Located {
  readonly node: unknown
  readonly pointer: string
}

/** A schema object. */
export type Schema = Record<string, unknown>

/** A schema with `$ref`s followed and `allOf` merged, its properties each with their own pointer. */
export interface View {
  readonly pointer: string
  readonly s: Schema
  /** Where each keyword of `s` sits (the schema, or the allOf member, that says it). */
  readonly origin: Map<string, string>
  readonly props: Map<string, Located>
  readonly required: Set<string>
  readonly additional: Located | boolean | undefined
  readonly union: ReadonlyArray<Located> | undefined
  /** Which keyword the union is: `oneOf` or `anyOf`. */
  readonly unionKind: "oneOf" | "anyOf" | undefined
  /** The node's own `allOf` members (merged into this view), to tell one added or removed. */
  readonly allOf: ReadonlyArray<Located>
  readonly not: Located | undefined
  readonly items: Located | undefined
}

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

/** A keyword of a view as a located sub-schema (`contains`, `then`), or `undefined` when absent. */
export const sub = (v: View, k: string): Located | undefined => (v.s[k] === undefined ? undefined : { node: v.s[k], pointer: `${v.origin.get(k) ?? v.pointer}/${k}` })

/** Whether a node is a JSON object. */
export const isObj = (v: unknown): v is Schema => v !== null && typeof v === "object" && !Array.isArray(v)

/** The view of the schema at `loc` (in `doc`). */
export const view = (doc: unknown, loc: Located, depth = 0): View => {
  const r = resolve(doc, loc)
  const node = isObj(r.node) ? r.node : {}
  const v: View = {
    pointer: r.pointer,
    s: {},
    origin: new Map(),
    props: new Map(),
    required: new Set(Array.isArray(node.required) ? (node.required as Array<string>) : []),
    additional: undefined,
    union: undefined,
    unionKind: undefined,
    allOf: Array.isArray(node.allOf) ? node.allOf.map((b, i) => ({ node: b, pointer: `${r.pointer}/allOf/${i}` })) : [],
    not: undefined,
    items: undefined
  }
  const merge = (into: View, from: View) => {
    for (const [k, val] of Object.entries(from.s)) if (into.s[k] === undefined) [into.s[k]] = [val, into.origin.set(k, from.origin.get(k) ?? from.pointer)]
    for (const [k, p] of from.props) if (!into.props.has(k)) into.props.set(k, p)
    from.required.forEach((x) => into.required.add(x))
    const self = into as { -readonly [K in keyof View]: View[K] }
    if (from.additional === false || into.additional === undefined) self.additional = from.additional ?? into.additional
    if (self.union === undefined && from.union !== undefined) [self.union, self.unionKind] = [from.union, from.unionKind]
    self.not ??= from.not
    self.items ??= from.items
  }
  const self = v as { -readonly [K in keyof View]: View[K] }
  for (const [k, val] of Object.entries(node)) {
    if (k === "properties" && isObj(val)) for (const [name, p] of Object.entries(val)) v.props.set(name, { node: p, pointer: pointer(`${r.pointer}/properties`, name) })
    else if (k === "additionalProperties") self.additional = typeof val === "boolean" ? val : { node: val, pointer: `${r.pointer}/additionalProperties` }
    else if ((k === "oneOf" || k === "anyOf") && Array.isArray(val) && self.union === undefined) [self.union, self.unionKind] = [val.map((b, i) => ({ node: b, pointer: `${r.pointer}/${k}/${i}` })), k]
    else if (k === "not") self.not = { node: val, pointer: `${r.pointer}/not` }
    else if (k === "items" && !Array.isArray(val)) self.items = { node: val, pointer: `${r.pointer}/items` }
    else if (k !== "allOf" && k !== "required" && k !== "$ref") [v.s[k]] = [val, v.origin.set(k, r.pointer)]
  }
  if (Array.isArray(node.allOf) && depth < 32) node.allOf.forEach((b, i) => merge(v, view(doc, { node: b, pointer: `${r.pointer}/allOf/${i}` }, depth + 1)))
  return v
}

const jsonType = (x: unknown): string => (x === null ? "null" : Array.isArray(x) ? "array" : typeof x === "number" ? (Number.isInteger(x) ? "integer" : "number") : typeof x)

/** The values an `enum` or `const` allows; `undefined` when it has neither. */
export const enumOf = (v: View): Array<unknown> | undefined => (Array.isArray(v.s.enum) ? (v.s.enum as Array<unknown>) : v.s.const !== undefined ? [v.s.const] : undefined)

/** The JSON types a schema allows; `undefined` when it says nothing (any type). */
export const typesOf = (v: View): Set<string> | undefined => {
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

/** Whether type `t` is among `outer` (an integer is a number). */
export const covered = (t: string, outer: Set<string>) => outer.has(t) || (t === "integer" && outer.has("number"))

/** An upper or lower bound, with its exclusivity (3.0 booleans and 3.1 numbers both read). */
export const bound = (s: Schema, kind: "max" | "min"): { v: number; excl: boolean } | undefined => {
  const [inc, exc] = kind === "max" ? ["maximum", "exclusiveMaximum"] : ["minimum", "exclusiveMinimum"]
  if (typeof s[exc] === "number") return { v: s[exc] as number, excl: true }
  if (typeof s[inc] === "number") return { v: s[inc] as number, excl: s[exc] === true }
  return undefined
}
