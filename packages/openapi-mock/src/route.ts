/**
 * Finds the operation a request is for: its path matched against the spec's path templates (a
 * concrete path before a templated one; the path of a `servers` URL accepted as a prefix), then its
 * method. Tells an undocumented path (404) from an undocumented method (405, with the methods allowed).
 *
 * @module
 */
import type { Document, Operation, Parameter } from "./openapi.js"
import { child, deref } from "./pointer.js"

/** The HTTP methods a path item may hold, in the order `Allow` lists them. */
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const

/** The operation a request is for. */
export interface Route {
  /** The path template, e.g. `/pets/{id}`. */
  readonly template: string
  /** The method, lower case. */
  readonly method: string
  /** The operation. */
  readonly operation: Operation
  /** Its JSON pointer in the spec: `#/paths/~1pets~1{id}/get`. */
  readonly pointer: string
  /** The path's and the operation's parameters (the operation's win), each with its pointer. */
  readonly parameters: ReadonlyArray<{ readonly value: Parameter; readonly pointer: string }>
  /** The path parameters, percent-decoded. */
  readonly pathParams: Readonly<Record<string, string>>
}

/** What routing found: the operation, or why there is none. */
export type Routed =
  | { readonly _tag: "Found"; readonly route: Route }
  | { readonly _tag: "NoPath" }
  | { readonly _tag: "NoMethod"; readonly allowed: ReadonlyArray<string> }

interface Template {
  readonly template: string
  readonly regex: RegExp
  readonly names: ReadonlyArray<string>
  /** Concrete before templated: fewer parameters, then more literal characters. */
  readonly rank: readonly [number, number]
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

const compile = (template: string): Template => {
  const names: Array<string> = []
  let literal = 0
  const source = template.split(/(\{[^}]+\})/).map((part) => {
    if (/^\{[^}]+\}$/.test(part)) {
      names.push(part.slice(1, -1))
      return "([^/]+)"
    }
    literal += part.length
    return escapeRegex(part)
  }).join("")
  return { template, regex: new RegExp(`^${source}$`), names, rank: [names.length, -literal] }
}

/** The paths of the spec's `servers` URLs, their variables at their defaults: `/api/v3` for `https://x.io/api/v3`. */
const serverPrefixes = (doc: Document): ReadonlyArray<string> =>
  (doc.servers ?? []).flatMap((server) => {
    const url = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? "")
    try {
      const prefix = new URL(url, "http://localhost").pathname.replace(/\/+$/, "")
      return prefix === "" ? [] : [prefix]
    } catch {
      return []
    }
  }).sort((a, b) => b.length - a.length)

const decode = (s: string) => {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

const parametersOf = (doc: Document, template: string, method: string) => {
  const itemPointer = child("#/paths", template)
  const item = doc.paths?.[template] ?? {}
  const located = (list: unknown, pointer: string) =>
    (Array.isArray(list) ? list : []).map((p, i) => deref<Parameter>(doc, p, child(pointer, "parameters", i)))
  const operation = item[method] as Operation
  const byKey = new Map<string, { readonly value: Parameter; readonly pointer: string }>()
  for (const p of [...located(item.parameters, itemPointer), ...located(operation.parameters, child(itemPointer, method))]) {
    if (p.value !== null && typeof p.value === "object") byKey.set(`${p.value.in} ${p.value.name}`, p)
  }
  return [...byKey.values()]
}

/** Routes requests for a spec: compile its path templates once, then call with each request's method and path. */
export const makeRouter = (doc: Document) => {
  const templates = Object.keys(doc.paths ?? {}).map(compile).sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1])
  const prefixes = serverPrefixes(doc)
  const match = (pathname: string) => templates.flatMap((t) => {
    const m = t.regex.exec(pathname)
    return m === null ? [] : [{ t, values: m.slice(1) }]
  })
  return (method: string, pathname: string): Routed => {
    let matches = match(pathname)
    for (const prefix of prefixes) {
      if (matches.length > 0) break
      if (pathname.startsWith(`${prefix}/`)) matches = match(pathname.slice(prefix.length))
    }
    if (matches.length === 0) return { _tag: "NoPath" }
    const wanted = method.toLowerCase()
    const has = (template: string, m: string) => {
      const op = doc.paths?.[template]?.[m]
      return op !== null && typeof op === "object"
    }
    for (const { t, values } of matches) {
      const found = has(t.template, wanted) ? wanted : wanted === "head" && has(t.template, "get") ? "get" : undefined
      if (found === undefined) continue
      const pathParams = Object.fromEntries(t.names.map((name, i) => [name, decode(values[i] ?? "")]))
      const route: Route = {
        template: t.template,
        method: found,
        operation: doc.paths?.[t.template]?.[found] as Operation,
        pointer: child("#/paths", t.template, found),
        parameters: parametersOf(doc, t.template, found),
        pathParams
      }
      return { _tag: "Found", route }
    }
    const allowed = new Set(matches.flatMap(({ t }) => METHODS.filter((m) => has(t.template, m)).map((m) => m.toUpperCase())))
    return { _tag: "NoMethod", allowed: [...allowed] }
  }
}
