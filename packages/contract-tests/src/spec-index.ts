import { InputError } from "./input-error.js"
import { at, escapeToken } from "./pointer.js"
import { readSpec } from "./spec-source.js"

export { at } from "./pointer.js"

/** An OpenAPI document as plain JSON. */
export type Doc = Record<string, unknown>
type Obj = Record<string, unknown>

/** A parameter of an operation, resolved. */
export interface ParameterSpec {
  readonly name: string
  readonly in: "path" | "query" | "header" | "cookie"
  readonly required: boolean
  /** Where its schema is in the document (a JSON pointer), for the validator. */
  readonly schemaPointer: string
}

/** A documented response: its media types (with schema pointers) and headers. */
export interface ResponseSpec {
  readonly pointer: string
  readonly content: ReadonlyMap<string, string>
  readonly headers: ReadonlyMap<string, { readonly required: boolean; readonly schemaPointer: string | undefined }>
}

/** One operation of the spec. */
export interface OperationSpec {
  readonly operationId: string
  readonly method: string
  readonly pathTemplate: string
  readonly regex: RegExp
  readonly literalSegments: number
  readonly parameters: ReadonlyArray<ParameterSpec>
  readonly responses: ReadonlyMap<string, ResponseSpec>
}

/** A spec indexed for matching recorded traffic to operations. */
export interface SpecIndex {
  readonly file: string
  readonly document: Doc
  readonly operations: ReadonlyArray<OperationSpec>
  /** The operation a request is for: literal segments win over templated ones (`/count` over `/{id}`). */
  readonly match: (method: string, pathname: string) => { readonly operation: OperationSpec; readonly pathParams: Record<string, string> } | undefined
}

const escapePointer = escapeToken

/** Follows `$ref`s (local ones) until a real node: returns it with its pointer. */
export const deref = (doc: Doc, pointer: string): { node: Obj; pointer: string } => {
  let current = pointer
  for (let i = 0; i < 32; i++) {
    const node = at(doc, current) as Obj | undefined
    if (node === undefined || node === null || typeof node !== "object") throw new InputError(`invalid spec: no object at ${current}`)
    if (typeof node.$ref !== "string") return { node, pointer: current }
    current = node.$ref
  }
  throw new InputError(`invalid spec: a $ref cycle at ${pointer}`)
}

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

/** Indexes a spec file (YAML or JSON); throws an `InputError` when it is unreadable, not OpenAPI, or has a dangling `$ref`. */
export const loadSpec = (file: string): SpecIndex => indexSpec(file, readSpec(file))

/** Indexes a parsed spec; `file` names it in messages. */
export const indexSpec = (file: string, document: Doc): SpecIndex => {
  const operations: Array<OperationSpec> = []
  for (const [pathTemplate, item] of Object.entries((document.paths ?? {}) as Record<string, Obj>)) {
    const pathPointer = `#/paths/${escapePointer(pathTemplate)}`
    const shared = ((item.parameters ?? []) as Array<unknown>).map((_, i) => `${pathPointer}/parameters/${i}`)
    for (const method of methods) {
      const op = item[method] as Obj | undefined
      if (op === undefined) continue
      const opPointer = `${pathPointer}/${method}`
      const own = ((op.parameters ?? []) as Array<unknown>).map((_, i) => `${opPointer}/parameters/${i}`)
      const parameters = [...shared, ...own].map((p): ParameterSpec => {
        const { node, pointer } = deref(document, p)
        return { name: String(node.name), in: node.in as ParameterSpec["in"], required: node.required === true, schemaPointer: `${pointer}/schema` }
      })
      const responses = new Map<string, ResponseSpec>()
      for (const status of Object.keys((op.responses ?? {}) as Obj)) {
        const { node, pointer } = deref(document, `${opPointer}/responses/${escapePointer(status)}`)
        const content = new Map(Object.keys((node.content ?? {}) as Obj).map((mt) => [mt, `${pointer}/content/${escapePointer(mt)}/schema`]))
        const headers = new Map(
          Object.keys((node.headers ?? {}) as Obj).map((name) => {
            const header = deref(document, `${pointer}/headers/${escapePointer(name)}`)
            return [name.toLowerCase(), { required: header.node.required === true, schemaPointer: header.node.schema === undefined ? undefined : `${header.pointer}/schema` }] as const
          })
        )
        responses.set(status, { pointer, content, headers })
      }
      const segments = pathTemplate.split("/").filter(Boolean)
      const regex = new RegExp(`^/${segments.map((s) => (/^\{.+\}$/.test(s) ? `(?<${s.slice(1, -1)}>[^/]+)` : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/")}/?$`)
      operations.push({
        operationId: String(op.operationId ?? `${method.toUpperCase()} ${pathTemplate}`),
        method: method.toUpperCase(),
        pathTemplate,
        regex,
        literalSegments: segments.filter((s) => !/^\{.+\}$/.test(s)).length,
        parameters,
        responses
      })
    }
  }
  operations.sort((a, b) => b.literalSegments - a.literalSegments)
  const match = (method: string, pathname: string) => {
    const path = pathname.replace(/\.json$/, "")
    for (const operation of operations) {
      if (operation.method !== method.toUpperCase()) continue
      const m = operation.regex.exec(path)
      if (m !== null) return { operation, pathParams: { ...m.groups } }
    }
    return undefined
  }
  return { file, document, operations, match }
}
