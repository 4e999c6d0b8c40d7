/**
 * Reading an OpenAPI document for `verify` and `diff`: from any path (`/dev/fd/*` included, so
 * `<(git show main:spec.yml)` works) or from git (`ref:path`), parsed, and checked enough to compare:
 * an OpenAPI 3.x object with `paths`, and every `$ref` resolving. Every failure is an `InputError`.
 *
 * @module
 */
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import * as path from "node:path"
import * as YAML from "yaml"
import { InputError, reasonOf } from "./input-error.js"
import { at, pointer } from "./pointer.js"

/** An OpenAPI document as plain JSON. */
type Doc = Record<string, unknown>

/** Reads a file's text; `/dev/fd/*` and other pipes are read to their end. */
export const readSpecText = (file: string): string => {
  try {
    return readFileSync(file, "utf8")
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${reasonOf(e)}`)
  }
}

/** The text of `file` as committed at a git ref (`git show <ref>:./<file>`, run beside the file). */
export const readSpecAtRef = (ref: string, file: string): string => {
  const absolute = path.resolve(file)
  try {
    return execFileSync("git", ["show", `${ref}:./${path.basename(absolute)}`], { cwd: path.dirname(absolute), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 2 ** 20 })
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? "").trim().split("\n")[0]
    throw new InputError(`${file} at ${ref}: ${stderr || reasonOf(e)}`)
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v)

/** Every `$ref` of a document that does not resolve (local pointers only; an external one is refused too). */
export const danglingRefs = (doc: Doc): Array<{
  /** Where the `$ref` is (a JSON pointer). */
  readonly at: string
  /** The `$ref` itself. */
  readonly ref: string
  /** Why it does not resolve. */
  readonly reason: string
}> => {
  const out: Array<{ at: string; ref: string; reason: string }> = []
  const walk = (node: unknown, where: string, depth: number): void => {
    if (depth > 200 || node === null || typeof node !== "object") return
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${where}/${i}`, depth + 1))
    const ref = (node as Record<string, unknown>).$ref
    if (typeof ref === "string") {
      if (!ref.startsWith("#")) out.push({ at: where, ref, reason: "external $ref (not supported)" })
      else if (at(doc, ref) === undefined) out.push({ at: where, ref, reason: "points nowhere" })
    }
    for (const [k, v] of Object.entries(node)) {
      // Examples are data: a `$ref` key in one is a value, not a reference.
      if (k === "example" || (k === "value" && where.includes("/examples/"))) continue
      walk(v, pointer(where, k), depth + 1)
    }
  }
  walk(doc, "#", 0)
  return out
}

/** JSON is YAML, but `JSON.parse` reads it ten times faster: try it first on what looks like JSON. */
const parseText = (text: string, name: string): unknown => {
  if (/^\s*[{[]/.test(text)) {
    try {
      return JSON.parse(text) as unknown
    } catch {
      // YAML flow style, or broken: the YAML parser says where
    }
  }
  const parsed = YAML.parseDocument(text)
  const error = parsed.errors[0]
  if (error !== undefined) {
    const pos = error.linePos?.[0]
    throw new InputError(`${name}${pos === undefined ? "" : `:${pos.line}:${pos.col}`}: not YAML or JSON: ${error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`)
  }
  return parsed.toJS({ maxAliasCount: 10_000 }) as unknown
}

/** Parses and checks a spec text; `name` is what messages call it (a path, or `ref:path`). */
export const parseSpec = (text: string, name: string): Doc => {
  const doc = parseText(text, name)
  if (!isObject(doc)) throw new InputError(`${name}: not an OpenAPI document (not an object)`)
  if (typeof doc.openapi !== "string" || !/^3\.[01]\./.test(doc.openapi)) throw new InputError(`${name}: not an OpenAPI 3.0 or 3.1 document (openapi: ${JSON.stringify(doc.openapi ?? null)})`)
  if (!isObject(doc.paths)) throw new InputError(`${name}: invalid spec: no paths object`)
  for (const [p, item] of Object.entries(doc.paths)) {
    if (!p.startsWith("/")) throw new InputError(`${name}: invalid spec: path ${JSON.stringify(p)} does not start with /`)
    if (!isObject(item)) throw new InputError(`${name}: invalid spec: path ${JSON.stringify(p)} is not an object`)
  }
  const dangling = danglingRefs(doc)
  if (dangling.length > 0) {
    const first = dangling[0]!
    throw new InputError(`${name}: ${dangling.length} unresolved $ref${dangling.length === 1 ? "" : "s"}, first at ${first.at}: ${first.ref} ${first.reason}`)
  }
  return doc
}

/** Reads and checks a spec from a path, or from git when `ref` is given. */
export const readSpec = (file: string, ref?: string): Doc =>
  ref === undefined ? parseSpec(readSpecText(file), file) : parseSpec(readSpecAtRef(ref, file), `${ref}:${file}`)
