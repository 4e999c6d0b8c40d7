/**
 * Parameters between two versions of an operation: added (required or not), removed, renamed (a
 * removed and an added one of the same kind and schema), made required, restyled, retyped (their
 * schemas compared on the request side), and path parameters renamed (same URL: type-breaking).
 *
 * @module
 */
import type { Change } from "./diff-findings.js"
import { obj, schemaLoc, type Obj, type OperationContext, type OperationRef } from "./diff-context.js"
import { compareSchemas, resolve } from "./diff-schema.js"

interface Param {
  readonly key: string
  readonly name: string
  readonly in: string
  readonly node: Obj
  readonly pointer: string
}

/** Effective parameters: the path item's, overridden by the operation's; path ones keyed by their position in the template. */
const paramsOf = (doc: Obj, ref: OperationRef): Map<string, Param> => {
  const positions = new Map((ref.path.match(/\{[^}]*\}/g) ?? []).map((p, i) => [p.slice(1, -1), i]))
  const out = new Map<string, Param>()
  const add = (list: unknown, base: string) => {
    if (!Array.isArray(list)) return
    list.forEach((p, i) => {
      const r = resolve(doc, { node: p, pointer: `${base}/parameters/${i}` })
      const node = obj(r.node)
      const name = String(node.name)
      const where = String(node.in)
      const key = where === "path" ? `path #${positions.get(name) ?? name}` : `${where} ${where === "header" ? name.toLowerCase() : name}`
      out.set(key, { key, name, in: where, node, pointer: r.pointer })
    })
  }
  add(ref.item.parameters, ref.pointer.replace(/\/[a-z]+$/, ""))
  add(ref.op.parameters, ref.pointer)
  return out
}

const styleOf = (p: Obj): string => {
  const style = typeof p.style === "string" ? p.style : p.in === "query" || p.in === "cookie" ? "form" : "simple"
  const explode = typeof p.explode === "boolean" ? p.explode : style === "form"
  return `${style}${explode ? ", explode" : ""}`
}

/** The changes to an operation's parameters. */
export const compareParams = (ctx: OperationContext, oldRef: OperationRef, newRef: OperationRef): Array<Change> => {
  const out: Array<Change> = []
  const before = paramsOf(ctx.oldDoc, oldRef)
  const after = paramsOf(ctx.newDoc, newRef)
  const added = [...after.values()].filter((p) => !before.has(p.key))
  const renamedTo = new Set<string>()
  for (const [key, p] of before) {
    const q = after.get(key)
    if (q === undefined) {
      // A parameter removed and another of the same kind and schema added: a rename.
      const twin = added.find((a) => a.in === p.in && !renamedTo.has(a.key) && JSON.stringify(resolve(ctx.newDoc, { node: a.node.schema, pointer: "" }).node) === JSON.stringify(resolve(ctx.oldDoc, { node: p.node.schema, pointer: "" }).node))
      if (twin !== undefined) {
        renamedTo.add(twin.key)
        out.push({ severity: "breaking", side: "request", pointer: twin.pointer, message: `${p.in} parameter renamed from ${p.name} to ${twin.name}` })
      } else out.push({ severity: "breaking", side: "request", pointer: p.pointer, message: `removed ${p.in} parameter ${p.name}` })
      continue
    }
    if (p.in === "path" && p.name !== q.name) out.push({ severity: "type-breaking", side: "types", pointer: q.pointer, message: `path parameter renamed from ${p.name} to ${q.name} (same URL, new name in generated code)` })
    if (q.node.required === true && p.node.required !== true) out.push({ severity: "breaking", side: "request", pointer: q.pointer, message: `${q.in} parameter ${q.name} now required` })
    if (styleOf(p.node) !== styleOf(q.node)) out.push({ severity: "breaking", side: "request", pointer: q.pointer, message: `${q.in} parameter ${q.name}: style changed from ${styleOf(p.node)} to ${styleOf(q.node)}` })
    const ps = schemaLoc(p.node, p.pointer)
    const qs = schemaLoc(q.node, q.pointer)
    if (ps !== undefined && qs !== undefined) out.push(...compareSchemas(ctx.schemas, "request", ps, qs))
  }
  for (const q of added) {
    if (renamedTo.has(q.key)) continue
    if (q.node.required === true) out.push({ severity: "breaking", side: "request", pointer: q.pointer, message: `new required ${q.in} parameter ${q.name}` })
    else out.push({ severity: "non-breaking", side: "request", pointer: q.pointer, message: `new optional ${q.in} parameter ${q.name}` })
  }
  return out
}
