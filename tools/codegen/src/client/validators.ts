/**
 * Validators compiled at generation time: ajv (draft 2020-12, formats) compiles every schema a
 * client checks (parameters, request bodies, response bodies), and its standalone code is written
 * as a module, so the client never compiles a schema (nor loads ajv) at run time.
 *
 * At scale (GitHub's 1,223 operations) three choices keep that module small and checked:
 * - every component schema is one shared function that each `$ref` calls (ajv's `inlineRefs: false`),
 *   not a copy inlined into every validator that reaches it (17.8 MB for GitHub, 2.4 MB shared);
 * - the annotations (`description`, `title`, `example(s)`, `externalDocs`, `x-*`…) are dropped from
 *   the schemas ajv compiles: they never change what a validator accepts, and ajv writes the schemas
 *   it refers to into the module;
 * - the module is TypeScript that type-checks (no `// @ts-nocheck`): each validator's argument and
 *   errors are typed `any`, the one way ajv's code reads them.
 *
 * @module
 */
import { Ajv2020 } from "ajv/dist/2020.js"
import standaloneCodeModule from "ajv/dist/standalone/index.js"
import addFormatsModule from "ajv-formats"
import { _ } from "ajv"
import { isOpenApi30, type OpenApiDocument } from "./load.js"
import { rebaseRefs, toJsonSchema } from "./json-schema.js"
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

type Schema = Record<string, unknown>

const isSchema = (value: unknown): value is Schema => value !== null && typeof value === "object" && !Array.isArray(value)

/** Keywords that only annotate a schema: ajv never reads them to accept or reject a value. */
const annotations: ReadonlySet<string> = new Set(["description", "title", "example", "examples", "externalDocs", "xml", "$comment", "deprecated", "discriminator"])

/** Keywords whose value is a map of schemas, or one schema or a list of them. */
const schemaMaps: ReadonlySet<string> = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"])
const schemaLists: ReadonlySet<string> = new Set(["allOf", "oneOf", "anyOf", "prefixItems", "items", "not", "additionalProperties", "if", "then", "else", "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems"])

/** A schema without its annotations (nor `x-` extensions), at every depth; what it accepts is unchanged. */
export const withoutAnnotations = (schema: unknown): unknown => {
  if (!isSchema(schema)) return schema
  const out: Schema = {}
  for (const [key, value] of Object.entries(schema)) {
    if (annotations.has(key) || key.startsWith("x-")) continue
    if (schemaMaps.has(key) && isSchema(value)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutAnnotations(v)]))
    else if (schemaLists.has(key)) out[key] = Array.isArray(value) ? value.map(withoutAnnotations) : withoutAnnotations(value)
    else out[key] = value
  }
  return out
}

const convertComponents = (doc: OpenApiDocument): unknown => {
  const openapi30 = isOpenApi30(doc)
  const schemas = (doc.components?.schemas ?? {}) as Record<string, unknown>
  return { ...doc, components: { ...doc.components, schemas: Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, withoutAnnotations(toJsonSchema(v, openapi30))])) } }
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
  const ajv = new Ajv2020({ strict: false, logger: false, allErrors: false, validateFormats: true, inlineRefs: false, code: { source: true, esm: true, lines: false, optimize: 1 } })
  addFormats(ajv, { mode: "fast" })
  for (const format of ["int32", "int64", "float", "double", "byte", "binary", "password", "datetime"]) ajv.addFormat(format, true)
  ajv.opts.code.formats = _`__formats`
  ajv.addSchema(convertComponents(doc) as object, specId)
  const names = new Map<string, string>()
  const exported: Record<string, string> = {}
  const add = (schema: unknown, hint: string): string => {
    const rebased = rebaseRefs(withoutAnnotations(openapi30 ? toJsonSchema(schema, true) : schema), specId)
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
    for (const media of op.body?.content ?? []) if (checked(media)) body[media.mediaType] = add(media.schema, `${op.typeName}Body`)
    const responses: Record<string, Record<string, string>> = {}
    for (const response of op.responses) {
      for (const media of response.content) {
        if (media.kind !== "json" || media.schema === undefined) continue
        ;(responses[response.key] ??= {})[media.mediaType] = add(media.schema, `${op.typeName}${response.key}`)
      }
    }
    byOperation.set(op.id, { parameters: params === undefined ? undefined : add(params, `${op.typeName}Params`), body, responses })
  }
  const code = Object.keys(exported).length === 0 ? "export {}" : standaloneCode(ajv, exported)
  return { source: typedModule(code), byOperation }
}

/** The `Validator` type the module's exports carry. */
const validatorType = "/** A validator compiled by ajv: `true`, or `false` with `errors` set. */\ntype Validator = ((data: unknown) => boolean) & { errors?: ReadonlyArray<{ readonly instancePath: string; readonly keyword: string; readonly message?: string; readonly params?: unknown }> | null }\n"

/**
 * ajv's standalone code (JavaScript) as a TypeScript module that type-checks under the workspace's strict
 * settings: its runtime helpers imported, not `require`d; each function's argument, options and error list
 * typed `any` (ajv reads any JSON value through them); the properties ajv sets on a validator (`errors`,
 * `evaluated`) set through `any`; each export typed `Validator`, so tsc never infers a type from a body.
 */
export const typedModule = (ajvCode: string): string => {
  let code = ajvCode.replace(/^"use strict";/, "")
  // ajv's ESM output still `require`s its runtime helpers: import them instead.
  const imports: Array<string> = []
  const modules = new Map<string, string>()
  code = code.replace(/require\("([^"]+)"\)/g, (_match, module: string) => {
    let local = modules.get(module)
    if (local === undefined) {
      local = `__runtime${modules.size}`
      modules.set(module, local)
      // Node gives a CommonJS module's namespace `default: module.exports`; bundlers may give `exports` itself.
      imports.push(`import * as ${local}_ns from "${module}.js"\nconst ${local}: any = (${local}_ns as any).default?.__esModule === true ? (${local}_ns as any).default : ${local}_ns`)
    }
    return local
  })
  code = code
    .replace(/function (validate\d+)\(data, \{(instancePath="", parentData, parentDataProperty, rootData=data(?:, dynamicAnchors=\{\})?)\}=\{\}\)\{/g, "function $1(data: any, {$2}: any = {}): boolean{")
    .replace(/\b(validate\d+)\.(errors|evaluated)\b/g, "($1 as any).$2")
    .replace(/\blet (vErrors|passing\d+) = null;/g, "let $1: any = null;")
    .replace(/\blet (missing\d+);/g, "let $1: any;")
    .replace(/export const (\w+) = (validate\d+);/g, "export const $1: Validator = $2;")
  const formats = code.includes("__formats") ? 'import { fastFormats } from "ajv-formats/dist/formats.js"\nconst __formats: any = fastFormats\n' : ""
  return `${formats}${imports.join("\n")}${imports.length > 0 ? "\n" : ""}${validatorType}${code}\n`
}
