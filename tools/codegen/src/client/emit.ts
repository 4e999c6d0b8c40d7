/**
 * Writes the client module: per operation its descriptor, input, success and error types, and the
 * method; the service class with `layer`, `layerWith` and `make`.
 *
 * @module
 */
import { errorTagOf, type ApiModel, type MediaModel, type OperationModel } from "./model.js"
import { propertyKey } from "./names.js"
import type { ValidatorsOutput } from "./validators.js"

const lit = (value: string) => JSON.stringify(value)

const doc = (lines: ReadonlyArray<string | undefined>, indent = ""): string => {
  const text = lines.filter((l): l is string => l !== undefined && l !== "").map((l) => l.replace(/\*\//g, "*\\/"))
  return text.length === 0 ? "" : `${indent}/**\n${text.map((l) => `${indent} * ${l}`).join("\n")}\n${indent} */\n`
}

const opType = (op: OperationModel) => `Operations[${lit(op.typeName)}]`

/** The TypeScript type of one media type's content. */
const mediaType = (op: OperationModel, base: string, media: MediaModel, request: boolean): string => {
  const indexed = `${base}["content"][${lit(media.mediaType)}]`
  switch (media.kind) {
    case "json":
      return media.schema === undefined ? "unknown" : indexed
    case "form":
      return request ? `${media.schema === undefined ? "Readonly<Record<string, unknown>>" : indexed} | URLSearchParams` : "string"
    case "multipart":
      return request ? `${media.schema === undefined ? "Readonly<Record<string, unknown>>" : indexed} | FormData` : "string"
    case "text":
      return "string"
    case "binary":
      return request ? "Uint8Array | Blob | string" : "Uint8Array"
  }
  return "unknown"
}

const union = (types: ReadonlyArray<string>): string => {
  const distinct = [...new Set(types)]
  return distinct.length === 0 ? "never" : distinct.join(" | ")
}

const responseBody = (op: OperationModel, response: OperationModel["responses"][number]): string =>
  response.content.length === 0
    ? "void"
    : union(response.content.map((m) => mediaType(op, `${opType(op)}["responses"][${lit(response.rawKey)}]`, m, false)))

const successType = (op: OperationModel): string => {
  const ok = op.responses.filter((r) => r.key.startsWith("2"))
  const chosen = ok.length > 0 ? ok : op.responses.filter((r) => r.key === "default")
  return chosen.length === 0 ? "void" : union(chosen.map((r) => responseBody(op, r)))
}

const errorType = (op: OperationModel): string => {
  const byTag = new Map<string, Array<string>>()
  for (const response of op.responses) {
    const tag = errorTagOf(response.key)
    if (tag !== undefined) byTag.set(tag, [...(byTag.get(tag) ?? []), responseBody(op, response)])
  }
  return [...[...byTag].map(([tag, bodies]) => `R.${tag}<${union(bodies)}>`), "R.CommonError"].join(" | ")
}

const hasRequired = (op: OperationModel, where: string) => op.parameters.some((p) => p.in === where && p.required)

/** Whether the input argument may be left out. */
const inputOptional = (op: OperationModel) => !op.parameters.some((p) => p.required) && op.body?.required !== true

const groupDocs: Readonly<Record<string, string>> = {
  path: "The path parameters.",
  query: "The query parameters.",
  headers: "The header parameters.",
  cookies: "The cookie parameters."
}

const inputType = (op: OperationModel): string => {
  const lines: Array<string> = []
  const group = (key: string, where: string, tsKey: string) => {
    if (!op.parameters.some((p) => p.in === where)) return
    lines.push(`  /** ${groupDocs[key]} */\n  readonly ${key}${hasRequired(op, where) ? "" : "?"}: NonNullable<${opType(op)}["parameters"][${lit(tsKey)}]>`)
  }
  group("path", "path", "path")
  group("query", "query", "query")
  group("headers", "header", "header")
  group("cookies", "cookie", "cookie")
  if (op.body !== undefined && op.body.content.length > 0) {
    const base = `NonNullable<${opType(op)}["requestBody"]>`
    lines.push(`  /** The request body. */\n  readonly body${op.body.required ? "" : "?"}: ${union(op.body.content.map((m) => mediaType(op, base, m, true)))}`)
    if (op.body.content.length > 1) lines.push(`  /** The media type to send (default ${op.body.content[0]!.mediaType}). */\n  readonly contentType?: ${union(op.body.content.map((m) => lit(m.mediaType)))}`)
  }
  return lines.length === 0 ? "{}" : `{\n${lines.join("\n")}\n}`
}

const mediaSpec = (media: MediaModel, validator: string | undefined) =>
  `{ mediaType: ${lit(media.mediaType)}, kind: ${lit(media.kind)}${validator === undefined ? "" : `, validate: V.${validator}`} }`

const descriptor = (op: OperationModel, validators: ValidatorsOutput): string => {
  const v = validators.byOperation.get(op.id)!
  const parameters = op.parameters.map((p) =>
    `{ name: ${lit(p.name)}, in: ${lit(p.in)}${p.style === undefined ? "" : `, style: ${lit(p.style)}`}${p.explode === undefined ? "" : `, explode: ${p.explode}`}${p.json ? ", json: true" : ""} }`
  )
  const body = op.body === undefined || op.body.content.length === 0
    ? ""
    : `,\n    body: { required: ${op.body.required}, content: [${op.body.content.map((m) => mediaSpec(m, v.body[m.mediaType])).join(", ")}] }`
  const responses = op.responses.map((r) => `${lit(r.key)}: { content: [${r.content.map((m) => mediaSpec(m, v.responses[r.key]?.[m.mediaType])).join(", ")}] }`)
  return `  ${propertyKey(op.methodName)}: {
    id: ${lit(op.id)},
    method: ${lit(op.method)},
    path: ${lit(op.path)},
    parameters: [${parameters.join(", ")}]${v.parameters === undefined ? "" : `,\n    validateParameters: V.${v.parameters}`}${body},
    responses: { ${responses.join(", ")} },
    security: ${JSON.stringify(op.security)}
  }`
}

/** The item type at a pointer of the success body. */
const itemType = (op: OperationModel, pointer: string): string => {
  let type = `${op.typeName}Success`
  for (const raw of pointer.split("/").slice(1)) type = `NonNullable<${type}>[${lit(raw.replace(/~1/g, "/").replace(/~0/g, "~"))}]`
  return `NonNullable<${type}> extends ReadonlyArray<infer Item> ? Item : never`
}

/** Options of the generated client module. */
export interface EmitOptions {
  /** PascalCase service name. */
  readonly className: string
  /** The API name, as given. */
  readonly name: string
  readonly header: string
}

/** Renders the client module (`client.ts`). */
export const emitClient = (api: ApiModel, validators: ValidatorsOutput, options: EmitOptions): string => {
  const { className } = options
  const ops = api.operations
  const authKeys = Object.entries(api.securitySchemes).map(([name, scheme]) => {
    const what = scheme.type === "apiKey"
      ? `API key, sent in the ${scheme.in} \`${scheme.name}\``
      : scheme.type === "http" && scheme.scheme.toLowerCase() === "basic"
        ? "HTTP basic: `{ username, password }`"
        : scheme.type === "http" ? `HTTP ${scheme.scheme} token` : `${scheme.type} access token (sent as a bearer token)`
    const type = scheme.type === "http" && scheme.scheme.toLowerCase() === "basic"
      ? "{\n    /** The user name. */\n    readonly username: string\n    /** The password, held \`Redacted\`. */\n    readonly password: R.Secret\n  } | R.Secret"
      : "R.Secret"
    return `${doc([`\`${name}\`: ${what}.`], "  ")}  readonly ${propertyKey(name)}?: ${type}`
  })
  const perOperation = ops.map((op) => {
    const input = inputType(op)
    return [
      `/** The argument of \`${op.methodName}\` (${op.method.toUpperCase()} ${op.path}). */`,
      `export type ${op.typeName}Input = ${input}`,
      `/** What \`${op.methodName}\` succeeds with. */`,
      `export type ${op.typeName}Success = ${successType(op)}`,
      `/** What \`${op.methodName}\` fails with: its declared error statuses, and the errors of any call. */`,
      `export type ${op.typeName}Error = ${errorType(op)}`
    ].join("\n")
  })
  const signature = (op: OperationModel, result: string) =>
    `(input${inputOptional(op) ? "?" : ""}: ${op.typeName}Input, options?: R.CallOptions) => ${result}`
  const methodDocs = (op: OperationModel) => doc([op.summary, `\`${op.method.toUpperCase()} ${op.path}\` (${op.id}).`, op.deprecated ? "@deprecated" : undefined], "  ")
  const paged = ops.filter((op) => op.pagination !== undefined)
  const apiMembers = [
    ...ops.map((op) => `${methodDocs(op)}  readonly ${propertyKey(op.methodName)}: ${signature(op, `Effect.Effect<${op.typeName}Success, ${op.typeName}Error>`)}`),
    ...paged.map((op) =>
      `${doc([`Every item of \`${op.methodName}\`, page after page (${op.pagination!.style} pagination), with bounded read-ahead.`], "  ")}  readonly ${op.methodName}Stream: (input${inputOptional(op) ? "?" : ""}: ${op.typeName}Input, options?: R.CallOptions & R.StreamOptions) => Stream.Stream<${op.typeName}Item, ${op.typeName}Error | R.PaginationError>`
    ),
    `  /** The same operations, succeeding with the whole response: body, status, headers and request id. */
  readonly withResponse: {
${ops.map((op) => `${doc([`\`${op.methodName}\`, succeeding with the whole response.`], "    ")}    readonly ${propertyKey(op.methodName)}: ${signature(op, `Effect.Effect<R.Received<${op.typeName}Success>, ${op.typeName}Error>`)}`).join("\n")}
  }`
  ]
  const items = paged.map((op) => `/** One item of \`${op.methodName}Stream\`. */\nexport type ${op.typeName}Item = ${itemType(op, op.pagination!.items)}`)
  const implementations = ops.map((op) =>
    `    ${propertyKey(op.methodName)}: (input, options) => Effect.map(run(operationSpecs.${op.methodName}, input, options), (r) => r.body) as never`
  )
  const raw = ops.map((op) => `      ${propertyKey(op.methodName)}: (input, options) => run(operationSpecs.${op.methodName}, input, options) as never`)
  const streams = paged.map((op) =>
    `    ${op.methodName}Stream: (input, options) => R.paginate(${lit(op.id)}, ${JSON.stringify(op.pagination)}, options_.baseUrl, (i, url) => run(operationSpecs.${op.methodName}, i, options, url), input ?? {}, options) as never`
  )
  return `${options.header}import * as HttpClient from "@effect/platform/HttpClient"
import * as R from "@deleted-users/openapi-runtime"
import { nodeTransport } from "@deleted-users/openapi-runtime/node"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
${paged.length > 0 ? 'import type * as Stream from "effect/Stream"\n' : ""}import type { paths } from "./types.js"
import * as V from "./validators.js"

/** The operations of the spec by type name, as \`paths\` declares them: parameters, request body and responses. */
export type Operations = {
${ops.map((op) => `${doc([`\`${op.method.toUpperCase()} ${op.path}\` (${op.id}).`], "  ")}  ${lit(op.typeName)}: NonNullable<paths[${lit(op.path)}][${lit(op.method)}]>`).join("\n")}
}

${perOperation.join("\n\n")}
${items.length > 0 ? `\n${items.join("\n\n")}\n` : ""}
/** Credentials by security scheme of the spec; every secret is held \`Redacted\`. */
export type ${className}Auth = {
${authKeys.join("\n")}
}

/** Where the API is and how to call it. */
export interface ${className}Options extends Omit<R.ClientOptions, "auth"> {
  /** Credentials by security scheme; each call sends those of the first security requirement of its operation that they satisfy. */
  readonly auth?: ${className}Auth
}

/** The operations of the spec, described for the runtime. */
export const operationSpecs: Readonly<Record<${union(ops.map((op) => lit(op.methodName)))}, R.OperationSpec>> = {
${ops.map((op) => descriptor(op, validators)).join(",\n")}
}

/** The security schemes of the spec, and the header it declares for request ids. */
export const apiDescription: R.ApiDescription = {
  securitySchemes: ${JSON.stringify(api.securitySchemes)},
  requestIdHeader: ${api.requestIdHeader === undefined ? "undefined" : lit(api.requestIdHeader)}
}
${api.defaultServer === undefined ? "" : `\n/** The first server of the spec, its variables at their defaults. */\nexport const defaultBaseUrl = ${lit(api.defaultServer)}\n`}
/** One method per operation of the spec. */
export interface ${className}Api {
${apiMembers.join("\n")}
}

/** Builds the client over any transport; fails with \`InvalidInput\` for a bad \`baseUrl\`. */
export const makeWith = (transport: R.Transport, options_: ${className}Options): Effect.Effect<${className}Api, R.InvalidInput> =>
  Effect.try({
    try: (): ${className}Api => {
      const run = R.makeExecutor(transport, options_, apiDescription)
      return {
${[...implementations, ...streams].map((l) => `  ${l},\n`).join("")}        withResponse: {
${raw.map((l) => `  ${l}`).join(",\n")}
        }
      }
    },
    catch: (error) => (error instanceof R.InvalidInput ? error : new R.InvalidInput({ operation: "layer", pointer: "", message: String(error) }))
  })

/** Builds the client over the @effect/platform \`HttpClient\` of the context. */
export const make = (options: ${className}Options): Effect.Effect<${className}Api, R.InvalidInput, HttpClient.HttpClient> =>
  Effect.flatMap(HttpClient.HttpClient, (client) => makeWith(R.fromHttpClient(client), options))

/** ${options.name}: the generated client as a service. */
export class ${className} extends Context.Tag(${lit(`effect-openapi/${options.name}`)})<${className}, ${className}Api>() {
  /** Builds the client over the \`HttpClient\` of the context. */
  static readonly make = make
  /** The client over the default transport (keep-alive \`node:http\`): no requirements. */
  static layer(options: ${className}Options): Layer.Layer<${className}, R.InvalidInput> {
    return Layer.effect(${className}, makeWith(nodeTransport(), options))
  }
  /** The client over the @effect/platform \`HttpClient\` of the context (fetch, undici, a test client). */
  static layerWith(options: ${className}Options): Layer.Layer<${className}, R.InvalidInput, HttpClient.HttpClient> {
    return Layer.effect(${className}, make(options))
  }
}
`
}
