/**
 * What the operation-level comparisons share: operations found by method and path template, the
 * two documents, and readers for the parts of an OpenAPI document that may be missing or malformed.
 *
 * @module
 */
import type { Policy } from "./diff-lifecycle.js"
import type { Located, SchemaContext } from "./diff-schema.js"
import { escapeToken, pointer } from "./pointer.js"

/** A JSON object of the document. */
export type Obj = Record<string, unknown>

/** Whether a node is a JSON object. */
export const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v)

/** A node as an object: `{}` when it is missing or not one. */
export const obj = (v: unknown): Obj => (isObj(v) ? v : {})

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

/** The operations of a document, by method and path template with parameter names blanked (by method and path, `exact`). */
export const operationsOf = (doc: Obj, exact = false): Map<string, OperationRef> => {
  const out = new Map<string, OperationRef>()
  for (const [path, rawItem] of Object.entries(obj(doc.paths))) {
    const item = obj(rawItem)
    for (const method of methods) {
      if (!isObj(item[method])) continue
      const op = item[method] as Obj
      const key = `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, "{}").replace(/\/+$/, "")}`
      const label = typeof op.operationId === "string" ? op.operationId : `${method.toUpperCase()} ${path}`
      out.set(exact ? `${method} ${path}` : key, { key, label, method, path, pointer: `#/paths/${escapeToken(path)}/${method}`, op, item })
    }
  }
  return out
}

/** The documents compared, and the schema comparison context. */
export interface OperationContext {
  readonly oldDoc: Obj
  readonly newDoc: Obj
  readonly schemas: SchemaContext
  /** Today's date and the deprecation policy. */
  readonly policy: Policy
}

/** The schema of a parameter or header: `schema`, or the first media type's under `content`. */
export const schemaLoc = (node: Obj, base: string): Located | undefined => {
  if (node.schema !== undefined) return { node: node.schema, pointer: `${base}/schema` }
  const [mt, media] = Object.entries(obj(node.content))[0] ?? []
  return mt === undefined ? undefined : { node: obj(media).schema, pointer: pointer(`${base}/content`, mt) + "/schema" }
}

/** Media types by their lower-cased essence (`application/json; charset=utf-8` → `application/json`), with their spelling in the document. */
export const mediaTypes = (content: unknown): Map<string, string> => new Map(Object.keys(obj(content)).map((mt) => [mt.split(";")[0]!.trim().toLowerCase(), mt]))
