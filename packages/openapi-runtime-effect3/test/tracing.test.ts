// fromHttpClient leaves tracing to the caller: the HttpClient's own span (named by method, with the
// whole URL, an API key in the query included) and its b3/traceparent headers are off.
// Plain vitest running Effect 3 programs (the workspace's @effect/vitest is for Effect 4).
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Tracer from "effect/Tracer"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { describe, expect, it } from "vitest"
import * as Metric from "effect/Metric"
import * as Stream from "effect/Stream"
import { makeExecutor, type ApiDescription } from "../src/client.js"
import type { OperationSpec } from "@effect-openapi/runtime-effect3"
import { paginate } from "../src/paginate.js"
import { metricSeries } from "../src/telemetry.js"
import { fromHttpClient } from "../src/transport.js"
import { nodeTransport } from "../src/transport-node.js"

const apiKey = "key-SECRET-91cd"

interface Captured {
  readonly name: string
  readonly spanId: string
  readonly traceId: string
  readonly parent: string | undefined
  readonly kind: string
  readonly attributes: Map<string, unknown>
  readonly events: Array<[string, Record<string, unknown>]>
}

/** A tracer keeping what each span it makes was given. */
const capturing = () => {
  const spans: Array<Captured> = []
  let ids = 0
  const tracer = Tracer.make({
    span: (name, parent, context, links, startTime, kind) => {
      const spanId = (++ids).toString(16).padStart(16, "0")
      const captured: Captured = {
        name, spanId, traceId: "0af7651916cd43dd8448eb211c80319c", kind, attributes: new Map(), events: [],
        parent: parent._tag === "Some" ? parent.value.spanId : undefined
      }
      spans.push(captured)
      const span: Tracer.Span = {
        _tag: "Span", name, spanId, traceId: captured.traceId, parent, context, status: { _tag: "Started", startTime }, attributes: captured.attributes,
        links, sampled: true, kind, end: () => undefined, attribute: (key, value) => void captured.attributes.set(key, value),
        event: (event, _time, attributes) => void captured.events.push([event, attributes ?? {}]), addLinks: () => undefined
      }
      return span
    },
    context: (f) => f()
  })
  return { spans, tracer }
}

describe("telemetry (Effect 3)", () => {
  it("an operation span with HTTP client attributes, the request id and retry events; a listing span over page spans; metrics; traceparent only when asked", async () => {
    const seen: Array<{ readonly url: string; readonly headers: http.IncomingHttpHeaders }> = []
    let limited = false
    const server = http.createServer((req, res) => {
      seen.push({ url: req.url ?? "", headers: req.headers })
      const path = (req.url ?? "").split("?")[0]
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers })
        res.end(JSON.stringify(body))
      }
      if (path === "/v1/users/1") {
        if (!limited) {
          limited = true
          return send(429, {}, { "retry-after": "0" })
        }
        return send(200, { id: 1 }, { "x-zendesk-request-id": "req-123" })
      }
      const page = new URL(req.url ?? "", "http://x").searchParams.get("page") ?? "1"
      return send(200, { items: [Number(page)], next: page === "3" ? null : `/v1/items?page=${Number(page) + 1}` })
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const json = [{ mediaType: "application/json", kind: "json" as const }]
      const responses = { "200": { content: json }, "429": { content: json } }
      const showUser: OperationSpec = { id: "showUser", method: "get", path: "/users/1", parameters: [], responses, security: [["key"]] }
      const listItems: OperationSpec = { id: "listItems", method: "get", path: "/items", parameters: [{ name: "page", in: "query" }], responses, security: [["key"]] }
      const api: ApiDescription = { name: "Zendesk3", securitySchemes: { key: { type: "apiKey", in: "query", name: "api_key" } }, requestIdHeader: undefined }
      const options = { baseUrl: `${url}/v1`, auth: { key: Redacted.make(apiKey) }, retry: { base: "1 millis", cap: "1 millis" } as const, propagateTrace: true }
      const { spans, tracer } = capturing()
      const run = makeExecutor(nodeTransport(), options, api)
      await Effect.runPromise(Effect.withTracer(run(showUser, {}), tracer))
      const items = await Effect.runPromise(Effect.withTracer(Stream.runCollect(paginate("listItems", { style: "next-link", items: "/items", next: "/next" }, options.baseUrl, (input, next) => run(listItems, input, {}, next), { query: { page: 1 } })), tracer))
      expect([...items]).toEqual([1, 2, 3])

      const show = spans.find((span) => span.name === "Zendesk3.showUser")!
      expect(show.kind).toBe("client")
      expect(Object.fromEntries(show.attributes)).toEqual({
        "http.request.method": "GET",
        "url.full": `${url}/v1/users/1?api_key=REDACTED`,
        "server.address": "127.0.0.1",
        "server.port": Number(new URL(url).port),
        "http.response.status_code": 200,
        "http.response.header.x-zendesk-request-id": "req-123",
        "http.request.resend_count": 1
      })
      expect(show.events.map(([name]) => name)).toEqual(["retry"])
      expect(show.events[0]![1]).toMatchObject({ "retry.attempt": 1, "retry.reason": "RateLimited", "retry.wait_source": "retry-after", "http.response.status_code": 429 })
      expect(seen[0]!.headers["traceparent"]).toBe(`00-${show.traceId}-${show.spanId}-01`)

      const listing = spans.find((span) => span.name === "Zendesk3.listItems pages")!
      const pages = spans.filter((span) => span.name === "Zendesk3.listItems")
      expect(pages).toHaveLength(3)
      for (const page of pages) expect(page.parent).toBe(listing.spanId)
      expect(Object.fromEntries(listing.attributes)).toMatchObject({ "pagination.style": "next-link", "pagination.pages": 3, "pagination.items": 3 })

      expect(JSON.stringify(spans.map((span) => [span.name, [...span.attributes], span.events]))).not.toContain(apiKey)
      const counted = await Effect.runPromise(Metric.value(metricSeries.requests("Zendesk3", "showUser", "429")))
      expect(counted.count).toBe(1)
      const retried = await Effect.runPromise(Metric.value(metricSeries.retries("Zendesk3", "showUser", "RateLimited")))
      expect(retried.count).toBe(1)
    } finally {
      server.close()
    }
  })
})

describe("fromHttpClient and tracing", () => {
  it("makes no span of the HttpClient's own and sends no trace header, so no API key reaches a span", async () => {
    const seen: Array<http.IncomingHttpHeaders> = []
    const server = http.createServer((req, res) => {
      seen.push(req.headers)
      res.writeHead(200, { "content-type": "application/json" })
      res.end("{}")
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()))
    try {
      const spans: Array<{ readonly name: string; readonly attributes: Map<string, unknown> }> = []
      const tracer = Tracer.make({
        span: (name, parent, context, links, startTime, kind) => {
          const attributes = new Map<string, unknown>()
          spans.push({ name, attributes })
          const span: Tracer.Span = {
            _tag: "Span", name, spanId: "0000000000000002", traceId: "00000000000000000000000000000002", parent, context,
            status: { _tag: "Started", startTime }, attributes, links, sampled: true, kind,
            end: () => undefined, attribute: (key, value) => void attributes.set(key, value), event: () => undefined, addLinks: () => undefined
          }
          return span
        },
        context: (f) => f()
      })
      const operation: OperationSpec = { id: "showUser", method: "get", path: "/users/1", parameters: [], responses: { "200": { content: [{ mediaType: "application/json", kind: "json" }] } }, security: [["key"]] }
      const api: ApiDescription = { securitySchemes: { key: { type: "apiKey", in: "query", name: "api_key" } }, requestIdHeader: undefined }
      const program = Effect.gen(function* () {
        const client = yield* HttpClient.HttpClient
        const run = makeExecutor(fromHttpClient(client), { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, auth: { key: Redacted.make(apiKey) } }, api)
        yield* run(operation, {}).pipe(Effect.withSpan("caller"))
      })
      await Effect.runPromise(program.pipe(Effect.provide(FetchHttpClient.layer), Effect.withTracer(tracer)))
      expect(spans.map((span) => span.name)).toEqual(["caller", "127.0.0.1.showUser"])
      expect(JSON.stringify(spans.map((span) => [...span.attributes]))).not.toContain(apiKey)
      expect(spans[1]!.attributes.get("url.full")).toMatch(/\/users\/1\?api_key=REDACTED$/)
      expect(seen).toHaveLength(1)
      expect(seen[0]!["traceparent"]).toBeUndefined()
      expect(seen[0]!["b3"]).toBeUndefined()
    } finally {
      server.close()
    }
  })
})
