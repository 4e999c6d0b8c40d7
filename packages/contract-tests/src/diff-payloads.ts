/**
 * Request bodies and responses between two versions of an operation: a body added, removed or made
 * required; media types; statuses (a removed one, unless a range covers it); response headers
 * (removed, no longer required, retyped); each schema compared on its own side.
 *
 * @module
 */
import type { Change } from "./diff-findings.js"
import { isObj, mediaTypes, obj, schemaLoc, type Obj, type OperationContext, type OperationRef } from "./diff-context.js"
import { compareSchemas, resolve, type Located } from "./diff-schema.js"
import { pointer } from "./pointer.js"

/** The changes to an operation's request body. */
export const compareBodies = (ctx: OperationContext, oldRef: OperationRef, newRef: OperationRef): Array<Change> => {
  const out: Array<Change> = []
  const o = resolve(ctx.oldDoc, { node: oldRef.op.requestBody, pointer: `${oldRef.pointer}/requestBody` })
  const n = resolve(ctx.newDoc, { node: newRef.op.requestBody, pointer: `${newRef.pointer}/requestBody` })
  const ob = isObj(o.node) ? o.node : undefined
  const nb = isObj(n.node) ? n.node : undefined
  if (ob === undefined && nb === undefined) return out
  if (ob === undefined) {
    out.push({ severity: nb!.required === true ? "breaking" : "non-breaking", side: "request", pointer: n.pointer, message: nb!.required === true ? "new required request body" : "new optional request body" })
    return out
  }
  if (nb === undefined) {
    out.push({ severity: "breaking", side: "request", pointer: o.pointer, message: "request body removed" })
    return out
  }
  if (nb.required === true && ob.required !== true) out.push({ severity: "breaking", side: "request", pointer: n.pointer, message: "request body now required" })
  const om = mediaTypes(ob.content)
  const nm = mediaTypes(nb.content)
  for (const [mt, raw] of om) {
    const nraw = nm.get(mt)
    if (nraw === undefined) out.push({ severity: "breaking", side: "request", pointer: pointer(`${o.pointer}/content`, raw), message: `request media type ${mt} no longer accepted` })
    else out.push(...compareSchemas(ctx.schemas, "request", { node: obj(obj(ob.content)[raw]).schema, pointer: pointer(`${o.pointer}/content`, raw) + "/schema" }, { node: obj(obj(nb.content)[nraw]).schema, pointer: pointer(`${n.pointer}/content`, nraw) + "/schema" }))
  }
  for (const [mt, raw] of nm) if (!om.has(mt)) out.push({ severity: "non-breaking", side: "request", pointer: pointer(`${n.pointer}/content`, raw), message: `new request media type ${mt}` })
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
      out.push({ severity: "breaking", side: "response", pointer: pointer(`${o.pointer}/headers`, name), message: `response header ${name} removed` })
      continue
    }
    const nloc = resolve(ctx.newDoc, { node: obj(nb.headers)[nname], pointer: pointer(`${n.pointer}/headers`, nname) })
    if (obj(oloc.node).required === true && obj(nloc.node).required !== true) out.push({ severity: "breaking", side: "response", pointer: nloc.pointer, message: `response header ${nname} no longer required` })
    const os = schemaLoc(obj(oloc.node), oloc.pointer)
    const ns = schemaLoc(obj(nloc.node), nloc.pointer)
    if (os !== undefined && ns !== undefined) out.push(...compareSchemas(ctx.schemas, "response", os, ns))
  }
  for (const [lower, name] of nh) if (!oh.has(lower)) out.push({ severity: "non-breaking", side: "response", pointer: pointer(`${n.pointer}/headers`, name), message: `new response header ${name}` })
  const om = mediaTypes(ob.content)
  const nm = mediaTypes(nb.content)
  for (const [mt, raw] of om) {
    const nraw = nm.get(mt)
    if (nraw === undefined) out.push({ severity: "breaking", side: "response", pointer: pointer(`${o.pointer}/content`, raw), message: nm.size === 0 ? `response body removed (was ${mt})` : `removed content type ${mt}` })
    else out.push(...compareSchemas(ctx.schemas, "response", { node: obj(obj(ob.content)[raw]).schema, pointer: pointer(`${o.pointer}/content`, raw) + "/schema" }, { node: obj(obj(nb.content)[nraw]).schema, pointer: pointer(`${n.pointer}/content`, nraw) + "/schema" }))
  }
  for (const [mt, raw] of nm) if (!om.has(mt)) out.push({ severity: om.size === 0 ? "breaking" : "non-breaking", side: "response", pointer: pointer(`${n.pointer}/content`, raw), message: om.size === 0 ? `a body (${mt}) where there was none` : `new content type ${mt}` })
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
      out.push({ severity: "breaking", side: "response", pointer: pointer(`${oldRef.pointer}/responses`, status), message: `removed status ${status}` })
      continue
    }
    out.push(...compareResponse(ctx, o, resolve(ctx.newDoc, { node: ns[match], pointer: pointer(`${newRef.pointer}/responses`, match) })))
  }
  for (const status of Object.keys(ns)) {
    if (status in os) continue
    out.push({ severity: "non-breaking", side: "response", pointer: pointer(`${newRef.pointer}/responses`, status), message: `new status ${status}` })
  }
  return out
}
