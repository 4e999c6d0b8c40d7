/**
 * The operations of a spec as the generator sees them: parameters merged from the path item,
 * `$ref`s of parameters, bodies and responses resolved, schemas left to the validators.
 *
 * @module
 */
import { kindOf, tagOfStatus, type BodyKind, type PaginationSpec, type SecurityScheme, type ServerSpec } from "@effect-openapi/runtime"
import { resolveLocal, type OpenApiDocument } from "./load.js"
import { lowerCamelCase, pascalCase } from "./names.js"

/** A media type of a body or response, with its schema (when it has one). */
export interface MediaModel {
  readonly mediaType: string
  readonly kind: BodyKind
  readonly schema: unknown
}

/** A parameter, resolved. */
export interface ParameterModel {
  readonly name: string
  readonly in: "path" | "query" | "header" | "cookie"
  readonly required: boolean
  readonly style: string | undefined
  readonly explode: boolean | undefined
  readonly json: boolean
  readonly schema: unknown
}

/** A declared response. */
export interface ResponseModel {
  /** `200`, `4XX`, `default`. */
  readonly key: string
  /** The key as the spec writes it (the generated types index by it). */
  readonly rawKey: string
  readonly content: ReadonlyArray<MediaModel>
}

/** An operation, resolved. */
export interface OperationModel {
  readonly id: string
  readonly method: "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
  readonly path: string
  /** The generated method's name. */
  readonly methodName: string
  /** The prefix of its generated types. */
  readonly typeName: string
  readonly summary: string | undefined
  readonly deprecated: boolean
  readonly parameters: ReadonlyArray<ParameterModel>
  readonly body: { readonly required: boolean; readonly content: ReadonlyArray<MediaModel> } | undefined
  readonly responses: ReadonlyArray<ResponseModel>
  readonly security: ReadonlyArray<ReadonlyArray<string>>
  readonly pagination: PaginationSpec | undefined
  /** The operation's own `servers`, else its path item's (empty: the document's). */
  readonly servers: ReadonlyArray<ServerSpec>
}

/** The API: its operations, security schemes, and the response header that carries a request id. */
export interface ApiModel {
  readonly operations: ReadonlyArray<OperationModel>
  readonly securitySchemes: Readonly<Record<string, SecurityScheme>>
  readonly requestIdHeader: string | undefined
  readonly defaultServer: string | undefined
}

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const

type Raw = Record<string, unknown>

const mediaOf = (doc: OpenApiDocument, content: unknown): Array<MediaModel> =>
  Object.entries((content ?? {}) as Record<string, Raw>).map(([mediaType, media]) => ({ mediaType, kind: kindOf(mediaType), schema: resolveLocal<Raw>(doc, media)?.schema }))

const parameterOf = (doc: OpenApiDocument, raw: unknown): ParameterModel | undefined => {
  const p = resolveLocal<Raw>(doc, raw)
  if (p === undefined || typeof p.name !== "string" || typeof p.in !== "string") return undefined
  const content = p.content as Record<string, Raw> | undefined
  const first = content === undefined ? undefined : Object.values(content)[0]
  return {
    name: p.name,
    in: p.in as ParameterModel["in"],
    required: p.in === "path" || p.required === true,
    style: typeof p.style === "string" ? p.style : undefined,
    explode: typeof p.explode === "boolean" ? p.explode : undefined,
    json: content !== undefined,
    schema: content === undefined ? p.schema : first?.schema
  }
}

/** Headers a client sets itself; a parameter of that name is ignored, as OpenAPI says. */
const reservedHeaders = new Set(["accept", "content-type", "authorization"])

const schemeOf = (raw: Raw): SecurityScheme | undefined => {
  if (raw.type === "http" && typeof raw.scheme === "string") return { type: "http", scheme: raw.scheme }
  if (raw.type === "apiKey" && typeof raw.name === "string" && (raw.in === "header" || raw.in === "query" || raw.in === "cookie")) return { type: "apiKey", in: raw.in, name: raw.name }
  if (raw.type === "oauth2" || raw.type === "openIdConnect") return { type: raw.type }
  return undefined
}

const findRequestIdHeader = (doc: OpenApiDocument): string | undefined => {
  const text = JSON.stringify(doc.paths ?? {}) + JSON.stringify(doc.components?.headers ?? {}) + JSON.stringify(doc.components?.responses ?? {})
  return /"headers":\{[^]*?"([A-Za-z0-9-]*request-id)"/i.exec(text)?.[1] ?? Object.keys(doc.components?.headers ?? {}).find((h) => /request-id$/i.test(h))
}

/** The servers a path item or operation declares, as the runtime takes them (those without a URL left out). */
const serversOf = (raw: unknown): Array<ServerSpec> =>
  (Array.isArray(raw) ? raw : []).flatMap((server: unknown): Array<ServerSpec> => {
    if (server === null || typeof server !== "object" || typeof (server as Raw).url !== "string") return []
    const variables: Record<string, { default: string; enum?: Array<string> }> = {}
    for (const [name, variable] of Object.entries(((server as Raw).variables ?? {}) as Record<string, Raw>)) {
      if (variable === null || typeof variable !== "object") continue
      const values = Array.isArray(variable.enum) ? variable.enum.map(String) : undefined
      variables[name] = { default: String(variable.default ?? values?.[0] ?? ""), ...(values === undefined ? {} : { enum: values }) }
    }
    return [{ url: (server as Raw).url as string, ...(Object.keys(variables).length === 0 ? {} : { variables }) }]
  })

/** Builds the model of a spec (already checked for structural errors). */
export const apiModel = (doc: OpenApiDocument): ApiModel => {
  const globalSecurity = (doc.security ?? []) as Array<Record<string, unknown>>
  const operations: Array<OperationModel> = []
  const usedNames = new Set<string>()
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = resolveLocal<Raw>(doc, rawItem) ?? {}
    const shared = ((item.parameters ?? []) as Array<unknown>).map((p) => parameterOf(doc, p)).filter((p) => p !== undefined)
    for (const method of methods) {
      const op = item[method] as Raw | undefined
      if (op === undefined) continue
      const own = ((op.parameters ?? []) as Array<unknown>).map((p) => parameterOf(doc, p)).filter((p) => p !== undefined)
      const parameters = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own]
        .filter((p) => !(p.in === "header" && reservedHeaders.has(p.name.toLowerCase())))
      const id = typeof op.operationId === "string" ? op.operationId : `${method} ${path}`
      // Two operationIds can meet in one name (`get-pets`, `getPets`): the later one gets a number.
      let methodName = lowerCamelCase(id)
      for (let n = 2; usedNames.has(methodName); n++) methodName = `${lowerCamelCase(id)}${n}`
      usedNames.add(methodName)
      const rawBody = resolveLocal<Raw>(doc, op.requestBody)
      const responses = Object.entries((op.responses ?? {}) as Record<string, unknown>).map(([key, raw]) => ({
        key: /^[1-5]xx$/i.test(key) ? key.toUpperCase() : key,
        rawKey: key,
        content: mediaOf(doc, resolveLocal<Raw>(doc, raw)?.content)
      }))
      const security = ((op.security ?? globalSecurity) as Array<Record<string, unknown>>).map((alternative) => Object.keys(alternative))
      operations.push({
        id,
        method,
        path,
        methodName,
        typeName: pascalCase(methodName),
        summary: typeof op.summary === "string" ? op.summary : typeof op.description === "string" ? op.description.split("\n")[0] : undefined,
        deprecated: op.deprecated === true,
        parameters,
        body: rawBody === undefined ? undefined : { required: rawBody.required === true, content: mediaOf(doc, rawBody.content) },
        responses,
        security,
        pagination: op["x-pagination"] as PaginationSpec | undefined,
        servers: serversOf(op.servers).length > 0 ? serversOf(op.servers) : serversOf(item.servers)
      })
    }
  }
  const securitySchemes: Record<string, SecurityScheme> = {}
  for (const [name, raw] of Object.entries(doc.components?.securitySchemes ?? {})) {
    const scheme = schemeOf(resolveLocal<Raw>(doc, raw) ?? {})
    if (scheme !== undefined) securitySchemes[name] = scheme
  }
  const servers = (doc.servers ?? []) as Array<{ url?: string; variables?: Record<string, { default?: string }> }>
  const server = servers[0]
  const defaultServer = server?.url?.replace(/\{([^}]+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? name)
  return { operations, securitySchemes, requestIdHeader: findRequestIdHeader(doc), defaultServer }
}

/**
 * The error class of a declared response key (`404` → `NotFound`, `5XX` → `ServerError`, `304` →
 * `NotModified`, another 3xx → `Redirected`), or undefined for success and `default`. `3XX` is both
 * `NotModified` and `Redirected`: see `errorTagsOf`.
 */
export const errorTagOf = (key: string): string | undefined => {
  if (key === "default" || key.startsWith("2") || key.startsWith("1")) return undefined
  if (key.startsWith("3")) return key === "304" ? "NotModified" : "Redirected"
  if (/^[45]XX$/.test(key)) return key.startsWith("5") ? "ServerError" : "ClientError"
  return tagOfStatus(Number(key))
}

/** The error classes a declared response key can fail with (`3XX`: `NotModified` and `Redirected`). */
export const errorTagsOf = (key: string): ReadonlyArray<string> => {
  if (key === "3XX") return ["NotModified", "Redirected"]
  const tag = errorTagOf(key)
  return tag === undefined ? [] : [tag]
}
