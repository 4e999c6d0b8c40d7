/**
 * The JSON Schema keywords OpenAPI 3.1 brought, compared as constraints the same way as the rest
 * ("inner ⊆ outer"): a constraint the outer schema has and the inner one lacks lets through values
 * outer refuses, so it is reported (as `…-added` in a request, `…-removed` in a response); where
 * both have a sub-schema, it is compared in turn. prefixItems, contains/minContains/maxContains,
 * dependentRequired, dependentSchemas, if/then/else, propertyNames, patternProperties,
 * unevaluatedItems/unevaluatedProperties, contentSchema/contentMediaType/contentEncoding.
 *
 * @module
 */
import type { Pass } from "./diff-schema.js"
import { isObj, sub, type View } from "./diff-schema-view.js"
import { pointer } from "./pointer.js"

const show = (x: unknown) => JSON.stringify(x)
const gained = (resp: boolean, kebab: string) => (resp ? `${kebab}-removed` : `${kebab}-added`)
const entries = (v: View, k: string): Record<string, unknown> => (isObj(v.s[k]) ? (v.s[k] as Record<string, unknown>) : {})

/** Sub-schema keywords: outer has one inner lacks → reported; both → compared. `then`/`else`/`dependentSchemas` apply to the same value, so keep the place. */
const schemaKeywords = (pass: Pass): void => {
  const { resp, inner, outer, oldV, newV, report, place } = pass
  for (const [k, kebab, samePlace] of [["contains", "contains", false], ["propertyNames", "property-names", false], ["contentSchema", "content-schema", false], ["if", "if", true], ["then", "then", true], ["else", "else", true]] as const) {
    if (outer.s[k] === undefined) continue
    if (inner.s[k] === undefined) report(gained(resp, kebab), `${k} ${resp ? "removed in a response" : "added in a request"}`, sub(outer, k)!.pointer)
    else if (k !== "if") pass.sub(sub(oldV, k)!, sub(newV, k)!, samePlace ? place : "property")
    else if (show(outer.s.if) !== show(inner.s.if)) report(gained(resp, "if"), `if changed in a ${pass.side}: other values meet then/else`, sub(newV, k)!.pointer)
  }
  for (const k of ["unevaluatedItems", "unevaluatedProperties"] as const) {
    const o = outer.s[k]
    const i = inner.s[k]
    if (o === undefined || o === true) continue
    const kebab = k === "unevaluatedItems" ? "unevaluated-items" : "unevaluated-properties"
    if (i === undefined || i === true || (o === false && i !== false)) report(gained(resp, kebab), `${k} ${resp ? "loosened in a response" : "tightened in a request"}`)
    else if (o !== false && i !== false) pass.sub(sub(oldV, k)!, sub(newV, k)!)
  }
}

/** Keyed keywords: patternProperties and dependentSchemas (schemas by key), dependentRequired (lists by key). */
const keyedKeywords = (pass: Pass): void => {
  const { resp, inner, outer, oldV, newV, report, place } = pass
  for (const [k, kebab] of [["patternProperties", "pattern-property"], ["dependentSchemas", "dependent-schema"]] as const) {
    const [o, i] = [entries(outer, k), entries(inner, k)]
    for (const key of Object.keys(o)) {
      const loc = (v: View) => ({ node: entries(v, k)[key], pointer: pointer(sub(v, k)!.pointer, key) })
      if (!(key in i)) report(gained(resp, kebab), `${k} ${show(key)} ${resp ? "removed in a response" : "added in a request"}`, loc(outer).pointer)
      else pass.sub(loc(oldV), loc(newV), k === "dependentSchemas" ? place : "property")
    }
  }
  const [o, i] = [entries(outer, "dependentRequired"), entries(inner, "dependentRequired")]
  for (const [key, list] of Object.entries(o)) {
    if (!(key in i)) report(gained(resp, "dependent-required"), `dependentRequired for ${key} ${resp ? "removed in a response" : "added in a request"}`)
    else {
      const more = (Array.isArray(list) ? list : []).filter((x) => !(Array.isArray(i[key]) && (i[key] as Array<unknown>).includes(x)))
      if (more.length > 0) report("dependent-required-changed", `dependentRequired for ${key} ${resp ? "no longer asks for" : "now asks for"} ${more.join(", ")} in a ${pass.side}`)
    }
  }
}

/** Array keywords: prefixItems by position, minContains/maxContains. */
const arrayKeywords = (pass: Pass): void => {
  const { resp, oldV, newV, inner, outer, report } = pass
  const po = Array.isArray(oldV.s.prefixItems) ? (oldV.s.prefixItems as Array<unknown>) : []
  const pn = Array.isArray(newV.s.prefixItems) ? (newV.s.prefixItems as Array<unknown>) : []
  const at = (v: View, i: number) => ({ node: (v.s.prefixItems as Array<unknown>)[i], pointer: `${sub(v, "prefixItems")!.pointer}/${i}` })
  for (let i = 0; i < Math.min(po.length, pn.length); i++) pass.sub(at(oldV, i), at(newV, i))
  if (po.length > pn.length) report("prefix-items-removed", `prefixItems ${po.length - pn.length} removed (from position ${pn.length}) in a ${pass.side}`, sub(oldV, "prefixItems")!.pointer)
  if (pn.length > po.length) report("prefix-items-added", `prefixItems ${pn.length - po.length} added (from position ${po.length}) in a ${pass.side}`, sub(newV, "prefixItems")!.pointer)
  if (outer.s.contains !== undefined && inner.s.contains !== undefined) {
    const min = (v: View) => (typeof v.s.minContains === "number" ? v.s.minContains : 1)
    const max = (v: View) => (typeof v.s.maxContains === "number" ? v.s.maxContains : Infinity)
    if (min(outer) > min(inner)) report(resp ? "min-contains-decreased" : "min-contains-increased", `minContains changed from ${min(oldV)} to ${min(newV)} in a ${pass.side}`)
    if (max(outer) < max(inner)) report(resp ? "max-contains-increased" : "max-contains-decreased", `maxContains changed from ${max(oldV)} to ${max(newV)} in a ${pass.side}`)
  }
}

/** contentMediaType and contentEncoding: what a string carries, and how it is encoded. */
const contentKeywords = ({ side, oldV, newV, outer, report }: Pass): void => {
  for (const [k, kebab] of [["contentMediaType", "content-media-type-changed"], ["contentEncoding", "content-encoding-changed"]] as const) {
    if (outer.s[k] !== undefined && show(oldV.s[k]) !== show(newV.s[k])) report(kebab, `${k} changed from ${show(oldV.s[k]) ?? "none"} to ${show(newV.s[k]) ?? "none"} in a ${side}`)
  }
}

/** The changes the 3.1 keywords make. */
export const keywordChanges = (pass: Pass): void => {
  schemaKeywords(pass)
  keyedKeywords(pass)
  arrayKeywords(pass)
  contentKeywords(pass)
}
