import { at, type Doc, type SpecIndex } from "./spec-index.js"

/** A change that breaks a client of the old spec, with its pointer in the new one. */
export interface BreakingChange {
  readonly pointer: string
  readonly message: string
}

type Schema = Record<string, unknown>

const resolve = (doc: Doc, node: unknown, pointer: string): { schema: Schema | undefined; pointer: string } => {
  let current = node as Schema | undefined
  let where = pointer
  for (let i = 0; i < 32 && current !== undefined && typeof current.$ref === "string"; i++) {
    where = current.$ref
    current = at(doc, where) as Schema | undefined
  }
  return { schema: current, pointer: where }
}

const typesOf = (doc: Doc, schema: Schema | undefined): Set<string> | undefined => {
  if (schema === undefined) return undefined
  if (schema.type !== undefined) return new Set(Array.isArray(schema.type) ? (schema.type as Array<string>) : [schema.type as string])
  const branches = (schema.oneOf ?? schema.anyOf) as Array<unknown> | undefined
  if (branches === undefined) return undefined
  const all = new Set<string>()
  for (const b of branches) {
    const t = typesOf(doc, resolve(doc, b, "").schema)
    if (t === undefined) return undefined
    t.forEach((x) => all.add(x))
  }
  return all
}

const objectBranch = (doc: Doc, schema: Schema): Schema => {
  const branches = (schema.oneOf ?? schema.anyOf) as Array<unknown> | undefined
  if (branches === undefined) return schema
  const objects = branches.map((b) => resolve(doc, b, "").schema).filter((s): s is Schema => s !== undefined && s.type === "object")
  return objects.length === 1 ? objects[0]! : schema
}

/** Compares what a response may hold: anything the new schema allows that the old did not breaks a client. */
const compareResponseSchema = (oldDoc: Doc, oldNode: unknown, newDoc: Doc, newNode: unknown, pointer: string, out: Array<BreakingChange>, seen: Set<string>) => {
  const o = resolve(oldDoc, oldNode, pointer)
  const n = resolve(newDoc, newNode, pointer)
  // A recursive schema (an attachment's thumbnails) is compared once per pair of definitions.
  const pair = `${o.pointer}|${n.pointer}`
  if (o.pointer.startsWith("#/components/") && seen.has(pair)) return
  seen.add(pair)
  if (o.schema === undefined || n.schema === undefined) return
  const oldTypes = typesOf(oldDoc, o.schema)
  const newTypes = typesOf(newDoc, n.schema)
  if (oldTypes !== undefined && newTypes !== undefined) {
    for (const t of newTypes) {
      if (oldTypes.has(t) || (t === "integer" && oldTypes.has("number"))) continue
      out.push({ pointer, message: t === "null" ? "made nullable in a response" : `type changed from ${[...oldTypes].join("|")} to ${[...newTypes].join("|")}` })
    }
  }
  const oldEnum = o.schema.enum as Array<unknown> | undefined
  const newEnum = n.schema.enum as Array<unknown> | undefined
  if (oldEnum !== undefined) {
    if (newEnum === undefined) out.push({ pointer, message: "enum removed: any value may come back" })
    else for (const v of newEnum) if (!oldEnum.some((x) => JSON.stringify(x) === JSON.stringify(v))) out.push({ pointer, message: `new enum value in a response: ${JSON.stringify(v)}` })
  }
  const oldObj = objectBranch(oldDoc, o.schema)
  const newObj = objectBranch(newDoc, n.schema)
  const oldProps = (oldObj.properties ?? {}) as Record<string, unknown>
  const newProps = (newObj.properties ?? {}) as Record<string, unknown>
  const newRequired = new Set((newObj.required ?? []) as Array<string>)
  for (const name of (oldObj.required ?? []) as Array<string>) {
    if (!newRequired.has(name) && name in newProps) out.push({ pointer: `${pointer}/properties/${name}`, message: "no longer required in a response" })
  }
  for (const [name, schema] of Object.entries(oldProps)) {
    if (!(name in newProps)) out.push({ pointer: `${pointer}/properties/${name}`, message: "removed property" })
    else compareResponseSchema(oldDoc, schema, newDoc, newProps[name], `${pointer}/properties/${name}`, out, seen)
  }
  if (oldObj.items !== undefined && newObj.items !== undefined) compareResponseSchema(oldDoc, oldObj.items, newDoc, newObj.items, `${pointer}/items`, out, seen)
}

const escape = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1")

/**
 * The breaking changes for a client between two specs: removed operation, status or property; a
 * type changed; a property made nullable or no longer required in a response; a new required
 * parameter; a new enum value in a response. One per entry, with its pointer.
 */
export const diffSpecs = (before: SpecIndex, after: SpecIndex): ReadonlyArray<BreakingChange> => {
  const out: Array<BreakingChange> = []
  for (const op of before.operations) {
    const next = after.operations.find((o) => o.method === op.method && o.pathTemplate === op.pathTemplate)
    const opPointer = `#/paths/${escape(op.pathTemplate)}/${op.method.toLowerCase()}`
    if (next === undefined) {
      out.push({ pointer: opPointer, message: `removed operation ${op.operationId}` })
      continue
    }
    for (const param of next.parameters) {
      const was = op.parameters.find((p) => p.name === param.name && p.in === param.in)
      if (param.required && !(was?.required ?? false)) out.push({ pointer: `${opPointer}/parameters/${param.name}`, message: `new required ${param.in} parameter ${param.name}` })
    }
    for (const [status, response] of op.responses) {
      const nextResponse = next.responses.get(status)
      if (nextResponse === undefined) {
        out.push({ pointer: `${opPointer}/responses/${status}`, message: `removed status ${status}` })
        continue
      }
      for (const [mediaType, schemaPointer] of response.content) {
        const nextPointer = nextResponse.content.get(mediaType)
        const where = `${opPointer}/responses/${status}/content/${escape(mediaType)}/schema`
        if (nextPointer === undefined) out.push({ pointer: where, message: `removed content type ${mediaType}` })
        else compareResponseSchema(before.document, at(before.document, schemaPointer), after.document, at(after.document, nextPointer), where, out, new Set())
      }
    }
  }
  return out
}

/** One line per breaking change: `pointer: message`. */
export const formatBreakingChanges = (changes: ReadonlyArray<BreakingChange>): string => changes.map((c) => `${c.pointer}: ${c.message}`).join("\n")
