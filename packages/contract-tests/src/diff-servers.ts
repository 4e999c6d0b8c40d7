/**
 * Servers between two versions of an operation: a base path that changes breaks every client; a
 * host that changes under the same base path is reported, not breaking.
 *
 * @module
 */
import type { Change } from "./diff-findings.js"
import { change } from "./diff-rules.js"
import { obj, type Obj, type OperationContext, type OperationRef } from "./diff-context.js"

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

/** The changes to the servers an operation is served from. */
export const compareServers = (ctx: OperationContext, oldRef: OperationRef, newRef: OperationRef): Array<Change> => {
  const o = serversOf(ctx.oldDoc, oldRef)
  const n = serversOf(ctx.newDoc, newRef)
  const newPaths = new Set(n.urls.map(basePath))
  const out: Array<Change> = []
  for (const url of o.urls) {
    if (!newPaths.has(basePath(url))) out.push(change("api-server-base-path-changed", n.where, `server base path changed from ${basePath(url)} to ${[...newPaths].join(" or ")}`))
  }
  if (out.length === 0 && JSON.stringify(o.urls) !== JSON.stringify(n.urls)) out.push(change("api-servers-changed", n.where, `servers changed from ${o.urls.join(", ")} to ${n.urls.join(", ")} (same base path)`))
  return out
}
