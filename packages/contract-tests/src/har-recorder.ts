/**
 * Recording for every API: a `HarRecorder` wraps the `HttpClient` a generated client's `layerWith` runs over
 * and writes each exchange as HAR 1.2, redacted as `deleted-users-record` redacts (headers by allow-list,
 * personal data faked, the origin moved, the given secrets and secret-looking query values replaced), and
 * saved by the same safe-write rules (a temporary folder, no replacing a folder it did not make without
 * `force`). What it records verifies with `verify` against the API's spec.
 *
 * @module
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientError from "effect/http/HttpClientError"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as UrlParams from "effect/http/UrlParams"
import { writeFileSync } from "node:fs"
import { STATUS_CODES } from "node:http"
import * as path from "node:path"
import type { Har, HarEntry } from "./har.js"
import { keepHeaders, makeRedactor, redactJson, requestHeaderAllowList, responseHeaderAllowList, type Redactor } from "./redact.js"
import { RecordingError, writeFolders } from "./safe-write.js"

/** How a `HarRecorder` records and redacts. */
export interface HarRecorderOptions {
  /** Values that must never be written (tokens, passwords, API keys): each is replaced by `<redacted>` wherever it appears. */
  readonly secrets?: ReadonlyArray<Redacted.Redacted<string> | string>
  /** The base URL the fixtures show in place of the recorded origin (default: the recorded origin). */
  readonly fixtureOrigin?: string
  /** The fakes for personal data (default: fresh random ones; `makeRedactor({ seed })` for reproducible ones). */
  readonly redactor?: Redactor
  /** Request headers kept besides the recorder's allow-list (`accept`), in lower case; never `authorization` or `cookie`. */
  readonly requestHeaders?: ReadonlyArray<string>
  /** Response headers kept besides the allow-list (content type, retry-after, rate limits, request id), in lower case; never `set-cookie`. */
  readonly responseHeaders?: ReadonlyArray<string>
  /** Query parameters whose values are replaced by `<redacted>`, besides any whose name says key, token, secret, password, signature or auth. */
  readonly redactQuery?: ReadonlyArray<string>
  /** The largest response body recorded, in bytes (default 4 MiB); a larger one fails the call with an `HttpClientError`. */
  readonly maxBodyBytes?: number
  /** The HAR's `creator.name` (default `@effect-openapi/contract`). */
  readonly creator?: string
}

/** Where and how `HarRecorder.save` writes. */
export interface SaveOptions {
  /** The folder of the recording; replaced as a whole (a folder the recorder made), or refused without `force`. */
  readonly dir: string
  /** The HAR file's name, without `.har` (default `recording`). */
  readonly name?: string
  /** Replace `dir` even when the recorder did not make it. */
  readonly force?: boolean
  /** The HAR's `comment`. */
  readonly comment?: string
}

/** A recorder of one session's traffic: its layer, what it has recorded, and how to save it. */
export interface HarRecorder {
  /** Wraps the `HttpClient` of the context: provide it to a generated client's `layerWith`, then the real `HttpClient` to it. */
  readonly layer: Layer.Layer<HttpClient.HttpClient, never, HttpClient.HttpClient>
  /** Wraps a given `HttpClient`. */
  readonly wrap: (client: HttpClient.HttpClient) => HttpClient.HttpClient
  /** The entries recorded so far, redacted, in the order the responses arrived. */
  readonly entries: () => ReadonlyArray<HarEntry>
  /** The recording as HAR 1.2. */
  readonly har: (comment?: string) => Har
  /** Writes the recording to `dir/name.har` by the safe-write rules; refuses an empty recording. Returns the file. */
  readonly save: (options: SaveOptions) => Promise<string>
}

const redactedMark = "<redacted>"
const secretQuery = /key|token|secret|password|passwd|signature|auth|session|credential/i
const neverKept = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"])
const nullBodyStatus = new Set([101, 103, 204, 205, 304])

/** Replaces every occurrence of each secret (and its URL-encoded and base64 forms) in a text. */
const scrub = (text: string, secrets: ReadonlyArray<string>): string => {
  let out = text
  for (const secret of secrets) {
    for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64")]) {
      if (form.length >= 4) out = out.split(form).join(redactedMark)
    }
  }
  return out
}

const isTextual = (mimeType: string): boolean => /json|text|xml|x-www-form-urlencoded|javascript|yaml/i.test(mimeType) || mimeType === ""

/** Reads a response body of at most `limit` bytes. */
const readBounded = (response: HttpClientResponse.HttpClientResponse, limit: number): Effect.Effect<Uint8Array<ArrayBuffer>, HttpClientError.HttpClientError> =>
  Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let size = 0
    return Stream.runForEachArray(response.stream, (arrived) => {
      for (const chunk of arrived) {
        size += chunk.length
        if (size > limit) {
          return Effect.fail(new HttpClientError.HttpClientError({ reason: new HttpClientError.DecodeError({ request: response.request, response, description: `the HAR recorder keeps response bodies up to ${limit} bytes (maxBodyBytes)` }) }))
        }
        chunks.push(chunk)
      }
      return Effect.void
    }).pipe(
      Effect.catchIf((e) => HttpClientError.isHttpClientError(e) && e.reason._tag === "EmptyBodyError", () => Effect.void),
      Effect.map(() => {
        const body = new Uint8Array(size)
        let offset = 0
        for (const chunk of chunks) {
          body.set(chunk, offset)
          offset += chunk.length
        }
        return body
      })
    )
  })

/** A recorder (see `HarRecorder`). */
export const makeHarRecorder = (options: HarRecorderOptions = {}): HarRecorder => {
  const secrets = (options.secrets ?? []).map((s) => (typeof s === "string" ? s : Redacted.value(s))).filter((s) => s.length > 0)
  const redactor = options.redactor ?? makeRedactor("random")
  const limit = options.maxBodyBytes ?? 4 * 1024 * 1024
  const requestAllowed = new Set([...requestHeaderAllowList, ...(options.requestHeaders ?? []).map((h) => h.toLowerCase())])
  const responseExtra = new Set((options.responseHeaders ?? []).map((h) => h.toLowerCase()))
  const queryRedacted = new Set((options.redactQuery ?? []).map((q) => q.toLowerCase()))
  const recorded: Array<HarEntry> = []

  const record = (response: HttpClientResponse.HttpClientResponse, body: Uint8Array, started: number, elapsed: number): void => {
    const request = response.request
    const query = UrlParams.toString(request.urlParams)
    const sent = new URL(query === "" ? request.url : `${request.url}${request.url.includes("?") ? "&" : "?"}${query}`)
    const origin = sent.origin
    const to = options.fixtureOrigin?.replace(/\/+$/, "") ?? origin
    // A secret-looking query value is a secret for this entry too: a server may echo it in the body.
    const entrySecrets = [...secrets]
    for (const [name, value] of [...sent.searchParams]) {
      if (secretQuery.test(name) || queryRedacted.has(name.toLowerCase())) {
        entrySecrets.push(value)
        sent.searchParams.set(name, redactedMark)
      }
    }
    const url = new URL(to + sent.pathname.replace(/^\//, "/") + sent.search)
    const mimeType = response.headers["content-type"] ?? ""
    let text: string
    let encoding: string | undefined
    if (isTextual(mimeType)) {
      text = Buffer.from(body).toString("utf8")
      if (/json/i.test(mimeType)) {
        try {
          text = JSON.stringify(redactJson(JSON.parse(text), { from: origin, to }, redactor))
        } catch {
          // Not JSON after all: kept as text (the contract check will say so).
        }
      }
    } else {
      text = Buffer.from(body).toString("base64")
      encoding = "base64"
    }
    text = scrub(text, entrySecrets)
    const keep = (allowed: (name: string) => boolean) => (name: string) => !neverKept.has(name) && allowed(name)
    const headerList = (headers: Record<string, string | undefined>) => Object.entries(headers).flatMap(([n, v]) => (v === undefined ? [] : [[n, scrub(v, entrySecrets)] as [string, string]]))
    recorded.push({
      startedDateTime: new Date(started).toISOString(),
      time: elapsed,
      request: {
        method: request.method,
        url: scrub(url.href, entrySecrets),
        httpVersion: "HTTP/1.1",
        headers: keepHeaders(headerList(request.headers), keep((n) => requestAllowed.has(n))),
        queryString: [...url.searchParams].map(([name, value]) => ({ name, value: scrub(value, entrySecrets) })),
        cookies: [],
        headersSize: -1,
        bodySize: -1
      },
      response: {
        status: response.status,
        statusText: STATUS_CODES[response.status] ?? "",
        httpVersion: "HTTP/1.1",
        headers: keepHeaders(headerList(response.headers), keep((n) => responseHeaderAllowList.some((r) => r.test(n)) || responseExtra.has(n))),
        cookies: [],
        content: { size: body.length, mimeType, text, ...(encoding === undefined ? {} : { encoding }) },
        redirectURL: "",
        headersSize: -1,
        bodySize: body.length
      },
      cache: {},
      timings: { send: 0, wait: elapsed, receive: 0 }
    })
  }

  const wrap = (client: HttpClient.HttpClient): HttpClient.HttpClient =>
    HttpClient.transform(client, (effect, request) =>
      Effect.gen(function* () {
        const started = yield* Clock.currentTimeMillis
        const response = yield* effect
        const body = yield* readBounded(response, limit)
        const elapsed = (yield* Clock.currentTimeMillis) - started
        record(response, body, started, elapsed)
        const headers = Object.fromEntries(Object.entries(response.headers).filter((e): e is [string, string] => e[1] !== undefined))
        return HttpClientResponse.fromWeb(request, new Response(nullBodyStatus.has(response.status) ? null : body, { status: response.status, headers }))
      })
    )

  const har = (comment?: string): Har => ({
    log: { version: "1.2", creator: { name: options.creator ?? "@effect-openapi/contract", version: "1" }, ...(comment === undefined ? {} : { comment }), entries: [...recorded] }
  })

  return {
    layer: Layer.effect(HttpClient.HttpClient, Effect.map(Effect.service(HttpClient.HttpClient), wrap)),
    wrap,
    entries: () => [...recorded],
    har,
    save: async (save) => {
      if (recorded.length === 0) throw new RecordingError({ message: "no request was recorded; nothing was written" })
      const file = `${save.name ?? "recording"}.har`
      if (file.includes("/") || file.includes(path.sep) || file.startsWith(".")) throw new RecordingError({ message: `${JSON.stringify(save.name)} is not a file name; nothing was written` })
      const [written] = await writeFolders([save.dir], save.force === true, ([staged]) => {
        const target = path.join(staged!, file)
        writeFileSync(target, `${JSON.stringify(har(save.comment), null, 2)}\n`)
        return [target]
      })
      return written!
    }
  }
}
