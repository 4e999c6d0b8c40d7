/**
 * Every call visible: the operation span (attributes, retry events, request id), the listing span
 * over page spans, metrics, trace propagation only when asked and never along a redirect, and no
 * secret anywhere: checked with an in-process tracer, then through the real OTLP/HTTP JSON exporter.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Metric from "effect/Metric"
import * as OtlpMetrics from "effect/observability/OtlpMetrics"
import * as OtlpSerialization from "effect/observability/OtlpSerialization"
import * as OtlpTracer from "effect/observability/OtlpTracer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as Tracer from "effect/Tracer"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import {
  fromHttpClient,
  makeExecutor,
  metricNames,
  metricSeries,
  paginate,
  spanUrl,
  type ApiDescription,
  type ClientOptions,
  type OperationSpec,
  type Transport
} from "@effect-openapi/runtime"
import { nodeTransport } from "@effect-openapi/runtime/node"

const bearer = "bearer-SECRET-7f3a"
const apiKey = "key-SECRET-91cd"
const userInfo = "pw-SECRET-55"
const secrets = [bearer, apiKey, userInfo]

const jsonContent = [{ mediaType: "application/json", kind: "json" as const }]
const responses = { "200": { content: jsonContent }, "404": { content: jsonContent }, "429": { content: jsonContent } }
const security = [["token", "key"]]
const showUser: OperationSpec = { id: "showUser", method: "get", path: "/users/{id}", parameters: [{ name: "id", in: "path" }], responses, security }
const moved: OperationSpec = { id: "moved", method: "get", path: "/moved", parameters: [], responses, security }
const listItems: OperationSpec = { id: "listItems", method: "get", path: "/items", parameters: [{ name: "page", in: "query" }], responses, security }
const api: ApiDescription = {
  name: "Zendesk",
  securitySchemes: { token: { type: "http", scheme: "bearer" }, key: { type: "apiKey", in: "query", name: "api_key" } },
  requestIdHeader: undefined
}

interface Seen {
  readonly url: string
  readonly headers: http.IncomingHttpHeaders
}

/**
 * The API: `/users/1` answers 429 (Retry-After: 0) once, then 200 with a request id; `/users/2` is
 * 404; `/moved` redirects to `/users/1`; `/items` has three pages, the second linking to the third
 * with user info in its URL.
 */
const apiServer = Effect.acquireRelease(
  Effect.callback<{ readonly url: string; readonly seen: Array<Seen> }>((resume) => {
    const seen: Array<Seen> = []
    let limited = false
    const server = http.createServer((req, res) => {
      seen.push({ url: req.url ?? "", headers: req.headers })
      const path = (req.url ?? "").split("?")[0]
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers })
        res.end(JSON.stringify(body))
      }
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      if (path === "/v1/users/1") {
        if (!limited) {
          limited = true
          return send(429, { error: "slow down" }, { "retry-after": "0" })
        }
        return send(200, { id: 1 }, { "x-zendesk-request-id": "req-123" })
      }
      if (path === "/v1/users/2") return send(404, { error: "no" }, { "x-request-id": "req-404" })
      if (path === "/v1/moved") {
        res.writeHead(307, { location: "/v1/users/1" })
        return res.end()
      }
      if (path === "/v1/items") {
        const page = new URL(req.url ?? "", base).searchParams.get("page") ?? "1"
        if (page === "1") return send(200, { items: [1, 2], next: `${base}/v1/items?page=2&sig=${apiKey}` })
        if (page === "2") return send(200, { items: [3], next: `http://user:${userInfo}@127.0.0.1:${(server.address() as AddressInfo).port}/v1/items?page=3` })
        return send(200, { items: [4], next: null })
      }
      send(500, {})
    })
    server.listen(0, "127.0.0.1", () => resume(Effect.succeed({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server })))
  }),
  (running) => Effect.sync(() => (running as unknown as { server: http.Server }).server.close())
)

/** A tracer keeping every span it makes (Effect's own in-memory spans). */
const capturing = () => {
  const spans: Array<Tracer.NativeSpan> = []
  const tracer = Tracer.make({
    span: (options) => {
      const span = new Tracer.NativeSpan(options)
      spans.push(span)
      return span
    }
  })
  return { spans, tracer }
}

const clientOptions = (url: string, extra: Partial<ClientOptions> = {}): ClientOptions => ({
  baseUrl: `${url}/v1`,
  auth: { token: Redacted.make(bearer), key: Redacted.make(apiKey) },
  retry: { base: "1 millis", cap: "1 millis" },
  timeout: "5 seconds",
  ...extra
})

const transports: ReadonlyArray<readonly [string, () => Transport]> = [
  ["node:http", () => nodeTransport()],
  ["HttpClient (fetch)", () => fromHttpClient(Effect.runSync(Effect.provide(Effect.service(HttpClient.HttpClient), FetchHttpClient.layer)))]
]

const dump = (spans: ReadonlyArray<Tracer.NativeSpan>): string =>
  JSON.stringify(spans.map((span) => ({ name: span.name, attributes: [...span.attributes], events: span.events })), (_, value) => (typeof value === "bigint" ? String(value) : value))

describe("telemetry", () => {
  for (const [label, transport] of transports) {
    describe(`over ${label}`, () => {
      it.live("a span per operation: its name, HTTP client attributes, the request id, each retry as an event; no secret", () =>
        Effect.gen(function*() {
          const { url, seen } = yield* apiServer
          const { spans, tracer } = capturing()
          const run = makeExecutor(transport(), clientOptions(url), api)
          yield* Effect.withTracer(run(showUser, { path: { id: 1 } }), tracer)
          const failed = yield* Effect.withTracer(Effect.flip(run(showUser, { path: { id: 2 } })), tracer)
          expect(failed._tag).toBe("NotFound")

          const ours = spans.filter((span) => span.name.startsWith("Zendesk."))
          // No span of the HttpClient's own (named by method, with the whole URL).
          expect(spans.map((span) => span.name)).toEqual(["Zendesk.showUser", "Zendesk.showUser"])
          const [ok, notFound] = ours
          expect(ok!.kind).toBe("client")
          expect(Object.fromEntries(ok!.attributes)).toEqual({
            "http.request.method": "GET",
            "url.full": `${url}/v1/users/1?api_key=REDACTED`,
            "server.address": "127.0.0.1",
            "server.port": Number(new URL(url).port),
            "http.response.status_code": 200,
            "http.response.header.x-zendesk-request-id": "req-123",
            "http.request.resend_count": 1
          })
          expect(ok!.events).toHaveLength(1)
          const [name, , event] = ok!.events[0]!
          expect(name).toBe("retry")
          expect(event).toMatchObject({ "retry.attempt": 1, "retry.reason": "RateLimited", "retry.wait_source": "retry-after", "http.response.status_code": 429 })
          expect(typeof event["retry.wait_ms"]).toBe("number")
          expect(ok!.status._tag).toBe("Ended")

          expect(Object.fromEntries(notFound!.attributes)).toMatchObject({
            "http.response.status_code": 404,
            "error.type": "NotFound",
            "http.response.header.x-request-id": "req-404"
          })
          const exit = notFound!.status._tag === "Ended" ? notFound!.status.exit : undefined
          expect(exit?._tag).toBe("Failure")

          for (const secret of secrets) expect(dump(spans)).not.toContain(secret)
          // Not asked to propagate: no trace header reaches the API, from us or from the HttpClient.
          for (const request of seen) {
            expect(request.headers["traceparent"]).toBeUndefined()
            expect(request.headers["b3"]).toBeUndefined()
          }
        }).pipe(Effect.scoped), 20_000)

      it.live("propagateTrace sends the call's traceparent to the API, and not along a redirect", () =>
        Effect.gen(function*() {
          const { url, seen } = yield* apiServer
          const { spans, tracer } = capturing()
          const run = makeExecutor(transport(), clientOptions(url, { propagateTrace: true, retry: false }), api)
          yield* Effect.withTracer(Effect.flip(run(moved, {})), tracer)
          const span = spans.find((s) => s.name === "Zendesk.moved")!
          expect(seen[0]!.url).toBe(`/v1/moved?api_key=${apiKey}`)
          expect(seen[0]!.headers["traceparent"]).toBe(`00-${span.traceId}-${span.spanId}-01`)
          expect(seen[0]!.headers["b3"]).toBeUndefined()
          expect(seen[1]!.url.startsWith("/v1/users/1")).toBe(true)
          expect(seen[1]!.headers["traceparent"]).toBeUndefined()
        }).pipe(Effect.scoped), 20_000)

      it.live("a listing is one span with a span per page under it; no query value or user info in any", () =>
        Effect.gen(function*() {
          const { url } = yield* apiServer
          const { spans, tracer } = capturing()
          const options = clientOptions(url)
          const run = makeExecutor(transport(), options, api)
          const items = yield* Effect.withTracer(
            Stream.runCollect(paginate("listItems", { style: "next-link", items: "/items", next: "/next" }, options.baseUrl, (input, next) => run(listItems, input, {}, next), { query: { page: 1 } })),
            tracer
          )
          expect(items).toEqual([1, 2, 3, 4])
          const listing = spans.find((span) => span.name === "Zendesk.listItems pages")!
          const pages = spans.filter((span) => span.name === "Zendesk.listItems")
          expect(pages).toHaveLength(3)
          for (const page of pages) {
            expect(page.parent._tag).toBe("Some")
            expect(page.parent._tag === "Some" ? page.parent.value.spanId : undefined).toBe(listing.spanId)
          }
          expect(Object.fromEntries(listing.attributes)).toMatchObject({ "pagination.style": "next-link", "pagination.pages": 3, "pagination.items": 4 })
          expect(pages.map((page) => page.attributes.get("url.full"))).toEqual([
            `${url}/v1/items?page=REDACTED&api_key=REDACTED`,
            `${url}/v1/items?page=REDACTED&sig=REDACTED`,
            `${url}/v1/items?page=REDACTED`
          ])
          for (const secret of secrets) expect(dump(spans)).not.toContain(secret)
        }).pipe(Effect.scoped), 20_000)
    })
  }

  it.live("metrics: requests by operation and status, latency, retries, 429s and the seconds waited on them", () =>
    Effect.gen(function*() {
      const { url } = yield* apiServer
      const run = makeExecutor(nodeTransport(), clientOptions(url), api)
      yield* run(showUser, { path: { id: 1 } })
      yield* Effect.flip(run(showUser, { path: { id: 2 } }))
      const requests = (status: string) => Metric.value(metricSeries.requests("Zendesk", "showUser", status))
      expect((yield* requests("200")).count).toBe(1)
      expect((yield* requests("404")).count).toBe(1)
      expect((yield* requests("429")).count).toBe(1)
      const duration = yield* Metric.value(metricSeries.duration("Zendesk", "showUser"))
      expect(duration.count).toBe(3)
      const retries = yield* Metric.value(metricSeries.retries("Zendesk", "showUser", "RateLimited"))
      expect(retries.count).toBe(1)
      const limited = yield* Metric.value(metricSeries.rateLimited("Zendesk", "showUser"))
      expect(limited.count).toBe(1)
      const waited = yield* Metric.value(metricSeries.rateLimitWait("Zendesk", "showUser"))
      expect(waited.count).toBeGreaterThanOrEqual(0)
      const snapshot = JSON.stringify(yield* Metric.snapshot, (_, value) => (typeof value === "bigint" ? String(value) : value))
      for (const secret of secrets) expect(snapshot).not.toContain(secret)
    }).pipe(Effect.scoped, Effect.provideService(Metric.MetricRegistry, new Map())), 20_000)

  it("spanUrl drops user info and the fragment, and replaces every query value", () => {
    expect(spanUrl("https://u:p@api.test:8443/a/b?x=1&y=&z#frag")).toBe("https://api.test:8443/a/b?x=REDACTED&y=REDACTED&z=REDACTED")
    expect(spanUrl("http://api.test/a")).toBe("http://api.test/a")
    expect(spanUrl("http://api.test:8080/a?api_key=s3cret&flag&&b=%20x")).toBe("http://api.test:8080/a?api_key=REDACTED&flag=REDACTED&b=REDACTED")
    expect(spanUrl("http://api.test?x=1")).toBe("http://api.test?x=REDACTED")
    expect(spanUrl("not a url")).toBe("")
  })
})

/** A node:http OTLP/HTTP JSON receiver: keeps each POSTed body by path. */
const receiver = Effect.acquireRelease(
  Effect.callback<{ readonly url: string; readonly bodies: Array<{ readonly path: string; readonly text: string }>; readonly server: http.Server }>((resume) => {
    const bodies: Array<{ readonly path: string; readonly text: string }> = []
    const server = http.createServer((req, res) => {
      const chunks: Array<Buffer> = []
      req.on("data", (chunk: Buffer) => chunks.push(chunk))
      req.on("end", () => {
        bodies.push({ path: req.url ?? "", text: Buffer.concat(chunks).toString("utf8") })
        res.writeHead(200, { "content-type": "application/json" })
        res.end("{}")
      })
    })
    server.listen(0, "127.0.0.1", () => resume(Effect.succeed({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies, server })))
  }),
  (running) => Effect.sync(() => running.server.close())
)

interface OtlpSpan {
  readonly name: string
  readonly spanId: string
  readonly parentSpanId?: string
  readonly kind: number
  readonly attributes: ReadonlyArray<{ readonly key: string; readonly value: Record<string, unknown> }>
  readonly events?: ReadonlyArray<{ readonly name: string; readonly attributes: ReadonlyArray<{ readonly key: string; readonly value: Record<string, unknown> }> }>
}

const attributeOf = (attributes: OtlpSpan["attributes"], key: string): unknown => {
  const value = attributes.find((attribute) => attribute.key === key)?.value
  return value === undefined ? undefined : Object.values(value)[0]
}

describe("telemetry through the OTLP exporter", () => {
  it.live("the span tree, attributes, retry events and metrics reach an OTLP/HTTP JSON receiver, with no secret in any payload", () =>
    Effect.gen(function*() {
      const { url } = yield* apiServer
      const collector = yield* receiver
      const options = clientOptions(url)
      const program = Effect.gen(function*() {
        const run = makeExecutor(nodeTransport(), options, api)
        yield* run(showUser, { path: { id: 1 } })
        yield* Stream.runDrain(paginate("listItems", { style: "next-link", items: "/items", next: "/next" }, options.baseUrl, (input, next) => run(listItems, input, {}, next), { query: { page: 1 } }))
      })
      const telemetry = Layer.mergeAll(
        OtlpTracer.layer({ url: `${collector.url}/v1/traces`, resource: { serviceName: "telemetry-test" }, exportInterval: "100 millis" }),
        OtlpMetrics.layer({ url: `${collector.url}/v1/metrics`, resource: { serviceName: "telemetry-test" }, exportInterval: "100 millis" })
      ).pipe(Layer.provide(OtlpSerialization.layerJson), Layer.provide(FetchHttpClient.layer))
      // The layer's scope closes after the program: the exporters flush then (bounded by their shutdown timeout).
      yield* program.pipe(Effect.provide(telemetry), Effect.provideService(Metric.MetricRegistry, new Map()))

      const traces = collector.bodies.filter((body) => body.path === "/v1/traces")
      expect(traces.length).toBeGreaterThan(0)
      const spans: Array<OtlpSpan> = traces.flatMap((body) =>
        (JSON.parse(body.text).resourceSpans as Array<{ scopeSpans: Array<{ spans: Array<OtlpSpan> }> }>).flatMap((r) => r.scopeSpans.flatMap((s) => s.spans))
      )
      const show = spans.find((span) => span.name === "Zendesk.showUser")!
      expect(show.kind).toBe(3) // SPAN_KIND_CLIENT
      expect(attributeOf(show.attributes, "url.full")).toBe(`${url}/v1/users/1?api_key=REDACTED`)
      expect(attributeOf(show.attributes, "http.request.method")).toBe("GET")
      expect(String(attributeOf(show.attributes, "http.response.status_code"))).toBe("200")
      expect(attributeOf(show.attributes, "http.response.header.x-zendesk-request-id")).toBe("req-123")
      expect(show.events?.map((event) => event.name)).toEqual(["retry"])
      expect(attributeOf(show.events![0]!.attributes, "retry.reason")).toBe("RateLimited")

      const listing = spans.find((span) => span.name === "Zendesk.listItems pages")!
      const pages = spans.filter((span) => span.name === "Zendesk.listItems")
      expect(pages).toHaveLength(3)
      for (const page of pages) expect(page.parentSpanId).toBe(listing.spanId)

      const metrics = collector.bodies.filter((body) => body.path === "/v1/metrics").map((body) => body.text).join("\n")
      for (const name of Object.values(metricNames)) expect(metrics).toContain(name)

      const everything = collector.bodies.map((body) => body.text).join("\n")
      for (const secret of secrets) expect(everything).not.toContain(secret)
    }).pipe(Effect.scoped), 30_000)
})
