/**
 * Writes the client module: per operation its descriptor, input, success and error types, and the
 * method; the service class with `layer`, `layerWith` and `make` (Effect 4's `Context.Service`, or
 * Effect 3's `Context.Tag` over `@effect/platform` and `@effect-openapi/runtime-effect3`), and
 * its test double: `layerTest(handlers)` answers each method from a handler typed by the operation's
 * input, success and error union, and fails with `NotImplemented` (a 501 naming the method) where none
 * was given.
 *
 * @module
 */
import { unescapeToken } from "@effect-openapi/json-pointer"
import { errorTagsOf, type ApiModel, type MediaModel, type OperationModel } from "./model.js"
import { propertyKey } from "./names.js"
import { effectTargets, type EffectVersion } from "./target.js"
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

/** The 2xx responses of an operation. */
const successes = (op: OperationModel) => op.responses.filter((r) => r.key.startsWith("2"))

/** The `text/event-stream` contents of an operation's 2xx responses (an `<op>Events` method streams them). */
const eventMedia = (op: OperationModel) =>
  successes(op).flatMap((r) => r.content.filter((m) => m.mediaType.toLowerCase() === "text/event-stream").map((m) => ({ response: r, media: m })))

/** Whether a 2xx response is bytes (`application/octet-stream`, `image/png`, `format: binary`): an `<op>Bytes` method streams it. */
const streamsBytes = (op: OperationModel): boolean =>
  successes(op).some((r) => r.content.some((m) => m.kind === "binary" || (m.schema !== null && typeof m.schema === "object" && (m.schema as { format?: unknown }).format === "binary")))

/** The type of one event's `data`: the declared schema of the event stream. */
const eventType = (op: OperationModel): string =>
  union(eventMedia(op).map(({ response, media }) => (media.schema === undefined ? "unknown" : `${opType(op)}["responses"][${lit(response.rawKey)}]["content"][${lit(media.mediaType)}]`)))

const errorType = (op: OperationModel): string => {
  const byTag = new Map<string, Array<string>>()
  for (const response of op.responses) {
    for (const tag of errorTagsOf(response.key)) byTag.set(tag, [...(byTag.get(tag) ?? []), responseBody(op, response)])
  }
  return [...[...byTag].map(([tag, bodies]) => `R.${tag}<${union(bodies)}>`), "R.CommonError", "NotImplemented"].join(" | ")
}

/** The status a test double answers with: the first declared 2xx, else 200. */
const okStatus = (op: OperationModel): number => {
  const key = op.responses.find((r) => /^2[0-9][0-9]$/.test(r.key))?.key
  return key === undefined ? 200 : Number(key)
}

/** The base URL a test double's streams resolve next links against: the spec's first server when absolute. */
const testBaseUrl = (server: string | undefined): string => {
  try {
    return new URL(server ?? "").href.replace(/\/$/, "")
  } catch {
    return "http://localhost"
  }
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

/** A declared request media type as the type of a choice: `image/*` is any `image/...`. */
const mediaChoice = (mediaType: string): string =>
  mediaType === "*/*" ? "`${string}/${string}`" : /^[A-Za-z0-9!#&^_.+-]+\/\*$/.test(mediaType) ? `\`${mediaType.slice(0, -1)}\${string}\`` : lit(mediaType)

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
    if (op.body.content.length > 1 || op.body.content.some((m) => m.mediaType.endsWith("/*"))) {
      lines.push(`  /** The media type to send, sent as the \`content-type\` (default ${op.body.content[0]!.mediaType.replace(/\*\//g, "*\\/")}). */\n  readonly contentType?: ${union(op.body.content.map((m) => mediaChoice(m.mediaType)))}`)
    }
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
    security: ${JSON.stringify(op.security)}${op.servers.length === 0 ? "" : `,\n    servers: ${JSON.stringify(op.servers)}`}
  }`
}

/** The item type at a pointer of the success body. */
const itemType = (op: OperationModel, pointer: string): string => {
  let type = `${op.typeName}Success`
  for (const raw of pointer.split("/").slice(1)) type = `NonNullable<${type}>[${lit(unescapeToken(raw))}]`
  return `NonNullable<${type}> extends ReadonlyArray<infer Item> ? Item : never`
}

/** Options of the generated client module. */
export interface EmitOptions {
  /** PascalCase service name. */
  readonly className: string
  /** The API name, as given. */
  readonly name: string
  /** The do-not-edit header the module starts with. */
  readonly header: string
  /** The Effect version the client is written for. */
  readonly effect: EffectVersion
}

/** The imports of the client module, by target. */
const imports = (effect: EffectVersion, streams: boolean): string => {
  const { httpClientModule, runtime } = effectTargets[effect]
  const stream = streams ? 'import type * as Stream from "effect/Stream"\n' : ""
  return effect === 3
    ? `import * as HttpClient from "${httpClientModule}"
import * as R from "${runtime}"
import { defaultTransport } from "${runtime}/default-transport"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
${stream}`
    : `import * as R from "${runtime}"
import { defaultTransport } from "${runtime}/default-transport"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as HttpClient from "${httpClientModule}"
import * as Layer from "effect/Layer"
${stream}`
}

/** The service class's declaration: Effect 3's `Context.Tag`, Effect 4's `Context.Service`. */
const serviceClass = (effect: EffectVersion, className: string, key: string): string =>
  effect === 3
    ? `export class ${className} extends Context.Tag(${lit(key)})<${className}, ${className}Api>()`
    : `export class ${className} extends Context.Service<${className}, ${className}Api>()(${lit(key)})`

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
      `/** What \`${op.methodName}\` fails with: its declared error statuses, the errors of any call, and \`NotImplemented\` (only from \`layerTest\`). */`,
      `export type ${op.typeName}Error = ${errorType(op)}`,
      ...(eventMedia(op).length === 0 ? [] : [`/** The \`data\` of one event of the operation's event stream. */`, `export type ${op.typeName}Event = ${eventType(op)}`])
    ].join("\n")
  })
  const signature = (op: OperationModel, result: string) =>
    `(input${inputOptional(op) ? "?" : ""}: ${op.typeName}Input, options?: R.CallOptions) => ${result}`
  const methodDocs = (op: OperationModel) => doc([op.summary, `\`${op.method.toUpperCase()} ${op.path}\` (${op.id}).`, op.deprecated ? "@deprecated" : undefined], "  ")
  const paged = ops.filter((op) => op.pagination !== undefined)
  const evented = ops.filter((op) => eventMedia(op).length > 0)
  const bytes = ops.filter(streamsBytes)
  // `<op>Events` and `<op>Bytes`, numbered when an operation's method already has the name (`issuesList`, `issuesListEvents`).
  const taken = new Set([...ops.map((op) => op.methodName), ...paged.map((op) => `${op.methodName}Stream`), "withResponse"])
  const variantName = (op: OperationModel, suffix: string): string => {
    let name = `${op.methodName}${suffix}`
    for (let n = 2; taken.has(name); n++) name = `${op.methodName}${suffix}${n}`
    taken.add(name)
    return name
  }
  const eventsName = new Map(evented.map((op) => [op.id, variantName(op, "Events")]))
  const bytesName = new Map(bytes.map((op) => [op.id, variantName(op, "Bytes")]))
  const apiMembers = [
    ...ops.map((op) => `${methodDocs(op)}  readonly ${propertyKey(op.methodName)}: ${signature(op, `Effect.Effect<${op.typeName}Success, ${op.typeName}Error>`)}`),
    ...paged.map((op) =>
      `${doc([`Every item of \`${op.methodName}\`, page after page (${op.pagination!.style} pagination), with bounded read-ahead.`], "  ")}  readonly ${op.methodName}Stream: (input${inputOptional(op) ? "?" : ""}: ${op.typeName}Input, options?: R.CallOptions & R.StreamOptions) => Stream.Stream<${op.typeName}Item, ${op.typeName}Error | R.PaginationError>`
    ),
    ...evented.map((op) =>
      `${doc([`The events of \`${op.methodName}\` as they arrive, each \`data\` decoded by the declared schema; a dropped connection is reopened with \`Last-Event-ID\` after the server's \`retry\`.`], "  ")}  readonly ${eventsName.get(op.id)}: (input${inputOptional(op) ? "?" : ""}: ${op.typeName}Input, options?: R.CallOptions & R.EventStreamOptions) => Stream.Stream<R.ServerSentEvent<${op.typeName}Event>, ${op.typeName}Error>`
    ),
    ...bytes.map((op) =>
      `${doc([`The body of \`${op.methodName}\` as it arrives, chunk by chunk, backpressured and never held whole (\`maxResponseBytes\` does not apply to it).`], "  ")}  readonly ${bytesName.get(op.id)}: (input${inputOptional(op) ? "?" : ""}: ${op.typeName}Input, options?: R.CallOptions) => Stream.Stream<Uint8Array, ${op.typeName}Error>`
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
    `    ${op.methodName}Stream: (input, options) => R.paginate(${lit(op.id)}, ${JSON.stringify(op.pagination)}, options?.baseUrl ?? options_.baseUrl, (i, url) => run(operationSpecs.${op.methodName}, i, options, url), input ?? {}, options) as never`
  )
  const eventStreams = evented.map((op) =>
    `    ${eventsName.get(op.id)}: (input, options) => R.eventStream({ operation: ${lit(op.id)}, validate: R.eventValidator(operationSpecs.${op.methodName}), responses: R.policyOf(options_.validation, options?.validation).responses, open: (lastEventId) => run.open(operationSpecs.${op.methodName}, input, { ...options, headers: { accept: "text/event-stream", ...options?.headers, ...(lastEventId === undefined ? {} : { "last-event-id": lastEventId }) } }) }, options) as never`
  )
  const byteStreams = bytes.map((op) => `    ${bytesName.get(op.id)}: (input, options) => R.bytesOf(run.open(operationSpecs.${op.methodName}, input, options)) as never`)
  const testEvents = evented.map((op) => `    ${eventsName.get(op.id)}: (input) => R.eventsOfAnswer(${lit(op.id)}, methods.${op.methodName}(input as never), R.eventValidator(operationSpecs.${op.methodName})) as never`)
  const testBytes = bytes.map((op) => `    ${bytesName.get(op.id)}: (input) => R.bytesOfAnswer(methods.${op.methodName}(input as never)) as never`)
  const handlers = ops.map((op) =>
    `${doc([`\`${op.methodName}\` (${op.method.toUpperCase()} ${op.path}): gets its input (\`{}\` when the caller gave none), succeeds with its success type or fails with one of its errors.`], "  ")}  readonly ${propertyKey(op.methodName)}?: (input: ${op.typeName}Input) => Effect.Effect<${op.typeName}Success, ${op.typeName}Error>`
  )
  const testMethods = ops.map((op) => `    ${propertyKey(op.methodName)}: handled(${lit(op.methodName)}, handlers.${op.methodName})`)
  const testBase = testBaseUrl(api.defaultServer)
  const styles = new Set(paged.map((op) => op.pagination!.style))
  const testStreams = paged.map((op) => {
    // A next link's query becomes the next page's input: the handler sees the link's parameters, as strings.
    const page = op.pagination!.style === "next-link"
      ? "(i, url) => received(methods.NAME((url === undefined ? i : { ...i, query: Object.fromEntries(new URL(url).searchParams) }) as never)"
      : "(i) => received(methods.NAME(i as never)"
    return `    ${op.methodName}Stream: (input, options) => R.paginate(${lit(op.id)}, ${JSON.stringify(op.pagination)}, ${lit(testBase)}, ${page.replace("NAME", op.methodName)}, ${okStatus(op)}), input ?? {}, options) as never`
  })
  const testRaw = ops.map((op) => `      ${propertyKey(op.methodName)}: (input) => received(methods.${op.methodName}(input), ${okStatus(op)})`)
  const httpClient = options.effect === 3 ? "the @effect/platform `HttpClient`" : "the `HttpClient`"
  return `${options.header}${imports(options.effect, paged.length + evented.length + bytes.length > 0)}import type { paths } from "./types.js"
import * as V from "./validators.js"

/** The operations of the spec by type name, as \`paths\` declares them: parameters, request body and responses. */
export type Operations = {
${ops.map((op) => `${doc([`\`${op.method.toUpperCase()} ${op.path}\` (${op.id}).`], "  ")}  ${lit(op.typeName)}: NonNullable<paths[${lit(op.path)}][${lit(op.method)}]>`).join("\n")}
}

/**
 * What \`${className}.layerTest\` fails with for a method it was given no handler for: a 501 from the test
 * double, \`operation\` naming the method (the handler to add). A client that calls the API never fails with it.
 */
export class NotImplemented extends Data.TaggedError("NotImplemented")<R.ResponseFields<undefined>> {
  /** The method and what is missing, e.g. \`getPet: NotImplemented (501): layerTest was given no handler for it\`. */
  override get message(): string {
    return \`\${this.operation}: NotImplemented (501): layerTest was given no handler for it\`
  }
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

/** The API's name (spans and metrics start with it), the security schemes of the spec, and the header it declares for request ids. */
export const apiDescription: R.ApiDescription = {
  name: ${lit(className)},
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
${[...implementations, ...streams, ...eventStreams, ...byteStreams].map((l) => `  ${l},\n`).join("")}        withResponse: {
${raw.map((l) => `  ${l}`).join(",\n")}
        }
      }
    },
    catch: (error) => (error instanceof R.InvalidInput ? error : new R.InvalidInput({ operation: "layer", pointer: "", message: String(error) }))
  })

/** Builds the client over ${httpClient} of the context. */
export const make = (options: ${className}Options): Effect.Effect<${className}Api, R.InvalidInput, HttpClient.HttpClient> =>
  Effect.flatMap(HttpClient.HttpClient, (client) => makeWith(R.fromHttpClient(client), options))

/** Handlers for \`${className}.layerTest\`, by method, each typed by its operation; a method left out fails with \`NotImplemented\`. */
export interface ${className}Handlers {
${handlers.join("\n")}
}

/** A method of the test double: runs its handler when called (input \`{}\` when none was given), or fails with \`NotImplemented\`. */
const handled = <I, A, E>(method: string, handler: ((input: I) => Effect.Effect<A, E>) | undefined) =>
  (input?: I): Effect.Effect<A, E | NotImplemented> =>
    handler === undefined
      ? Effect.fail(new NotImplemented({ operation: method, status: 501, body: undefined, headers: {}, requestId: undefined, retryAfter: undefined }))
      : Effect.suspend(() => handler((input ?? {}) as I))

/** A handler's answer as a whole response: the first 2xx the operation declares, no headers. */
const received = <A, E>(effect: Effect.Effect<A, E>, status: number): Effect.Effect<R.Received<A>, E> =>
  Effect.map(effect, (body) => ({ body, status, headers: {}, requestId: undefined }))

${doc([
  "The client as a test double: each method runs its handler; `withResponse` wraps the handler's answer (the",
  `first declared 2xx status, no headers)${paged.length === 0 ? "." : "; each stream pages through the handler with the runtime's"}`,
  paged.length === 0 ? undefined : "`paginate`, as the client does.",
  styles.has("next-link") ? "A next link's query parameters (strings) become the next page's input `query`." : undefined,
  styles.has("link-header") ? "A `Link`-header stream reads one page: a handler answers with a body, not headers." : undefined,
  "A method without a handler fails with `NotImplemented`."
])}export const makeTest = (handlers: ${className}Handlers): ${className}Api => {
  const methods = {
${testMethods.join(",\n")}
  }
  return {
    ...methods,
${[...testStreams, ...testEvents, ...testBytes].map((l) => `${l},\n`).join("")}    withResponse: {
${testRaw.join(",\n")}
    }
  }
}

/** ${options.name}: the generated client as a service. */
${serviceClass(options.effect, className, `effect-openapi/${options.name}`)} {
  /** Builds the client over the \`HttpClient\` of the context. */
  static readonly make = make
  /** The client over the platform's transport (keep-alive \`node:http\` on Node, \`fetch\` elsewhere): no requirements. */
  static layer(options: ${className}Options): Layer.Layer<${className}, R.InvalidInput> {
    return Layer.effect(${className}, Effect.flatMap(defaultTransport, (transport) => makeWith(transport, options)))
  }
  /** The client over ${httpClient} of the context (fetch, undici, a test client). */
  static layerWith(options: ${className}Options): Layer.Layer<${className}, R.InvalidInput, HttpClient.HttpClient> {
    return Layer.effect(${className}, make(options))
  }
  /**
   * A test double for code that uses the client: each method answers from its handler in \`handlers\`, typed by
   * the operation's input, success and error union; a method without one fails with \`NotImplemented\`. See \`makeTest\`.
   */
  static layerTest(handlers: ${className}Handlers): Layer.Layer<${className}> {
    return Layer.succeed(${className}, makeTest(handlers))
  }
}
`
}
