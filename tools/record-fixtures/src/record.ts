import { keepHeaders, redactJson, requestHeaderAllowList, responseHeaderAllowList, RecordingError, type Har, type HarEntry, type Redactor } from "@effect-openapi/contract"
import type { Account, Scenario } from "./scenarios.js"

/** Where to record from and as whom. Secrets are only ever put in the Authorization header. */
export interface RecordTarget {
  readonly baseUrl: string
  readonly authorization: { readonly admin: string; readonly agent?: string }
  readonly account: Account
  /** A fixed time for `startedDateTime`, so recordings of the simulator are reproducible. */
  readonly fixedTime?: number
  /** The fakes of this recording (one redactor for every scenario, so a person keeps one fake). */
  readonly redactor: Redactor
}

/** The origin every fixture uses, whatever account or simulator it was recorded from. */
export const fixtureOrigin = "https://example.zendesk.com"

export { RecordingError }

/** The code of a failed `fetch` (ECONNREFUSED, ENOTFOUND, ...), from its causes. */
const connectionCode = (e: unknown): string => {
  let current = e as { code?: unknown; cause?: unknown; message?: unknown } | undefined
  for (let i = 0; i < 5 && current !== undefined && current !== null; i++) {
    if (typeof current.code === "string") return current.code
    current = current.cause as typeof current
  }
  return e instanceof Error ? e.message : String(e)
}

const wrongAuthorization = `Basic ${Buffer.from("nobody@example.com/token:wrong").toString("base64")}`

/** Records one scenario as HAR 1.2, redacted by allow-list. */
export const recordScenario = async (scenario: Scenario, target: RecordTarget): Promise<Har> => {
  const entries: Array<HarEntry> = []
  const previous: Array<{ status: number; body: unknown }> = []
  const origin = new URL(target.baseUrl).origin
  for (let step = scenario.steps(target.account, previous); step !== undefined; step = scenario.steps(target.account, previous)) {
    const headers: Record<string, string> = { accept: "application/json" }
    headers.authorization = step.auth === "wrong" ? wrongAuthorization : step.auth === "agent" ? target.authorization.agent ?? wrongAuthorization : target.authorization.admin
    if (step.fault !== undefined) headers["x-simulator-fault"] = step.fault
    const started = target.fixedTime ?? Date.now()
    const t0 = performance.now()
    const response = await fetch(target.baseUrl + step.path, { method: step.method, headers }).catch((e: unknown) => {
      throw new RecordingError({ message: `cannot reach ${origin} (${connectionCode(e)}): check --base-url and the network; nothing was written` })
    })
    const text = await response.text()
    const elapsed = target.fixedTime === undefined ? Math.round(performance.now() - t0) : 1
    const mimeType = response.headers.get("content-type") ?? ""
    let body: unknown = text
    let recordedText = text
    if (mimeType.includes("json")) {
      try {
        body = JSON.parse(text)
      } catch {
        throw new RecordingError({ message: `${step.method} ${step.path} answered ${response.status} with a body that is not JSON; nothing was written` })
      }
      recordedText = JSON.stringify(redactJson(body, { from: origin, to: fixtureOrigin }, target.redactor))
    }
    previous.push({ status: response.status, body })
    const url = new URL(fixtureOrigin + step.path)
    const responseHeaders = keepHeaders(response.headers.entries(), (name) => responseHeaderAllowList.some((r) => r.test(name)))
    entries.push({
      startedDateTime: new Date(started + entries.length).toISOString(),
      time: elapsed,
      request: {
        method: step.method,
        url: url.href,
        httpVersion: "HTTP/1.1",
        headers: keepHeaders(Object.entries(headers), (name) => requestHeaderAllowList.includes(name)),
        queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
        cookies: [],
        headersSize: -1,
        bodySize: 0
      },
      response: {
        status: response.status,
        statusText: response.statusText,
        httpVersion: "HTTP/1.1",
        headers: responseHeaders,
        cookies: [],
        content: { size: Buffer.byteLength(recordedText), mimeType, text: recordedText },
        redirectURL: "",
        headersSize: -1,
        bodySize: Buffer.byteLength(recordedText)
      },
      cache: {},
      timings: { send: 0, wait: elapsed, receive: 0 }
    })
  }
  return { log: { version: "1.2", creator: { name: "@deleted-users/record-fixtures", version: "0.1.0" }, comment: scenario.description, entries } }
}
