// Starts a mock for a spec around a describe block (127.0.0.1, port 0, closed after), and calls it.
import { afterAll, beforeAll } from "@effect/vitest"
import * as path from "node:path"
import { type RunningMock, startMock } from "../../src/index.js"

/** The repository's root. */
export const root = path.resolve(import.meta.dirname, "../../../..")

/** The three specs the tests serve. */
export const specs = {
  museum: path.join(root, "tools/codegen/test/specs/redocly-museum.yaml"),
  iceberg: path.join(root, "tools/codegen/test/specs/iceberg-rest-catalog.yaml"),
  zendesk: path.join(root, "specs/zendesk/deleted-users.yml")
} as const

/** A mock started before the block's tests and closed after them; `current()` is it. */
export const useMock = (spec: string | object): (() => RunningMock) => {
  let mock: RunningMock | undefined
  beforeAll(async () => {
    mock = await startMock({ spec, port: 0, host: "127.0.0.1" })
  })
  afterAll(async () => {
    await mock?.close()
  })
  return () => mock!
}

/** A request to the mock: method, path, headers, and a JSON body (or raw text). */
export interface Call {
  readonly method?: string
  readonly path: string
  readonly headers?: Record<string, string>
  readonly json?: unknown
  readonly text?: string
}

/** What came back: status, headers (lower case), the body as text and, when it is JSON, parsed. */
export interface Answer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly text: string
  readonly body: unknown
}

/** Sends one request to the mock. */
export const call = async (mock: RunningMock, c: Call): Promise<Answer> => {
  const headers: Record<string, string> = { ...(c.json === undefined ? {} : { "content-type": "application/json" }), ...c.headers }
  const body = c.json === undefined ? c.text : JSON.stringify(c.json)
  const res = await fetch(`${mock.url}${c.path}`, { method: c.method ?? "GET", headers, ...(body === undefined ? {} : { body }) })
  const text = await res.text()
  const type = res.headers.get("content-type") ?? ""
  return { status: res.status, headers: Object.fromEntries(res.headers), text, body: /json/.test(type) && text !== "" ? JSON.parse(text) : undefined }
}

/** HTTP Basic credentials, as the museum's security asks. */
export const basic = { authorization: `Basic ${Buffer.from("ada:secret").toString("base64")}` }

/** A bearer token, as Iceberg's and Zendesk's security accept. */
export const bearer = { authorization: "Bearer token_123" }
