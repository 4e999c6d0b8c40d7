/**
 * Changes that keep the wire but break generated TypeScript: a component schema renamed (same
 * content, new name) or removed is a type that generated code no longer exports.
 *
 * @module
 */
import type { Change } from "./diff-findings.js"
import { change } from "./diff-rules.js"
import { pointer } from "./pointer.js"

type Obj = Record<string, unknown>
const schemasOf = (doc: Obj): Obj => {
  const s = (doc.components as Obj | undefined)?.schemas
  return s !== null && typeof s === "object" ? (s as Obj) : {}
}

/** Renamed, removed and added component schemas. */
export const compareComponentNames = (oldDoc: Obj, newDoc: Obj): Array<Change> => {
  const before = schemasOf(oldDoc)
  const after = schemasOf(newDoc)
  const removed = Object.keys(before).filter((k) => !(k in after))
  const added = new Map(Object.keys(after).filter((k) => !(k in before)).map((k) => [k, JSON.stringify(after[k])]))
  const out: Array<Change> = []
  for (const name of removed) {
    const text = JSON.stringify(before[name])
    const twin = [...added].find(([, t]) => t === text)?.[0]
    if (twin !== undefined) {
      added.delete(twin)
      out.push(change("component-schema-renamed", pointer("#/components/schemas", twin), `schema ${name} renamed to ${twin} (same content, new generated type name)`))
    } else out.push(change("component-schema-removed", pointer("#/components/schemas", name), `schema ${name} removed (generated code no longer exports its type)`))
  }
  for (const name of added.keys()) out.push(change("component-schema-added", pointer("#/components/schemas", name), `new schema ${name}`))
  return out
}
