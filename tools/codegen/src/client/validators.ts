/**
 * Validators compiled at generation time: ajv (draft 2020-12, formats) compiles every schema a
 * client checks (parameters, request bodies, response bodies), and its standalone code is written
 * as a module, so the client never compiles a schema (nor loads ajv) at run time.
 *
 * @module
 */
import { Ajv2020 } from "ajv/dist/2020.js"
import standaloneCodeModule from "ajv/dist/standalone/index.js"
import addFormatsModule from "ajv-formats"
import { _ } from "ajv"
import { isOpenApi30, resolveLocal, type OpenApiDocument } from "./load.js"
import { forDirection, marksDirection, rebaseRefs, toJsonSchema, type Direction } from "./json-schema.js"
import type { ApiModel, MediaModel, OperationModel } from "./model.js"

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default
const standaloneCode = standaloneCodeModule as unknown as typeof standaloneCodeModule.default

/** The names of an operation's validators in the generated module. */
export interface OperationValidators {
  readonly parameters: string | undefined
  /** By media type. */
  readonly body: Readonly<Record<string, string>>
  /** By response key, then media type. */
  readonly responses: Readonly<Record<string, Readonly<Record<string, string>>>>
}

/** The generated validators module and the names each operation uses. */
export interface ValidatorsOutput {
  readonly source: string
  readonly byOperation: ReadonlyMap<string, OperationValidators>
}

const specId = "spec"
/** The document again, its schemas read for requests (readOnly not required), when it marks any. */
const requestSpecId = "spec-request"

const convertComponents = (doc: OpenApiDocument, direction: Direction | undefined): unknown => {
  const openapi30 = isOpenApi30(doc)
  const schemas = (doc.components?.schemas ?? {}) as Record<string, unknown>
  const resolve = (ref: string) => resolveLocal(doc, { $ref: ref })
  return { ...doc, components: { ...doc.components, schemas: Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, direction === undefined ? toJsonSchema(v, openapi30) : forDirection(toJsonSchema(v, openapi30), direction, resolve)])) } }
}

const parametersSchema = (op: OperationModel, openapi30: boolean): unknown => {
  const group = (where: string) => {
    const params = op.parameters.filter((p) => p.in === where)
    if (params.length === 0) return undefined
    return {
      type: "object",
      properties: Object.fromEntries(params.map((p) => [p.name, toJsonSchema(p.schema ?? {}, openapi30)])),
      required: params.filter((p) => p.required).map((p) => p.name)
    }
  }
  const properties: Record<string, unknown> = {}
  const required: Array<string> = []
  for (const [key, where] of [["path", "path"], ["query", "query"], ["headers", "header"], ["cookies", "cookie"]] as const) {
    const schema = group(where)
    if (schema === undefined) continue
    properties[key] = schema
    if (schema.required.length > 0) required.push(key)
  }
  return Object.keys(properties).length === 0 ? undefined : { type: "object", properties, required }
}

const checked = (media: MediaModel): boolean => media.schema !== undefined && (media.kind === "json" || media.kind === "form")

/**
 * Compiles the validators of every operation into one standalone module. Identical schemas share
 * one validator (every response that is `$ref: Pet` uses the same function).
 */
export const compileValidators = (doc: OpenApiDocument, api: ApiModel): ValidatorsOutput => {
  const openapi30 = isOpenApi30(doc)
  const ajv = new Ajv2020({ strict: false, logger: false, allErrors: false, validateFormats: true, code: { source: true, esm: true, lines: false, optimize: 1 } })
  addFormats(ajv, { mode: "fast" })
  for (const format of ["int32", "int64", "float", "double", "byte", "binary", "password", "datetime"]) ajv.addFormat(format, true)
  ajv.opts.code.formats = _`__formats`
  // Responses and parameters are read against `spec` (writeOnly not required), request bodies against `spec-request`.
  const directed = marksDirection(doc)
  const resolve = (ref: string) => resolveLocal(doc, { $ref: ref })
  ajv.addSchema(convertComponents(doc, directed ? "response" : undefined) as object, specId)
  if (directed) ajv.addSchema(convertComponents(doc, "request") as object, requestSpecId)
  const names = new Map<string, string>()
  const exported: Record<string, string> = {}
  const add = (schema: unknown, hint: string, direction: Direction = "response"): string => {
    const converted = openapi30 ? toJsonSchema(schema, true) : schema
    const rebased = directed ? rebaseRefs(forDirection(converted, direction, resolve), direction === "request" ? requestSpecId : specId) : rebaseRefs(converted, specId)
    const key = JSON.stringify(rebased)
    const known = names.get(key)
    if (known !== undefined) return known
    const name = `v${names.size}_${hint.replace(/[^A-Za-z0-9]/g, "_").slice(0, 40)}`
    ajv.addSchema(rebased as object, name)
    names.set(key, name)
    exported[name] = name
    return name
  }
  const byOperation = new Map<string, OperationValidators>()
  for (const op of api.operations) {
    const params = parametersSchema(op, openapi30)
    const body: Record<string, string> = {}
    for (const media of op.body?.content ?? []) if (checked(media)) body[media.mediaType] = add(media.schema, `${op.typeName}Body`, "request")
    const responses: Record<string, Record<string, string>> = {}
    for (const response of op.responses) {
      for (const media of response.content) {
        // A `text/event-stream` schema is that of each event's `data` (checked by the runtime's `eventStream`).
        if ((media.kind !== "json" && media.mediaType.toLowerCase() !== "text/event-stream") || media.schema === undefined) continue
        ;(responses[response.key] ??= {})[media.mediaType] = add(media.schema, `${op.typeName}${response.key}`)
      }
    }
    byOperation.set(op.id, { parameters: params === undefined ? undefined : add(params, `${op.typeName}Params`), body, responses })
  }
  let code = Object.keys(exported).length === 0 ? "export {}" : standaloneCode(ajv, exported)
  // ajv's ESM output still `require`s its runtime helpers: import them instead.
  const imports: Array<string> = []
  const modules = new Map<string, string>()
  code = code.replace(/require\("([^"]+)"\)/g, (_match, module: string) => {
    let local = modules.get(module)
    if (local === undefined) {
      local = `__runtime${modules.size}`
      modules.set(module, local)
      // Node gives a CommonJS module's namespace `default: module.exports`; bundlers may give `exports` itself.
      imports.push(`import * as ${local}_ns from "${module}.js"\nconst ${local} = (${local}_ns as any).default?.__esModule === true ? (${local}_ns as any).default : ${local}_ns`)
    }
    return local
  })
  // Each export typed: tsc would otherwise infer the type of every validator from its body, and its
  // control-flow analysis overflows the stack on the body of a big schema (as the --noEmit check and the
  // declarations of a build both would).
  let typed = false
  code = code.replace(/export const (\w+) = (validate\d+);/g, (_match, name: string, fn: string) => {
    typed = true
    return `export const ${name}: Validator = ${fn};`
  })
  const validatorType = typed
    ? "/** A validator compiled by ajv: `true`, or `false` with `errors` set. */\ntype Validator = ((data: unknown) => boolean) & { errors?: ReadonlyArray<{ readonly instancePath: string; readonly keyword: string; readonly message?: string; readonly params?: unknown }> | null }\n"
    : ""
  const formats = code.includes("__formats") ? 'import { fastFormats as __formats } from "ajv-formats/dist/formats.js"\n' : ""
  return { source: `${formats}${imports.join("\n")}${imports.length > 0 ? "\n" : ""}${validatorType}${code.replace(/^"use strict";/, "")}\n`, byOperation }
}
