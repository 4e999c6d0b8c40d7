/**
 * Request bodies and responses between two versions of an operation: a body added, removed or made
 * required; media types; statuses (a removed one, unless a range covers it); response headers
 * (removed, no longer required, retyped); each schema compared on its own side.
 *
 * @module
 */
import type { Change } from "./diff-findings.js"
import { isObj, mediaTypes, obj, schemaLoc, type Obj, type OperationContext, type OperationRef } from "./diff-context.js"
import { change } from "./diff-rules.js"
import { compareSchemas, resolve, type Located, type Side } from "./diff-schema.js"
import { pointer } from "./pointer.js"

/** The media range of `mt` among `types` (its type with a wildcard subtype, then the full wildcard), as the document spells it. */
const range = (mt: string, types: Map<string, string>): string | undefined => types.get(`${mt.split("/")[0]}/*`) ?? types.get("*/*")

const refOf = (node: unknown) => (isObj(node) && typeof node.$ref === "string" ? node.$ref : undefined)

/**
 * A body's schema compared at place `body`, after one check: the old schema wrapped in a oneOf
 * (`{oneOf: [old, …]}`) changes the generated type and refuses a value matching two branches.
 */
const bodySchemas = (ctx: OperationContext, side: Side, o: Located, n: Located): Array<Change> => {
  const out: Array<Change> = []
  const ro = resolve(ctx.oldDoc, o).node
  const rn = resolve(ctx.newDoc, n).node
  if (isObj(rn) && Array.isArray(rn.oneOf) && isObj(ro) && ro.oneOf === undefined && ro.anyOf === undefined) {
    const text = JSON.stringify(ro)
    const wrapped = rn.oneOf.some((b) => (refOf(o.node) !== undefined && refOf(b) === refOf(o.node)) || JSON.stringify(resolve(ctx.newDoc, { node: b, pointer: "" }).node) === text)
    if (wrapped) out.push(change(`${side}-body-wrapped-in-one-of`, n.pointer, `${side} body schema wrapped in a oneOf`))
  }
  out.push(...compareSchemas(ctx.schemas, side, o, n, "body"))
  return out
}

/** The changes to an operation's request body. */
export const compareBodies = (ctx: OperationContext, oldRef: OperationRef, newRef: OperationRef): Array<Change> => {
  const out: Array<Change> = []
  const o = resolve(ctx.oldDoc, { node: oldRef.op.requestBody, pointer: `${oldRef.pointer}/requestBody` })
  const n = resolve(ctx.newDoc, { node: newRef.op.requestBody, pointer: `${newRef.pointer}/requestBody` })
  const ob = isObj(o.node) ? o.node : undefined
  const nb = isObj(n.node) ? n.node : undefined
  if (ob === undefined && nb === undefined) return out
  if (ob === undefined) {
    out.push(nb!.required === true ? change("request-body-added-required", n.pointer, "new required request body") : change("request-body-added-optional", n.pointer, "new optional request body"))
    return out
  }
  if (nb === undefined) {
    out.push(change("request-body-removed", o.pointer, "request body removed"))
    return out
  }
  if (nb.required === true && ob.required !== true) out.push(change("request-body-became-required", n.pointer, "request body now required"))
  if (nb.required !== true && ob.required === true) out.push(change("request-body-became-optional", n.pointer, "request body no longer required"))
  const om = mediaTypes(ob.content)
  const nm = mediaTypes(nb.content)
  for (const [mt, raw] of om) {
    const nraw = nm.get(mt) ?? range(mt, nm)
    const oloc = { node: obj(obj(ob.content)[raw]).schema, pointer: pointer(`${o.pointer}/content`, raw) + "/schema" }
    if (nraw === undefined) {
      out.push(change("request-body-media-type-removed", pointer(`${o.pointer}/content`, raw), `request media type ${mt} no longer accepted`))
      continue
    }
    if (!nm.has(mt)) out.push(change("request-body-media-type-generalized", pointer(`${n.pointer}/content`, nraw), `request media type ${mt} now accepted as ${nraw}`))
    out.push(...bodySchemas(ctx, "request", oloc, { node: obj(obj(nb.content)[nraw]).schema, pointer: pointer(`${n.pointer}/content`, nraw) + "/schema" }))
  }
  for (const [mt, raw] of nm) if (!om.has(mt) && ![...om.keys()].some((o) => range(o, new Map([[mt, raw]])) !== undefined)) out.push(change("request-body-media-type-added", pointer(`${n.pointer}/content`, raw), `new request media type ${mt}`))
  return out
}

const compareResponse = (ctx: OperationContext, o: Located, n: Located): Array<Change> => {
  const out: Array<Change> = []
  const ob = obj(o.node)
  const nb = obj(n.node)
  const oh = new Map(Object.keys(obj(ob.headers)).map((h) => [h.toLowerCase(), h]))
  const nh = new Map(Object.keys(obj(nb.headers)).map((h) => [h.toLowerCase(), h]))
  for (const [lower, name] of oh) {
    const oloc = resolve(ctx.oldDoc, { node: obj(ob.headers)[name], pointer: pointer(`${o.pointer}/headers`, name) })
    const nname = nh.get(lower)
    if (nname === undefined) {
      out.push(change(obj(oloc.node).required === true ? "required-response-header-removed" : "optional-response-header-removed", pointer(`${o.pointer}/headers`, name), `response header ${name} removed`))
      continue
    }
    const nloc = resolve(ctx.newDoc, { node: obj(nb.headers)[nname], pointer: pointer(`${n.pointer}/headers`, nname) })
    if (obj(oloc.node).required === true && obj(nloc.node).required !== true) out.push(change("response-header-became-optional", nloc.pointer, `response header ${nname} no longer required`))
    const os = schemaLoc(obj(oloc.node), oloc.pointer)
    const ns = schemaLoc(obj(nloc.node), nloc.pointer)
    if (os !== undefined && ns !== undefined) out.push(...compareSchemas(ctx.schemas, "response", os, ns, "header"))
  }
  for (const [lower, name] of nh) if (!oh.has(lower)) out.push(change("response-header-added", pointer(`${n.pointer}/headers`, name), `new response header ${name}`))
  const om = mediaTypes(ob.content)
  const nm = mediaTypes(nb.content)
  for (const [mt, raw] of om) {
    const exact = nm.get(mt)
    const nraw = exact ?? range(mt, nm)
    if (nraw === undefined) {
      out.push(change("response-media-type-removed", pointer(`${o.pointer}/content`, raw), nm.size === 0 ? `response body removed (was ${mt})` : `removed content type ${mt}`))
      continue
    }
    if (exact === undefined) out.push(change("response-media-type-name-generalized", pointer(`${n.pointer}/content`, nraw), `response media type ${mt} generalized to ${nraw}`))
    out.push(...bodySchemas(ctx, "response", { node: obj(obj(ob.content)[raw]).schema, pointer: pointer(`${o.pointer}/content`, raw) + "/schema" }, { node: obj(obj(nb.content)[nraw]).schema, pointer: pointer(`${n.pointer}/content`, nraw) + "/schema" }))
  }
  for (const [mt, raw] of nm) {
    if (om.has(mt) || [...om.keys()].some((o) => range(o, new Map([[mt, raw]])) !== undefined)) continue
    out.push(om.size === 0 ? change("response-body-added", pointer(`${n.pointer}/content`, raw), `a body (${mt}) where there was none`) : change("response-media-type-added", pointer(`${n.pointer}/content`, raw), `new content type ${mt}`))
  }
  return out
}

/** The changes to an operation's responses. */
export const compareResponses = (ctx: OperationContext, oldRef: OperationRef, newRef: OperationRef): Array<Change> => {
  const out: Array<Change> = []
  const os = obj(oldRef.op.responses)
  const ns = obj(newRef.op.responses)
  const cover = (status: string, set: Obj) => (status in set ? status : /^\d{3}$/.test(status) && `${status[0]}XX` in set ? `${status[0]}XX` : undefined)
  for (const status of Object.keys(os)) {
    const o = resolve(ctx.oldDoc, { node: os[status], pointer: pointer(`${oldRef.pointer}/responses`, status) })
    const match = cover(status, ns) ?? cover(status.toUpperCase(), ns)
    if (match === undefined) {
      out.push(change(/^2/.test(status) ? "response-success-status-removed" : "response-non-success-status-removed", pointer(`${oldRef.pointer}/responses`, status), `removed status ${status}`))
      continue
    }
    out.push(...compareResponse(ctx, o, resolve(ctx.newDoc, { node: ns[match], pointer: pointer(`${newRef.pointer}/responses`, match) })))
  }
  for (const status of Object.keys(ns)) {
    if (status in os) continue
    out.push(change(/^2/.test(status) ? "response-success-status-added" : "response-non-success-status-added", pointer(`${newRef.pointer}/responses`, status), `new status ${status}`))
  }
  return out
}
