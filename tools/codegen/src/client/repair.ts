/**
 * The most faithful reading of an imperfect document. Each repair is made on the document itself (so
 * the types, the validators, the client and the Postman collection all read the same thing) and named
 * in a warning with its JSON pointer; what cannot be read at all is a refusal, with its pointer and the
 * fix.
 *
 * @module
 */
import { append, escapeToken, unescapeFragmentToken } from "@effect-openapi/json-pointer"
import type { SpecVersion } from "./load.js"

type Json = Record<string, unknown>

/** A warning or a refusal: where, what the rule is, and what was done (or is to be done). */
export interface Finding {
  readonly rule: string
  readonly pointer: string
  readonly message: string
}

/** What a repair pass found: the warnings of what it repaired, the refusals of what it could not read. */
export interface Findings {
  readonly warnings: Array<Finding>
  readonly refusals: Array<Finding>
}

const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value)

/** The segments of a local `$ref` (`#/components/schemas/Pet` → `components`, `schemas`, `Pet`). */
export const refSegments = (ref: string): ReadonlyArray<string> | undefined =>
  ref === "#" ? [] : ref.startsWith("#/") ? ref.slice(2).split("/").map(unescapeFragmentToken) : undefined

const toPointer = (segments: ReadonlyArray<string>): string => append("#", ...segments)

/** The node at a pointer, following no `$ref` on the way; undefined when there is none. */
const nodeAt = (doc: unknown, segments: ReadonlyArray<string>): unknown => {
  let node = doc
  for (const segment of segments) {
    if (Array.isArray(node)) node = node[Number(segment)]
    else if (isObject(node)) node = Object.prototype.hasOwnProperty.call(node, segment) ? node[segment] : undefined
    else return undefined
  }
  return node
}

/** The value at a JSON pointer (`#/a/b`) of a document, following no `$ref`; undefined when there is none. */
export const valueAt = (doc: unknown, pointer: string): unknown => {
  const segments = refSegments(pointer)
  return segments === undefined ? undefined : nodeAt(doc, segments)
}

const localRef = (node: unknown): string | undefined => (isObject(node) && typeof node.$ref === "string" && node.$ref.startsWith("#") ? node.$ref : undefined)

/** Every node with a local `$ref`, with its pointer, in document order. */
const refNodes = (doc: unknown): Array<{ readonly pointer: string; readonly node: Json }> => {
  const found: Array<{ pointer: string; node: Json }> = []
  const walk = (node: unknown, pointer: string) => {
    if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${pointer}/${i}`))
    else if (isObject(node)) {
      if (localRef(node) !== undefined) found.push({ pointer, node })
      // An example is data: a `$ref` key in it is not a reference.
      for (const [key, child] of Object.entries(node)) if (key !== "example") walk(child, `${pointer}/${escapeToken(key)}`)
    }
  }
  walk(doc, "#")
  return found
}

/**
 * `$ref` cycles with no schema between (`A: {$ref: B}`, `B: {$ref: A}`): they mean nothing, and
 * Redocly's resolver stops at them. The first node of each cycle (in document order) is read as any
 * value (its `$ref` dropped), which ends the cycle; the others then resolve to it.
 */
export const breakRefCycles = (doc: unknown): Array<Finding> => {
  const warnings: Array<Finding> = []
  const nodes = refNodes(doc)
  const order = new Map(nodes.map((n, i) => [n.pointer, i]))
  const done = new Set<string>()
  for (const start of nodes) {
    const chain: Array<string> = [start.pointer]
    let node: unknown = start.node
    while (true) {
      const ref = localRef(node)
      const segments = ref === undefined ? undefined : refSegments(ref)
      if (segments === undefined) break
      const target = nodeAt(doc, segments)
      const pointer = toPointer(segments)
      if (localRef(target) === undefined) break
      const at = chain.indexOf(pointer)
      if (at >= 0) {
        const cycle = chain.slice(at)
        const first = [...cycle].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))[0]!
        if (!cycle.some((p) => done.has(p))) {
          for (const p of cycle) done.add(p)
          const holder = nodeAt(doc, refSegments(first)!) as Json
          delete holder.$ref
          warnings.push({
            rule: "ref-cycle",
            pointer: first,
            message: `$ref cycle with no schema between (${[...cycle, cycle[0]].join(" → ")}): read as any value; fix: replace one of these $refs with the schema it means`
          })
        }
        break
      }
      if (chain.length > 1000) break
      chain.push(pointer)
      node = target
    }
  }
  return warnings
}

/** The keywords whose value is one schema, a map of schemas, or a list of schemas. */
const oneSchema = ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "additionalItems", "contentSchema"] as const
const schemaMaps = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"] as const
const schemaLists = ["allOf", "anyOf", "oneOf", "prefixItems"] as const
const typeNames = new Set(["string", "number", "integer", "boolean", "array", "object", "null"])
const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const
const parameterLocations = new Set(["path", "query", "header", "cookie"])

const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

/** Calls `visit` on every place the document holds a schema (not through `$ref`s: each is visited where it is). */
const forEachSchemaSite = (doc: Json, visit: (holder: Json | Array<unknown>, key: string | number, pointer: string) => void) => {
  const schema = (holder: Json | Array<unknown>, key: string | number, pointer: string) => {
    visit(holder, key, pointer)
    const value = (holder as Json)[key as string]
    if (!isObject(value)) return
    for (const keyword of oneSchema) {
      const child = value[keyword]
      if (Array.isArray(child)) child.forEach((_, i) => schema(child, i, `${pointer}/${keyword}/${i}`))
      else if (keyword in value) schema(value, keyword, `${pointer}/${keyword}`)
    }
    for (const keyword of schemaMaps) {
      const map = value[keyword]
      if (isObject(map)) for (const name of Object.keys(map)) schema(map, name, `${pointer}/${keyword}/${escapeToken(name)}`)
    }
    for (const keyword of schemaLists) {
      const list = value[keyword]
      if (Array.isArray(list)) list.forEach((_, i) => schema(list, i, `${pointer}/${keyword}/${i}`))
    }
  }
  const content = (value: unknown, pointer: string) => {
    if (!isObject(value)) return
    for (const [mediaType, media] of Object.entries(value)) if (isObject(media) && "schema" in media) schema(media, "schema", `${pointer}/${escapeToken(mediaType)}/schema`)
  }
  const parameter = (value: unknown, pointer: string) => {
    if (!isObject(value) || value.$ref !== undefined) return
    if ("schema" in value) schema(value, "schema", `${pointer}/schema`)
    content(value.content, `${pointer}/content`)
  }
  const response = (value: unknown, pointer: string) => {
    if (!isObject(value) || value.$ref !== undefined) return
    content(value.content, `${pointer}/content`)
    if (isObject(value.headers)) for (const [name, header] of Object.entries(value.headers)) parameter(header, `${pointer}/headers/${escapeToken(name)}`)
  }
  const pathItem = (value: unknown, pointer: string) => {
    if (!isObject(value)) return
    if (Array.isArray(value.parameters)) value.parameters.forEach((p, i) => parameter(p, `${pointer}/parameters/${i}`))
    for (const method of methods) {
      const op = value[method]
      if (!isObject(op)) continue
      const at = `${pointer}/${method}`
      if (Array.isArray(op.parameters)) op.parameters.forEach((p, i) => parameter(p, `${at}/parameters/${i}`))
      if (isObject(op.requestBody)) content(op.requestBody.content, `${at}/requestBody/content`)
      if (isObject(op.responses)) for (const [key, r] of Object.entries(op.responses)) response(r, `${at}/responses/${escapeToken(key)}`)
      if (isObject(op.callbacks)) for (const [name, callback] of Object.entries(op.callbacks)) if (isObject(callback)) for (const [expression, item] of Object.entries(callback)) pathItem(item, `${at}/callbacks/${escapeToken(name)}/${escapeToken(expression)}`)
    }
  }
  for (const section of ["paths", "webhooks"] as const) {
    const items = doc[section]
    if (isObject(items)) for (const [key, item] of Object.entries(items)) pathItem(item, `#/${section}/${escapeToken(key)}`)
  }
  const components = isObject(doc.components) ? doc.components : {}
  const each = (section: string, f: (value: unknown, pointer: string, map: Json, name: string) => void) => {
    const map = components[section]
    if (isObject(map)) for (const [name, value] of Object.entries(map)) f(value, `#/components/${section}/${escapeToken(name)}`, map, name)
  }
  each("schemas", (_value, pointer, map, name) => schema(map, name, pointer))
  each("parameters", parameter)
  each("headers", parameter)
  each("responses", response)
  each("requestBodies", (value, pointer) => isObject(value) && content(value.content, `${pointer}/content`))
  each("pathItems", pathItem)
  each("callbacks", (value, pointer) => {
    if (isObject(value)) for (const [expression, item] of Object.entries(value)) pathItem(item, `${pointer}/${escapeToken(expression)}`)
  })
}

/**
 * Schemas: what cannot be read is refused (a schema that is a string or a number, a `type` that names
 * no type, `allOf` that is not a list…); the rest is read as its author most likely meant, with a warning:
 * `schema: null` as no schema, Swagger's `type: file` as binary, `required: true` on a property as the
 * property being required, 3.0's `nullable` in a 3.1 document, 3.1's type lists in a 3.0 document.
 */
export const repairSchemas = (doc: Json, version: Exclude<SpecVersion, "2.0">): Findings => {
  const warnings: Array<Finding> = []
  const refusals: Array<Finding> = []
  const refuse = (pointer: string, message: string) => refusals.push({ rule: "unreadable-schema", pointer, message })
  const schemaNames = new Set(isObject(doc.components) && isObject(doc.components.schemas) ? Object.keys(doc.components.schemas) : [])
  const warn = (rule: string, pointer: string, message: string) => warnings.push({ rule, pointer, message })
  forEachSchemaSite(doc, (holder, key, pointer) => {
    const value = (holder as Json)[key as string]
    if (value === null) {
      if (key === "schema") {
        delete (holder as Json)[key]
        warn("null-schema", pointer, "schema: null: read as no schema (any value)")
      } else {
        ;(holder as Json)[key as string] = {}
        warn("null-schema", pointer, "a null schema: read as any value")
      }
      return
    }
    if (typeof value === "boolean") return
    if (!isObject(value)) {
      refuse(pointer, `a schema must be an object, not ${show(value)}; fix: write it as a schema (e.g. \`{ type: string }\`)`)
      return
    }
    if ("$ref" in value && typeof value.$ref !== "string") refuse(`${pointer}/$ref`, `$ref must be a string, not ${show(value.$ref)}; fix: write the pointer as a string ('#/components/schemas/Name')`)
    for (const keyword of schemaLists) {
      if (!(keyword in value)) continue
      if (value[keyword] === null) {
        delete value[keyword]
        warn("null-schema", `${pointer}/${keyword}`, `${keyword}: null: read as absent`)
      } else if (!Array.isArray(value[keyword])) refuse(`${pointer}/${keyword}`, `${keyword} must be a list of schemas, not ${show(value[keyword])}; fix: write it as a list (\`${keyword}: [...]\`)`)
    }
    for (const keyword of schemaMaps) {
      if (!(keyword in value)) continue
      if (value[keyword] === null || (Array.isArray(value[keyword]) && (value[keyword] as Array<unknown>).length === 0)) {
        delete value[keyword]
        warn("null-schema", `${pointer}/${keyword}`, `${keyword}: ${show(value[keyword] ?? null)}: read as absent`)
      } else if (!isObject(value[keyword])) refuse(`${pointer}/${keyword}`, `${keyword} must map names to schemas, not ${show(value[keyword])}; fix: write it as a map (\`${keyword}: { name: { type: string } }\`)`)
    }
    if ("enum" in value && !Array.isArray(value.enum)) {
      if (value.enum === null) {
        delete value.enum
        warn("null-schema", `${pointer}/enum`, "enum: null: read as absent")
      } else refuse(`${pointer}/enum`, `enum must be a list of values, not ${show(value.enum)}; fix: write it as a list (\`enum: [...]\`)`)
    }
    // `type`
    const type = value.type
    if (type === "file") {
      value.type = "string"
      if (value.format === undefined) value.format = "binary"
      warn("type-file", `${pointer}/type`, "type: file (Swagger 2.0): read as a binary string (type: string, format: binary)")
    } else if (typeof type === "string") {
      if (!typeNames.has(type)) refuse(`${pointer}/type`, `type ${show(type)} is not a type; fix: one of ${[...typeNames].join(", ")} (a format goes in \`format\`)`)
    } else if (Array.isArray(type)) {
      const bad = type.filter((t) => typeof t !== "string" || !typeNames.has(t))
      if (bad.length > 0) refuse(`${pointer}/type`, `type ${show(type)} names no type in ${show(bad)}; fix: list only ${[...typeNames].join(", ")}`)
      else if (type.length === 0) {
        delete value.type
        warn("type-list", `${pointer}/type`, "type: []: read as any type")
      } else if (version === "3.0") warn("openapi-3.1-in-3.0", `${pointer}/type`, `a list of types (${show(type)}) in an OpenAPI 3.0 document: read as in 3.1`)
    } else if (type === null) {
      delete value.type
      warn("null-schema", `${pointer}/type`, "type: null: read as any type")
    } else if (type !== undefined) refuse(`${pointer}/type`, `type must be a type name, not ${show(type)}; fix: one of ${[...typeNames].join(", ")}`)
    // `required`
    if ("required" in value && !(Array.isArray(value.required) && value.required.every((r) => typeof r === "string"))) {
      if (Array.isArray(value.required)) {
        value.required = value.required.filter((r) => typeof r === "string")
        warn("required-list", `${pointer}/required`, "required lists something other than property names: those entries are left out")
      } else {
        const required = value.required
        delete value.required
        // `required: true` on a property schema (Swagger's parameter style): the parent requires the property.
        const parent = pointer.match(/\/properties\/[^/]+$/) === null ? undefined : findParent(doc, pointer)
        if (required === true && parent !== undefined) {
          parent.required = [...new Set([...(Array.isArray(parent.required) ? parent.required.filter((r): r is string => typeof r === "string") : []), String(key)])]
          warn("required-boolean", `${pointer}/required`, `required: true on a property: read as the parent requiring ${show(String(key))}`)
        } else warn("required-boolean", `${pointer}/required`, `required: ${show(required)} where a list of property names belongs: left out`)
      }
    }
    // A discriminator's mapping: a schema's name as the pointer it means; what names nothing left out.
    if (isObject(value.discriminator) && isObject(value.discriminator.mapping)) {
      const mapping = value.discriminator.mapping
      for (const [name, target] of Object.entries(mapping)) {
        const at = `${pointer}/discriminator/mapping/${escapeToken(name)}`
        if (typeof target === "string" && !target.startsWith("#") && schemaNames.has(target)) mapping[name] = `#/components/schemas/${escapeToken(target)}`
        else if (typeof target !== "string" || (target.startsWith("#") ? valueAt(doc, target) === undefined : !/[./]/.test(target))) {
          delete mapping[name]
          warn("discriminator-mapping", at, `${show(target)} is neither a schema's name nor a pointer to one: this mapping is left out`)
        }
      }
    }
    // Patterns: JSON Schema means Unicode regular expressions.
    if (typeof value.pattern === "string") {
      const pattern = unicodePattern(value.pattern)
      if (pattern === undefined) {
        warn("pattern", `${pointer}/pattern`, `${show(value.pattern)} is not a regular expression: not checked`)
        delete value.pattern
      } else if (pattern !== value.pattern) {
        warn("pattern", `${pointer}/pattern`, `${show(value.pattern)} is not a Unicode regular expression (as JSON Schema means it): read as ${show(pattern)}`)
        value.pattern = pattern
      }
    }
    if (isObject(value.patternProperties)) {
      for (const key of Object.keys(value.patternProperties)) {
        const pattern = unicodePattern(key)
        if (pattern === key) continue
        const patterns = value.patternProperties
        const schema = patterns[key]
        delete patterns[key]
        if (pattern === undefined) warn("pattern", `${pointer}/patternProperties/${escapeToken(key)}`, `${show(key)} is not a regular expression: left out`)
        else {
          patterns[pattern] = schema
          warn("pattern", `${pointer}/patternProperties/${escapeToken(key)}`, `${show(key)} is not a Unicode regular expression: read as ${show(pattern)}`)
        }
      }
    }
    // 3.0 keywords in a 3.1 document.
    if (version === "3.1") {
      if (value.nullable === true) {
        const { nullable: _, ...rest } = value
        for (const k of Object.keys(value)) delete value[k]
        if (typeof rest.type === "string" || Array.isArray(rest.type)) {
          Object.assign(value, rest, { type: [...new Set([...(Array.isArray(rest.type) ? rest.type : [rest.type]), "null"])] })
          if (Array.isArray(rest.enum) && !rest.enum.includes(null)) value.enum = [...rest.enum, null]
        } else Object.assign(value, { anyOf: [rest, { type: "null" }] })
        warn("openapi-3.0-in-3.1", `${pointer}/nullable`, "nullable (OpenAPI 3.0) in a 3.1 document: read as also allowing null")
      } else if (value.nullable === false) delete value.nullable
      for (const [flag, bound] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]] as const) {
        if (typeof value[flag] !== "boolean") continue
        if (value[flag] === true && typeof value[bound] === "number") {
          value[flag] = value[bound]
          delete value[bound]
        } else delete value[flag]
        warn("openapi-3.0-in-3.1", `${pointer}/${flag}`, `${flag}: boolean (OpenAPI 3.0) in a 3.1 document: read as the 3.0 bound`)
      }
    } else if (value.nullable === true && value.type === undefined) {
      warn("nullable-without-type", `${pointer}/nullable`, "nullable without type: read as also allowing null")
    }
  })
  return { warnings, refusals }
}

const compiles = (pattern: string, flags: string): boolean => {
  try {
    new RegExp(pattern, flags)
    return true
  } catch {
    return false
  }
}

/**
 * A pattern as a Unicode regular expression (ajv compiles JSON Schema patterns with the `u` flag, as
 * JSON Schema means them): a pattern written for the looser legacy syntax gets its lone braces and
 * needless escapes (`\_`, `\'`) escaped or dropped. Undefined when it is not a regular expression at all.
 */
export const unicodePattern = (pattern: string): string | undefined => {
  if (compiles(pattern, "u")) return pattern
  if (!compiles(pattern, "")) return undefined
  let out = ""
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === "\\") {
      const next = pattern[i + 1] ?? ""
      i++
      // Identity escapes the `u` flag refuses: the character itself, escaped only where it has to be.
      if (/[A-Za-z0-9]/.test(next) || "^$\\.*+?()[]{}|/".includes(next) || (inClass && next === "-")) out += `\\${next}`
      else out += next === "-" ? "-" : next
      continue
    }
    if (inClass) {
      if (c === "]") inClass = false
      out += c
      continue
    }
    if (c === "[") inClass = true
    if (c === "{") {
      const quantifier = /^\{\d+(,\d*)?\}/.exec(pattern.slice(i))
      if (quantifier !== null && out !== "" && !/[(|]$/.test(out)) {
        out += quantifier[0]
        i += quantifier[0].length - 1
      } else out += "\\{"
      continue
    }
    out += c === "}" ? "\\}" : c
  }
  return compiles(out, "u") ? out : undefined
}

/** The schema that holds the `properties` a pointer ends in (`…/properties/name` → `…`). */
const findParent = (doc: Json, pointer: string): Json | undefined => {
  const segments = refSegments(pointer.replace(/\/properties\/[^/]+$/, ""))
  const parent = segments === undefined ? undefined : nodeAt(doc, segments)
  return isObject(parent) ? parent : undefined
}

const resolve = (doc: Json, node: unknown): unknown => {
  let at = node
  for (let hops = 0; hops < 50 && localRef(at) !== undefined; hops++) at = nodeAt(doc, refSegments(localRef(at)!)!)
  return at
}

/**
 * Operations: a duplicate operationId is renumbered (`getPet` → `getPet2`); a path parameter the
 * path names but no operation declares is a required string; a declared path parameter is required;
 * a parameter `in` a place OpenAPI 3 has no parameters in (Swagger's `body`, `formData`) is left out.
 */
export const repairOperations = (doc: Json): Array<Finding> => {
  const warnings: Array<Finding> = []
  const paths = isObject(doc.paths) ? doc.paths : {}
  const ids = new Set<string>()
  for (const item of Object.values(paths)) for (const method of methods) {
    const op = isObject(item) ? item[method] : undefined
    if (isObject(op) && typeof op.operationId === "string") ids.add(op.operationId)
  }
  const seen = new Set<string>()
  for (const [path, rawItem] of Object.entries(paths)) {
    const itemPointer = `#/paths/${escapeToken(path)}`
    const item = resolve(doc, rawItem)
    if (!isObject(item)) continue
    const keepParameters = (list: unknown, pointer: string): Array<unknown> | undefined => {
      if (!Array.isArray(list)) return undefined
      return list.filter((p, i) => {
        const parameter = resolve(doc, p)
        if (!isObject(parameter) || (typeof parameter.in === "string" && parameterLocations.has(parameter.in))) return true
        warnings.push({ rule: "parameter-location", pointer: `${pointer}/${i}`, message: `a parameter in ${show(parameter.in)} (not path, query, header or cookie): left out${parameter.in === "body" || parameter.in === "formData" ? " (OpenAPI 3 sends it as a requestBody)" : ""}` })
        return false
      })
    }
    const shared = keepParameters(item.parameters, `${itemPointer}/parameters`)
    if (shared !== undefined) item.parameters = shared
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)
    for (const method of methods) {
      const op = item[method]
      if (!isObject(op)) continue
      const opPointer = `${itemPointer}/${method}`
      const id = op.operationId
      if (typeof id === "string") {
        if (seen.has(id)) {
          let n = 2
          while (ids.has(`${id}${n}`)) n++
          const renamed = `${id}${n}`
          warnings.push({ rule: "operation-operationId-unique", pointer: `${opPointer}/operationId`, message: `operationId ${show(id)} is not unique: this one is read as ${show(renamed)}` })
          op.operationId = renamed
          ids.add(renamed)
          seen.add(renamed)
        } else seen.add(id)
      }
      const own = keepParameters(op.parameters, `${opPointer}/parameters`)
      if (own !== undefined) op.parameters = own
      const declared = [...(shared ?? []), ...(own ?? [])].map((p) => resolve(doc, p)).filter(isObject).filter((p) => p.in === "path")
      for (const parameter of declared) {
        if (parameter.required !== true && templated.includes(String(parameter.name))) {
          parameter.required = true
          warnings.push({ rule: "path-parameter-required", pointer: opPointer, message: `path parameter ${show(parameter.name)} is not marked required: read as required (a path parameter always is)` })
        }
      }
      const missing = templated.filter((name) => !declared.some((p) => p.name === name))
      if (missing.length > 0) {
        op.parameters = [...(own ?? []), ...missing.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } }))]
        warnings.push({ rule: "path-parameters-defined", pointer: opPointer, message: `path parameter${missing.length > 1 ? "s" : ""} ${missing.map(show).join(", ")} not declared: read as required string${missing.length > 1 ? "s" : ""}` })
      }
    }
  }
  return warnings
}

/** Whether a local `$ref` names a component itself (`#/components/schemas/Pet`), which the generated types can name. */
const namesComponent = (segments: ReadonlyArray<string>): boolean => segments.length === 3 && segments[0] === "components"

/**
 * `$ref`s into a place the generated types cannot index (`#/paths/~1pets/get/…/schema`,
 * `#/components/schemas/Pets/items`): each is replaced with a copy of what it points to. A copy that
 * would hold itself (a recursive schema reached that way) is made a component schema instead, named
 * after where it is, with a warning.
 */
export const inlineDeepRefs = (doc: Json): Array<Finding> => {
  const warnings: Array<Finding> = []
  const hoisted = new Map<string, string>()
  const hadComponents = "components" in doc
  const components = (doc.components ??= {}) as Json
  const visit = (node: unknown, stack: ReadonlyArray<string>): unknown => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = visit(node[i], stack)
      return node
    }
    if (!isObject(node)) return node
    const ref = localRef(node)
    const segments = ref === undefined ? undefined : refSegments(ref)
    if (segments !== undefined && segments.length > 0 && !namesComponent(segments)) {
      const pointer = toPointer(segments)
      const target = nodeAt(doc, segments)
      if (target === undefined) return node
      const { $ref: _, ...siblings } = node
      if (stack.includes(pointer)) {
        let name = hoisted.get(pointer)
        if (name === undefined) {
          const base = segments.filter((s) => !["paths", "components", "schemas", "content", "responses", "properties", "schema"].includes(s)).join("_").replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^_+|_+$/g, "") || "Schema"
          const schemas = (components.schemas ??= {}) as Json
          name = base
          for (let n = 2; name in schemas; n++) name = `${base}${n}`
          hoisted.set(pointer, name)
          schemas[name] = {}
          schemas[name] = visit(structuredClone(target), [...stack, pointer])
          warnings.push({ rule: "ref-into-schema", pointer, message: `a recursive schema reached by a $ref into it: its type is named components/schemas/${name}` })
        }
        return { ...siblings, $ref: `#/components/schemas/${escapeToken(name)}` }
      }
      const copy = visit(structuredClone(target), [...stack, pointer])
      return isObject(copy) && Object.keys(siblings).length > 0 ? { ...copy, ...siblings } : copy
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === "example" || key === "examples" || key === "const" || key === "enum") continue
      node[key] = visit(child, stack)
    }
    return node
  }
  for (const [key, child] of Object.entries(doc)) doc[key] = visit(child, [])
  if (!hadComponents && Object.keys(components).length === 0) delete doc.components
  return warnings
}
