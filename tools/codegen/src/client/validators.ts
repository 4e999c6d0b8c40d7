/**
 * The validators of every schema a client checks (parameters, request bodies, response bodies), by
 * ajv (draft 2020-12, formats), shipped one of two ways:
 * - `compiled` (the default up to 200 operations): ajv's standalone code, written at generation time, so
 *   the client never compiles a schema at run time. Every component schema is one shared function that
 *   each `$ref` calls (`inlineRefs: false`), not a copy inlined into every validator that reaches it
 *   (GitHub: 17.8 MB inlined, 11.8 MB shared). The module is TypeScript that type-checks (no
 *   `// @ts-nocheck`): ajv's variables are typed `any`, the one way its code reads them.
 * - `lazy` (the default above): the schemas as one JSON text, each validator compiled by ajv on its first
 *   call and kept (GitHub, one run: 2.9 MB, generation 11.6 s instead of 24.8 s, TypeScript 7's check of
 *   the client 3.2 s instead of 12.1 s; the first call of a validator pays its compile, 0.4 s for a full
 *   repository).
 * In both, the annotations (`description`, `title`, `example(s)`, `externalDocs`, `x-*`…) are dropped from
 * the schemas ajv sees: they never change what a validator accepts, and ajv writes schemas into its code.
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

const convertComponents = (doc: OpenApiDocument, direction: Direction | undefined): OpenApiDocument => {
  const openapi30 = isOpenApi30(doc)
  const schemas = (doc.components?.schemas ?? {}) as Record<string, unknown>
  const resolve = (ref: string) => resolveLocal(doc, { $ref: ref })
  const convert = (v: unknown) => withoutAnnotations(direction === undefined ? toJsonSchema(v, openapi30) : forDirection(toJsonSchema(v, openapi30), direction, resolve))
  return { ...doc, components: { ...doc.components, schemas: Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, convert(v)])) } } as OpenApiDocument
}

/**
 * The spec's converted documents ajv reads `$ref`s against, by id: `spec` (for responses and parameters:
 * writeOnly not required) and, when the spec marks readOnly or writeOnly, `spec-request` (for request bodies).
 */
const documentsOf = (doc: OpenApiDocument): Readonly<Record<string, OpenApiDocument>> =>
  marksDirection(doc) ? { [specId]: convertComponents(doc, "response"), [requestSpecId]: convertComponents(doc, "request") } : { [specId]: convertComponents(doc, undefined) }

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

/** How the validators ship: compiled to code at generation time, or as schemas ajv compiles on a validator's first call. */
export type ValidatorsMode = "compiled" | "lazy"

/** The most operations a spec may have for its validators to be compiled at generation time by default. */
export const compiledOperationLimit = 200

/** The schema of every validator by name, and the names each operation uses. */
interface Collected {
  readonly schemas: ReadonlyMap<string, unknown>
  readonly byOperation: ReadonlyMap<string, OperationValidators>
}

/** Each operation's schemas as JSON Schema 2020-12, named; identical schemas share one name. */
const collect = (doc: OpenApiDocument, api: ApiModel, openapi30: boolean): Collected => {
  const names = new Map<string, string>()
  const schemas = new Map<string, unknown>()
  const directed = marksDirection(doc)
  const resolve = (ref: string) => resolveLocal(doc, { $ref: ref })
  const add = (schema: unknown, hint: string, direction: Direction = "response"): string => {
    const converted = openapi30 ? toJsonSchema(schema, true) : schema
    const rebased = directed
      ? rebaseRefs(withoutAnnotations(forDirection(converted, direction, resolve)), direction === "request" ? requestSpecId : specId)
      : rebaseRefs(withoutAnnotations(converted), specId)
    const key = JSON.stringify(rebased)
    const known = names.get(key)
    if (known !== undefined) return known
    const name = `v${names.size}_${hint.replace(/[^A-Za-z0-9]/g, "_").slice(0, 40)}`
    names.set(key, name)
    schemas.set(name, rebased)
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
  return { schemas, byOperation }
}

/** The formats the validators check: ajv-formats' fast ones; OpenAPI's numeric and binary formats accept anything. */
const openApiFormats = ["int32", "int64", "float", "double", "byte", "binary", "password", "datetime"]

/**
 * The validators of every operation, as one module. Identical schemas share one validator (every
 * response that is `$ref: Pet` uses the same function). `compiled` (the default up to
 * `compiledOperationLimit` operations): ajv's standalone code, no compiler at run time; `lazy` (the
 * default above): the schemas, each validator compiled by ajv on its first call and kept.
 */
export const compileValidators = (doc: OpenApiDocument, api: ApiModel, mode?: ValidatorsMode): ValidatorsOutput => {
  const openapi30 = isOpenApi30(doc)
  const { schemas, byOperation } = collect(doc, api, openapi30)
  const documents = documentsOf(doc)
  const chosen = mode ?? (api.operations.length > compiledOperationLimit ? "lazy" : "compiled")
  if (chosen === "lazy") return { source: lazyModule(documents, schemas), byOperation }
  const ajv = new Ajv2020({ strict: false, logger: false, allErrors: false, validateFormats: true, inlineRefs: false, code: { source: true, esm: true, lines: false, optimize: 1 } })
  addFormats(ajv, { mode: "fast" })
  for (const format of openApiFormats) ajv.addFormat(format, true)
  ajv.opts.code.formats = _`__formats`
  for (const [id, converted] of Object.entries(documents)) ajv.addSchema(converted as object, id)
  const exported: Record<string, string> = {}
  for (const [name, schema] of schemas) {
    ajv.addSchema(schema as object, name)
    exported[name] = name
  }
  const code = Object.keys(exported).length === 0 ? "export {}" : standaloneCode(ajv, exported)
  return { source: typedModule(code), byOperation }
}

/** The `$ref`s of a schema, at every depth. */
const refsOf = (node: unknown, into: Set<string>): Set<string> => {
  if (Array.isArray(node)) for (const child of node) refsOf(child, into)
  else if (isSchema(node)) {
    for (const [key, child] of Object.entries(node)) {
      if (key === "$ref" && typeof child === "string") into.add(child)
      else refsOf(child, into)
    }
  }
  return into
}

/**
 * The lazy module: the schemas as one JSON text (the spec's component schemas, and what else of the
 * spec a `$ref` reaches, as `spec`; each validator's own), and per validator a function that compiles
 * its schema on its first call (one ajv instance for the module, made then) and keeps it.
 */
const lazyModule = (documents: Readonly<Record<string, OpenApiDocument>>, schemas: ReadonlyMap<string, unknown>): string => {
  const all: Record<string, unknown> = {}
  for (const [id, converted] of Object.entries(documents)) {
    const shipped: Record<string, unknown> = { components: { schemas: converted.components?.schemas ?? {} } }
    // A `$ref` outside the component schemas (a component parameter's schema…): its top-level section too.
    const refs = refsOf([...schemas.values(), converted.components?.schemas], new Set())
    for (const ref of refs) {
      if (!ref.startsWith(`${id}#/`)) continue
      const [top, section] = ref.slice(id.length + 2).split("/")
      if (top === undefined) continue
      if (top === "components" && section !== undefined && section !== "schemas") (shipped.components as Record<string, unknown>)[section] = converted.components?.[section]
      else if (top !== "components") shipped[top] = (converted as Record<string, unknown>)[top]
    }
    all[id] = shipped
  }
  for (const [name, schema] of schemas) all[name] = schema
  const exports = [...schemas.keys()].map((name) => `export const ${name}: Validator = lazy(${JSON.stringify(name)})`)
  return `import { Ajv2020 } from "ajv/dist/2020.js"
import type { ValidateFunction } from "ajv"
import { fastFormats } from "ajv-formats/dist/formats.js"

${validatorType}
/** Every validator's schema by name, and the spec's components as \`${specId}\` (a JSON text: the cheapest to load and to type-check). */
const schemas: Readonly<Record<string, object>> = JSON.parse(${JSON.stringify(JSON.stringify(all))})

let ajv: Ajv2020 | undefined

/** The module's ajv instance, made on the first call of any validator: every schema added, none compiled. */
const instance = (): Ajv2020 => {
  if (ajv !== undefined) return ajv
  const formats = { ...fastFormats, ${openApiFormats.map((f) => `${f}: true as const`).join(", ")} }
  const made = new Ajv2020({ strict: false, logger: false, allErrors: false, validateFormats: true, inlineRefs: false, formats })
  for (const [name, schema] of Object.entries(schemas)) made.addSchema(schema, name)
  ajv = made
  return made
}

/** A validator compiled on its first call, then kept. */
const lazy = (name: string): Validator => {
  let compiled: ValidateFunction | undefined
  const validate: Validator = (data) => {
    if (compiled === undefined) {
      const found = instance().getSchema(name)
      if (found === undefined) throw new Error(\`validators: no schema \${name}\`)
      compiled = found as ValidateFunction
    }
    const ok = compiled(data)
    validate.errors = compiled.errors ?? null
    return ok
  }
  return validate
}

${exports.join("\n")}
`
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
    .replace(/\b(wrapper\d+)\.validate\.(errors|evaluated)\b/g, "($1.validate as any).$2")
    // Array.isArray narrows: a value tested an array in one branch is `never` where a later test finds it is not.
    .replace(/\bArray\.isArray\(/g, "__isArray(")
    .replace(/export const (\w+) = (validate\d+);/g, "export const $1: Validator = $2;")
    // ajv's own variables (`vErrors`, `errors`, `data0`, `valid1`, `props0`, `indices0`, `schema31`…): typed
    // `any`, as ajv reads them (and tsc infers nothing from a schema's literal).
    .replace(/\b(let|var|const) (vErrors|errors|[A-Za-z_]+\d+)( = |;)/g, "$1 $2: any$3")
  const formats = code.includes("__formats") ? 'import { fastFormats } from "ajv-formats/dist/formats.js"\nconst __formats: any = fastFormats\n' : ""
  const isArray = code.includes("__isArray(") ? "/** `Array.isArray`, without narrowing the type of what it tests. */\nconst __isArray: (value: unknown) => boolean = Array.isArray\n" : ""
  return `${formats}${imports.join("\n")}${imports.length > 0 ? "\n" : ""}${validatorType}${isArray}${code}\n`
}
