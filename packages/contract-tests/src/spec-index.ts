import { InputError } from "./input-error.js"
import { at, escapeToken } from "./pointer.js"
import { readSpec } from "./spec-source.js"

export { at } from "./pointer.js"

/** An OpenAPI document as plain JSON. */
export type Doc = Record<string, unknown>
type Obj = Record<string, unknown>

/** A parameter of an operation, resolved. */
export interface ParameterSpec {
  /** The parameter's name. */
  readonly name: string
  /** Where it is sent. */
  readonly in: "path" | "query" | "header" | "cookie"
  /** Whether the spec requires it. */
  readonly required: boolean
  /** Where its schema is in the document (a JSON pointer), for the validator. */
  readonly schemaPointer: string
}

/** A documented response: its media types (with schema pointers) and headers. */
export interface ResponseSpec {
  /** Where the response is in the document (a JSON pointer). */
  readonly pointer: string
  /** Its media types, each with the pointer of its schema. */
  readonly content: ReadonlyMap<string, string>
  /** Its headers, by lower-case name. */
  readonly headers: ReadonlyMap<string, {
    /** Whether the spec requires the header. */
    readonly required: boolean
    /** Where its schema is, when it has one. */
    readonly schemaPointer: string | undefined
  }>
}

/** One operation of the spec. */
export interface OperationSpec {
  /** The operationId (or `METHOD /path` when it has none). */
  readonly operationId: string
  /** The HTTP method, in upper case. */
  readonly method: string
  /** The path template, e.g. `/api/v2/deleted_users/{deleted_user_id}`. */
  readonly pathTemplate: string
  /** Matches a request path; its groups are the path parameters. */
  readonly regex: RegExp
  /** How many segments of the template are literal (more wins a tie between matches). */
  readonly literalSegments: number
  /** Its parameters, the path item's included. */
  readonly parameters: ReadonlyArray<ParameterSpec>
  /** Its documented responses, by status (`200`, `4XX`, `default`). */
  readonly responses: ReadonlyMap<string, ResponseSpec>
}

/** A spec indexed for matching recorded traffic to operations. */
export interface SpecIndex {
  /** The spec's file. */
  readonly file: string
  /** The parsed document. */
  readonly document: Doc
  /** Every operation of the spec. */
  readonly operations: ReadonlyArray<OperationSpec>
  /** The operation a request is for: literal segments win over templated ones (`/count` over `/{id}`). */
  readonly match: (method: string, pathname: string) => {
    /** The operation matched. */
    readonly operation: OperationSpec
    /** The path parameters, by name, as they appear in the path. */
    readonly pathParams: Record<string, string>
  } | undefined
}

/** Follows `$ref`s (local ones) until a real node: returns it with its pointer. */
export const deref = (doc: Doc, pointer: string): {
  /** The node reached. */
  node: Obj
  /** Its pointer, after every `$ref`. */
  pointer: string
} => {
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
    const pathPointer = `#/paths/${escapeToken(pathTemplate)}`
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
        const { node, pointer } = deref(document, `${opPointer}/responses/${escapeToken(status)}`)
        const content = new Map(Object.keys((node.content ?? {}) as Obj).map((mt) => [mt, `${pointer}/content/${escapeToken(mt)}/schema`]))
        const headers = new Map(
          Object.keys((node.headers ?? {}) as Obj).map((name) => {
            const header = deref(document, `${pointer}/headers/${escapeToken(name)}`)
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
