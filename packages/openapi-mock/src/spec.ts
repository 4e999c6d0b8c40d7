/**
 * Loads a spec: a file (YAML or JSON, split over files by relative `$ref`s), its text, or a parsed
 * object; bundled into one document by Redocly's `bundle`, every `$ref` then local.
 *
 * @module
 */
import { bundle, bundleFromString, createConfig } from "@redocly/openapi-core"
import { access } from "node:fs/promises"
import * as path from "node:path"
import type { Document } from "./openapi.js"
import { at } from "./pointer.js"

/** A spec the mock can't serve: unreadable, not OpenAPI 3.0/3.1, or with a `$ref` that does not resolve. One line. */
export class SpecError extends Error {
  /** Tells it from other errors. */
  readonly _tag = "SpecError"
  /** `message` is one line saying what is wrong. */
  constructor(message: string) {
    super(message)
    this.name = "SpecError"
  }
}

/** A loaded spec: the bundled document and its OpenAPI version. */
export interface Spec {
  /** The document, every `$ref` local (`#/...`). */
  readonly document: Document
  /** `3.0` or `3.1`: which JSON Schema dialect its schemas follow. */
  readonly version: "3.0" | "3.1"
}

const isText = (spec: string) => spec.includes("\n") || /^\s*[{]/.test(spec) || /^\s*openapi\s*:/.test(spec)

const bundled = async (spec: string | object) => {
  const config = await createConfig({})
  if (typeof spec === "object") {
    return bundleFromString({ source: JSON.stringify(spec), absoluteRef: path.resolve("openapi.json"), config })
  }
  if (isText(spec)) return bundleFromString({ source: spec, absoluteRef: path.resolve("openapi.yaml"), config })
  const file = path.resolve(spec)
  await access(file).catch(() => {
    throw new SpecError(`can't read the spec: ${spec} does not exist`)
  })
  return bundle({ ref: file, config })
}

const versionOf = (doc: unknown): "3.0" | "3.1" => {
  const version = doc !== null && typeof doc === "object" ? (doc as { openapi?: unknown; swagger?: unknown }) : {}
  if (typeof version.openapi === "string" && /^3\.0\./.test(version.openapi)) return "3.0"
  if (typeof version.openapi === "string" && /^3\.1\./.test(version.openapi)) return "3.1"
  const found = version.openapi !== undefined
    ? `openapi: ${String(version.openapi)}`
    : version.swagger !== undefined
    ? `swagger: ${String(version.swagger)}`
    : "no openapi field"
  throw new SpecError(`not an OpenAPI 3.0 or 3.1 document (${found})`)
}

/** Loads and bundles a spec: a file path, YAML/JSON text, or a parsed document; rejects with `SpecError`. */
export const loadSpec = async (spec: string | object): Promise<Spec> => {
  let result: Awaited<ReturnType<typeof bundle>>
  try {
    result = await bundled(spec)
  } catch (error) {
    if (error instanceof SpecError) throw error
    const message = String((error as Error)?.message ?? error).split("\n")[0] ?? ""
    // Redocly's word for a document that says neither `openapi` nor `swagger`.
    if (message === "Unsupported specification") throw new SpecError("not an OpenAPI 3.0 or 3.1 document (no openapi field)")
    throw new SpecError(`can't read the spec: ${message}`)
  }
  const parsed: unknown = result.bundle.parsed
  const version = versionOf(parsed)
  const problem = result.problems.find((p) => p.severity === "error")
  if (problem !== undefined) {
    const location = problem.location[0]
    const pointer = location?.pointer ?? "#/"
    const file = location?.source.absoluteRef
    const root = result.bundle.source.absoluteRef
    const ref = file === root ? (at(parsed, pointer) as { $ref?: unknown } | undefined)?.$ref : undefined
    const what = typeof ref === "string" ? `can't resolve $ref ${ref}` : problem.message.split("\n")[0]
    const where = file === undefined || file === root ? pointer : `${path.relative(process.cwd(), file)}${pointer}`
    throw new SpecError(`${what} (at ${where})`)
  }
  const paths = (parsed as { paths?: unknown }).paths
  if (paths !== undefined && (paths === null || typeof paths !== "object")) throw new SpecError("`paths` is not an object")
  return { document: parsed as Document, version }
}
