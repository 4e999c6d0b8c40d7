/**
 * The Postman collection (v2.1) of a spec, by openapi-to-postmanv2: folders by tag, one request per
 * operation, base URL and credentials as collection variables, example bodies from the spec's own
 * examples (its schema faker is off: it draws from `Math.random` and caches across conversions, so the
 * same spec would not give the same file, and the drift check needs it byte for byte).
 *
 * @module
 */
import converter from "openapi-to-postmanv2"
import type { OpenApiDocument } from "./load.js"

type Json = Record<string, unknown>

/**
 * Path variables become collection variables (`{{deleted_user_id}}`), so a run sets them once;
 * placeholder query values (`<integer>`) are off until someone fills them in; random ids and the
 * randomly faked example responses are dropped.
 */
const tidy = (node: unknown, variables: Map<string, string>): unknown => {
  if (Array.isArray(node)) return node.map((n) => tidy(n, variables))
  if (node === null || typeof node !== "object") return node
  const out: Json = {}
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === "_postman_id" || key === "id") continue
    // Saved example responses are faked from the schemas at random by the converter: left out.
    if (key === "response" && Array.isArray(value)) {
      out[key] = []
      continue
    }
    out[key] = tidy(value, variables)
  }
  // A faked map (`additionalProperties`) gets a random number of keys: keep the first.
  if (typeof out.raw === "string" && out.raw.includes('"key_0"')) {
    out.raw = JSON.stringify(JSON.parse(out.raw, (_k, v: unknown) => (v !== null && typeof v === "object" && !Array.isArray(v) && "key_0" in v ? { key_0: (v as Json).key_0 } : v)), null, 2)
  }
  const url = out.url as { variable?: Array<Json>; query?: Array<Json> } | undefined
  if (url !== undefined && typeof url === "object") {
    for (const v of url.variable ?? []) {
      if (typeof v.key === "string" && !/^\{\{.*\}\}$/.test(String(v.value))) {
        variables.set(v.key, String(v.value ?? ""))
        v.value = `{{${v.key}}}`
      }
    }
    for (const q of url.query ?? []) if (typeof q.value === "string" && /^<.*>$/.test(q.value)) q.disabled = true
  }
  return out
}

/** A seeded generator (mulberry32): where the converter still fakes a value, it fakes the same one. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/**
 * Converts a spec to a Postman v2.1 collection; fails with the converter's reason. The converter
 * refuses a document with no `info.title` or no `paths` (a components-only or webhooks-only spec):
 * the title is then `title`, and the paths none.
 */
export const postmanCollection = async (doc: OpenApiDocument, title = "API"): Promise<Json> => {
  const data = structuredClone(doc) as Json
  const info = (typeof data.info === "object" && data.info !== null ? data.info : {}) as Json
  data.info = { ...info, title: typeof info.title === "string" && info.title !== "" ? info.title : title, version: String(info.version ?? "") }
  if (typeof data.paths !== "object" || data.paths === null) data.paths = {}
  const random = Math.random
  Math.random = seeded(0x5eed)
  const collection = await new Promise<Json>((resolve, reject) =>
      converter.convert({ type: "json", data }, { folderStrategy: "Tags", parametersResolution: "Example", schemaFaker: false, enableOptionalParameters: false, alwaysInheritAuthentication: true }, (error: unknown, result: { result: boolean; reason?: string; output?: Array<{ data: Json }> }) => {
        if (error !== null && error !== undefined) reject(error)
        else if (!result.result || result.output?.[0] === undefined) reject(new Error(`openapi-to-postmanv2: ${result.reason ?? "no collection"}`))
        else resolve(result.output[0].data)
      })
    ).finally(() => {
      Math.random = random
    })
  const variables = new Map<string, string>()
  const tidied = tidy(collection, variables) as Json
  const existing = (tidied.variable ?? []) as Array<Json>
  const added = [...variables].filter(([key]) => !existing.some((v) => v.key === key)).map(([key, value]) => ({ key, value, type: "any" }))
  return { ...tidied, variable: [...existing, ...added] }
}
