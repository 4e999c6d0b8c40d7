import type { Har, HarEntry } from "@effect-openapi/contract"
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import * as path from "node:path"

/** What a known-bad fixture must be rejected for. */
export interface Expectation {
  /** The JSON pointer of the violation. */
  readonly pointer: string
  /** Words the violation's message holds. */
  readonly message: string
  /** Only `--strict` catches it. */
  readonly strict: boolean
}

type Edit = (entry: HarEntry) => HarEntry
const editBody = (f: (body: any) => void): Edit => (entry) => {
  const body = JSON.parse(entry.response.content.text!)
  f(body)
  const text = JSON.stringify(body)
  return { ...entry, response: { ...entry.response, content: { ...entry.response.content, text, size: text.length } } }
}
const withUrl = (url: string): Edit => (entry) => ({ ...entry, request: { ...entry.request, url, queryString: [] } })
const withStatus = (status: number): Edit => (entry) => ({ ...entry, response: { ...entry.response, status } })
const withHeaders = (f: (h: HarEntry["response"]["headers"]) => HarEntry["response"]["headers"]): Edit => (entry) => ({ ...entry, response: { ...entry.response, headers: f(entry.response.headers) } })

/** One known-bad fixture: which recorded entry it starts from, what is broken, and what must catch it. */
interface Defect {
  readonly name: string
  readonly from: { readonly file: string; readonly index: number }
  readonly edit: Edit
  readonly expect: Expectation
}

const show200 = { file: "show.har", index: 0 }
const count200 = { file: "count.har", index: 0 }
const count429 = { file: "count.har", index: 4 }

/** Ten kinds of defect (and three more), each rejected for its own reason. */
export const defects: ReadonlyArray<Defect> = [
  { name: "wrong-type", from: show200, edit: editBody((b) => (b.deleted_user.id = String(b.deleted_user.id))), expect: { pointer: "/response/body/deleted_user/id", message: "integer", strict: false } },
  { name: "missing-required-property", from: show200, edit: editBody((b) => delete b.deleted_user.email), expect: { pointer: "/response/body/deleted_user/email", message: "missing required property", strict: false } },
  { name: "bad-date-time", from: show200, edit: editBody((b) => (b.deleted_user.created_at = "26/08/2019 02:10")), expect: { pointer: "/response/body/deleted_user/created_at", message: "date-time", strict: false } },
  { name: "undocumented-status", from: count200, edit: withStatus(418), expect: { pointer: "/response/status", message: "undocumented status", strict: false } },
  { name: "wrong-content-type", from: count200, edit: withHeaders((hs) => hs.map((h) => (h.name === "content-type" ? { ...h, value: "text/html" } : h))), expect: { pointer: "/response/headers/content-type", message: "undocumented content type", strict: false } },
  { name: "undocumented-endpoint", from: count200, edit: withUrl("https://example.zendesk.com/api/v2/deleted_users/10000000001/restore"), expect: { pointer: "/request/url", message: "undocumented endpoint", strict: false } },
  { name: "bad-path-parameter", from: show200, edit: withUrl("https://example.zendesk.com/api/v2/deleted_users/abc"), expect: { pointer: "/request/path/deleted_user_id", message: "\"abc\"", strict: false } },
  { name: "undocumented-property", from: show200, edit: editBody((b) => (b.deleted_user.deleted_at = "2019-08-26T02:10:27Z")), expect: { pointer: "/response/body/deleted_user/deleted_at", message: "undocumented property", strict: true } },
  { name: "missing-retry-after", from: count429, edit: withHeaders((hs) => hs.filter((h) => h.name !== "retry-after")), expect: { pointer: "/response/headers/retry-after", message: "missing required header", strict: false } },
  { name: "null-where-not-nullable", from: show200, edit: editBody((b) => (b.deleted_user.name = null)), expect: { pointer: "/response/body/deleted_user/name", message: "string", strict: false } },
  { name: "undocumented-enum-value", from: show200, edit: editBody((b) => (b.deleted_user.role = "owner")), expect: { pointer: "/response/body/deleted_user/role", message: "undocumented enum value", strict: true } },
  { name: "body-not-json", from: count200, edit: (e) => ({ ...e, response: { ...e.response, content: { ...e.response.content, text: '{"count":{"value":1' } } }), expect: { pointer: "/response/body", message: "does not parse", strict: false } },
  { name: "wrong-pagination-type", from: { file: "list-cursor.har", index: 0 }, edit: editBody((b) => (b.meta.has_more = "false")), expect: { pointer: "/response/body/meta/has_more", message: "boolean", strict: false } }
]

/** Writes the known-bad fixtures, derived from the recorded ones; each names its expectation in `log.comment`. */
export const writeBadFixtures = (recordedDir: string, outDir: string): Array<string> => {
  mkdirSync(outDir, { recursive: true })
  return defects.map((defect) => {
    const source = JSON.parse(readFileSync(path.join(recordedDir, defect.from.file), "utf8")) as Har
    const har: Har = { log: { ...source.log, comment: JSON.stringify(defect.expect), entries: [defect.edit(source.log.entries[defect.from.index]!)] } }
    const file = path.join(outDir, `${defect.name}.har`)
    writeFileSync(file, `${JSON.stringify(har, null, 2)}\n`)
    return file
  })
}
