/**
 * Parameters between two versions of an operation: added (required or not), removed (a warning; a
 * deprecated one before its sunset, breaking), made required, restyled, given another default,
 * retyped (their schemas compared on the request side), their sunset deleted or moved earlier, and
 * path parameters renamed (same URL: type-breaking).
 *
 * @module
 */
import type { Change } from "./diff-findings.js"
import { obj, schemaLoc, type Obj, type OperationContext, type OperationRef } from "./diff-context.js"
import { deprecation, parameterIds, removal, sunsetChanges } from "./diff-lifecycle.js"
import { change } from "./diff-rules.js"
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

/** The default of a parameter's schema (`undefined` when none). */
const defaultOf = (doc: Obj, p: Param): unknown => {
  const loc = schemaLoc(p.node, p.pointer)
  return loc === undefined ? undefined : obj(resolve(doc, loc).node).default
}

/** The changes to an operation's parameters. */
export const compareParams = (ctx: OperationContext, oldRef: OperationRef, newRef: OperationRef): Array<Change> => {
  const out: Array<Change> = []
  const before = paramsOf(ctx.oldDoc, oldRef)
  const after = paramsOf(ctx.newDoc, newRef)
  for (const [key, p] of before) {
    const q = after.get(key)
    if (q === undefined) {
      out.push(removal(ctx.policy, p.node, parameterIds, p.pointer, `${p.in} parameter ${p.name}`))
      continue
    }
    const what = `${q.in} parameter ${q.name}`
    if (p.in === "path" && p.name !== q.name) out.push(change("path-parameter-renamed", q.pointer, `path parameter renamed from ${p.name} to ${q.name} (same URL, new name in generated code)`))
    if (q.node.required === true && p.node.required !== true) out.push(change("request-parameter-became-required", q.pointer, `${what} now required`))
    if (styleOf(p.node) !== styleOf(q.node)) out.push(change("request-parameter-style-changed", q.pointer, `${what}: style changed from ${styleOf(p.node)} to ${styleOf(q.node)}`))
    const [da, db] = [defaultOf(ctx.oldDoc, p), defaultOf(ctx.newDoc, q)]
    if (JSON.stringify(da) !== JSON.stringify(db)) {
      const id = da === undefined ? "request-parameter-default-value-added" : db === undefined ? "request-parameter-default-value-removed" : "request-parameter-default-value-changed"
      out.push(change(id, q.pointer, `${what}: default ${da === undefined ? `added (${JSON.stringify(db)})` : db === undefined ? `removed (was ${JSON.stringify(da)})` : `changed from ${JSON.stringify(da)} to ${JSON.stringify(db)}`}`))
    }
    out.push(...deprecation(ctx.policy, p.node, q.node, parameterIds, q.pointer, what), ...sunsetChanges(p.node, q.node, parameterIds, q.pointer, what))
    const ps = schemaLoc(p.node, p.pointer)
    const qs = schemaLoc(q.node, q.pointer)
    if (ps !== undefined && qs !== undefined) out.push(...compareSchemas(ctx.schemas, "request", ps, qs, "parameter"))
  }
  for (const q of after.values()) {
    if (before.has(q.key)) continue
    if (q.node.required === true) out.push(change("new-required-request-parameter", q.pointer, `new required ${q.in} parameter ${q.name}`))
    else out.push(change("new-optional-request-parameter", q.pointer, `new optional ${q.in} parameter ${q.name}`))
  }
  return out
}
