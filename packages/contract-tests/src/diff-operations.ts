/**
 * Comparing operations: parameters (added, removed, renamed, required, schema, style), request
 * bodies, statuses, response headers and media types, security requirements and servers. Schemas
 * go to `diff-schema`; what changes only generated code (a renamed path parameter or operationId)
 * is `type-breaking`.
 *
 * @module
 */
import type { Change } from "./diff-findings.js"
import { compareSchemas, resolve, type Located, type SchemaContext } from "./diff-schema.js"
import { escapeToken, pointer } from "./pointer.js"

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v)
const obj = (v: unknown): Obj => (isObj(v) ? v : {})

/** An operation of a document, found by method and path template. */
export interface OperationRef {
  /** `GET /users/{}`: path parameter names do not matter on the wire. */
  readonly key: string
  /** How findings name it: its operationId, else `GET /users/{id}`. */
  readonly label: string
  readonly method: string
  readonly path: string
  readonly pointer: string
  readonly op: Obj
  readonly item: Obj
}

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

/** The operations of a document, by method and path template with parameter names blanked. */
export const operationsOf = (doc: Obj): Map<string, OperationRef> => {
  const out = new Map<string, OperationRef>()
  for (const [path, rawItem] of Object.entries(obj(doc.paths))) {
    const item = obj(rawItem)
    for (const method of methods) {
      if (!isObj(item[method])) continue
      const op = item[method] as Obj
      const key = `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, "{}").replace(/\/+$/, "")}`
      const label = typeof op.operationId === "string" ? op.operationId : `${method.toUpperCase()} ${path}`
      out.set(key, { key, label, method, path, pointer: `#/paths/${escapeToken(path)}/${method}`, op, item })
    }
  }
  return out
}

/** The documents compared, and the schema comparison context. */
export interface OperationContext {
  readonly oldDoc: Obj
  readonly newDoc: Obj
  readonly schemas: SchemaContext
}

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

/** The schema of a parameter or header: `schema`, or the first media type's under `content`. */
const schemaLoc = (node: Obj, base: string): Located | undefined => {
  if (node.schema !== undefined) return { node: node.schema, pointer: `${base}/schema` }
  const [mt, media] = Object.entries(obj(node.content))[0] ?? []
  return mt === undefined ? undefined : { node: obj(media).schema, pointer: pointer(`${base}/content`, mt) + "/schema" }
}

const compareParams = (ctx: OperationContext, oldRef: OperationRef, newRef: OperationRef): Array<Change> => {
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

const mediaTypes = (content: unknown): Map<string, string> => new Map(Object.keys(obj(content)).map((mt) => [mt.split(";")[0]!.trim().toLowerCase(), mt]))

const compareBodies = (ctx: OperationContext, oldRef: OperationRef, newRef: OperationRef): Array<Change> => {
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

const compareResponses = (ctx: OperationContext, oldRef: OperationRef, newRef: OperationRef): Array<Change> => {
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

const compareSecurity = (ctx: OperationContext, oldRef: OperationRef, newRef: OperationRef): Array<Change> => {
  const out: Array<Change> = []
  const o = requirements(ctx.oldDoc, oldRef)
  const n = requirements(ctx.newDoc, newRef)
  const schemeOld = schemeShapes(ctx.oldDoc)
  const schemeNew = schemeShapes(ctx.newDoc)
  // A client keeps working when one of the new options asks for no more than an old one it used.
  const satisfies = (newReq: Map<string, Set<string>>, oldReq: Map<string, Set<string>>) =>
    [...newReq].every(([k, scopes]) => oldReq.has(k) && [...scopes].every((s) => oldReq.get(k)!.has(s)) && schemeOld[k] === schemeNew[k])
  if (o.list.length === 0) {
    if (n.list.length > 0 && !n.list.some((r) => r.size === 0)) out.push({ severity: "breaking", side: "request", pointer: n.where, message: "authentication now required" })
    return out
  }
  if (n.list.length === 0) return out
  for (const r of o.list) {
    if (!n.list.some((nr) => satisfies(nr, r))) {
      const changed = [...r.keys()].filter((k) => schemeNew[k] !== undefined && schemeOld[k] !== schemeNew[k])
      out.push({
        severity: "breaking",
        side: "request",
        pointer: changed.length > 0 ? pointer("#/components/securitySchemes", changed[0]!) : n.where,
        message: changed.length > 0 ? `security scheme ${changed[0]} changed` : `security option ${showRequirement(r)} removed`
      })
    }
  }
  for (const r of n.list) if (!o.list.some((or) => showRequirement(or) === showRequirement(r))) out.push({ severity: "non-breaking", side: "request", pointer: n.where, message: `new security option ${showRequirement(r)}` })
  return out
}

const serversOf = (doc: Obj, ref: OperationRef): { where: string; urls: Array<string> } => {
  const [list, where] = Array.isArray(ref.op.servers) ? [ref.op.servers, `${ref.pointer}/servers`] : Array.isArray(ref.item.servers) ? [ref.item.servers, ref.pointer.replace(/\/[a-z]+$/, "/servers")] : [doc.servers, "#/servers"]
  const urls = (Array.isArray(list) && list.length > 0 ? list : [{ url: "/" }]).map((s) => {
    const server = obj(s)
    const vars = obj(server.variables)
    return String(server.url ?? "/").replace(/\{([^}]*)\}/g, (m, name: string) => String(obj(vars[name]).default ?? m))
  })
  return { where, urls }
}

const basePath = (url: string) => url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "").replace(/\/+$/, "") || "/"

const compareServers = (ctx: OperationContext, oldRef: OperationRef, newRef: OperationRef): Array<Change> => {
  const o = serversOf(ctx.oldDoc, oldRef)
  const n = serversOf(ctx.newDoc, newRef)
  const newPaths = new Set(n.urls.map(basePath))
  const out: Array<Change> = []
  for (const url of o.urls) {
    if (!newPaths.has(basePath(url))) out.push({ severity: "breaking", side: "operation", pointer: n.where, message: `server base path changed from ${basePath(url)} to ${[...newPaths].join(" or ")}` })
  }
  if (out.length === 0 && JSON.stringify(o.urls) !== JSON.stringify(n.urls)) out.push({ severity: "non-breaking", side: "operation", pointer: n.where, message: `servers changed from ${o.urls.join(", ")} to ${n.urls.join(", ")} (same base path)` })
  return out
}

/** Every change between two versions of one operation. */
export const compareOperation = (ctx: OperationContext, oldRef: OperationRef, newRef: OperationRef): Array<Change> => {
  const out: Array<Change> = []
  if (oldRef.label !== newRef.label && typeof oldRef.op.operationId === "string") out.push({ severity: "type-breaking", side: "types", pointer: newRef.pointer, message: `operationId renamed from ${oldRef.label} to ${newRef.label}` })
  out.push(...compareParams(ctx, oldRef, newRef), ...compareBodies(ctx, oldRef, newRef), ...compareResponses(ctx, oldRef, newRef), ...compareSecurity(ctx, oldRef, newRef), ...compareServers(ctx, oldRef, newRef))
  return out
}
