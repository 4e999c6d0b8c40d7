/**
 * What a call shows of itself: the span of each operation (`<ServiceName>.<operationId>`, kind
 * `client`, OpenTelemetry HTTP client attributes), its retries as span events and debug logs, and
 * metrics through `effect/Metric`. Nothing here carries a secret: URLs lose their user info and every
 * query value, and no header is recorded but the server's request id.
 *
 * @module
 */
import type * as Context from "effect/Context"
import type * as Fiber from "effect/Fiber"
import * as Metric from "effect/Metric"
import * as References from "effect/References"
import * as Tracer from "effect/Tracer"

/** The response headers read for the server's request id when a client names none, first found wins. */
export const defaultRequestIdHeaders: ReadonlyArray<string> = [
  "x-request-id",
  "x-zendesk-request-id",
  "request-id",
  "x-amzn-requestid",
  "x-github-request-id",
  "x-correlation-id"
]

/** What a query value is replaced with in `url.full` (the name is kept): `REDACTED`, as OpenTelemetry suggests. */
export const redactedValue = "REDACTED"

/**
 * A URL as spans show it (`url.full`): no user info, no fragment, and every query value replaced
 * by `REDACTED` (names kept). An API key sent in the query never reaches an exporter.
 */
export const spanUrl = (url: string): string => {
  // The URLs the executor builds (base URL, path, query) need no parsing: no user info, no fragment.
  if (!url.includes("@") && !url.includes("#") && /^https?:\/\/[^/?]+(\/|\?|$)/.test(url)) {
    const query = url.indexOf("?")
    if (query < 0) return url
    return redactQuery(url.slice(0, query), url.slice(query))
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return ""
  }
  return redactQuery(`${parsed.protocol}//${parsed.host}${parsed.pathname}`, parsed.search)
}

/** `path` and the names of `query` (`?a=1&b`), each with the value `REDACTED`. */
const redactQuery = (path: string, query: string): string => {
  if (query.length <= 1) return path
  let out = path
  let separator = "?"
  for (const part of query.slice(1).split("&")) {
    if (part === "") continue
    const equals = part.indexOf("=")
    out += `${separator}${equals < 0 ? part : part.slice(0, equals)}=${redactedValue}`
    separator = "&"
  }
  return out
}

/** The port of a URL, its scheme's default when it names none. */
const portOf = (url: URL): number => (url.port !== "" ? Number(url.port) : url.protocol === "https:" ? 443 : 80)

/** The `server.address` and `server.port` of a base URL. */
export const serverOf = (baseUrl: string): {
  /** The host name (`server.address`). */
  readonly address: string
  /** The port, the scheme's default when the URL gives none (`server.port`). */
  readonly port: number
} => {
  const url = new URL(baseUrl)
  return { address: url.hostname, port: portOf(url) }
}

/**
 * Whether a call makes a span: tracing is on and a tracer other than Effect's in-memory default is
 * installed, or the client propagates the trace (the header needs a span id). Otherwise a call
 * allocates no span and no attribute.
 */
export const isTraced = (fiber: Fiber.Fiber<unknown, unknown>, propagate: boolean): boolean => {
  if (!fiber.getRef(References.TracerEnabled)) return false
  return propagate || fiber.getRef(Tracer.Tracer) !== Tracer.nativeTracer
}

/** The W3C `traceparent` header of a span. */
export const traceparent = (span: Tracer.Span): string => `00-${span.traceId}-${span.spanId}-${span.sampled ? "01" : "00"}`

/** Latency buckets of `openapi.client.request.duration`, in seconds (OpenTelemetry's advice for HTTP clients). */
export const durationBoundaries: ReadonlyArray<number> = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]

/** The metric names, for dashboards and tests. */
export const metricNames = {
  /** Counter: HTTP exchanges, by `service`, `operation` and `status` (the code, or the transport failure: `Timeout`, `Connection`...). */
  requests: "openapi.client.requests",
  /** Histogram: seconds per HTTP exchange, by `service` and `operation`. */
  duration: "openapi.client.request.duration",
  /** Counter: retries, by `service`, `operation` and `reason` (the error's tag, or tag and transport reason). */
  retries: "openapi.client.retries",
  /** Counter: 429 responses, by `service` and `operation`. */
  rateLimited: "openapi.client.rate_limited",
  /** Counter: seconds waited before a retry the server asked for (`Retry-After`) or after a 429, by `service` and `operation`. */
  rateLimitWait: "openapi.client.rate_limit.wait"
} as const

const series = new Map<string, Metric.Metric<number, unknown>>()

/** A metric series with fixed attributes, made once and kept (an update then allocates nothing). */
const seriesOf = <M extends Metric.Metric<number, unknown>>(key: string, make: () => M): M => {
  let metric = series.get(key) as M | undefined
  if (metric === undefined) {
    metric = make()
    series.set(key, metric)
  }
  return metric
}

/** The telemetry of one client: its name, request id headers, and its metric series. */
export interface ClientTelemetry {
  /** The service name spans start with. */
  readonly service: string
  /** `server.address` of the base URL. */
  readonly address: string
  /** `server.port` of the base URL. */
  readonly port: number
  /** Response headers read for the request id, lower case. */
  readonly requestIdHeaders: ReadonlyArray<string>
  /** Counts an exchange and its latency (seconds). */
  readonly exchanged: (context: Context.Context<never>, operation: string, status: string, seconds: number) => void
  /** Counts a retry, and the wait when the server asked for it. */
  readonly retried: (context: Context.Context<never>, operation: string, reason: string, seconds: number, rateLimited: boolean) => void
}

/**
 * The metric series of the runtime, by their attributes: the very metrics a client updates (a series
 * is made once and kept), for reading them with `Metric.value` or in tests.
 */
export const metricSeries = {
  /** `openapi.client.requests{service, operation, status}`. */
  requests: (service: string, operation: string, status: string): Metric.Metric<number, Metric.CounterState<number>> =>
    seriesOf(`r\0${service}\0${operation}\0${status}`, () =>
      Metric.counter(metricNames.requests, { description: "HTTP exchanges of generated clients", incremental: true, attributes: { service, operation, status } })),
  /** `openapi.client.request.duration{service, operation}`, in seconds. */
  duration: (service: string, operation: string): Metric.Metric<number, Metric.HistogramState> =>
    seriesOf(`d\0${service}\0${operation}`, () =>
      Metric.histogram(metricNames.duration, { description: "Seconds per HTTP exchange", boundaries: durationBoundaries, attributes: { service, operation } })),
  /** `openapi.client.retries{service, operation, reason}`. */
  retries: (service: string, operation: string, reason: string): Metric.Metric<number, Metric.CounterState<number>> =>
    seriesOf(`t\0${service}\0${operation}\0${reason}`, () =>
      Metric.counter(metricNames.retries, { description: "Retries of generated clients", incremental: true, attributes: { service, operation, reason } })),
  /** `openapi.client.rate_limited{service, operation}`. */
  rateLimited: (service: string, operation: string): Metric.Metric<number, Metric.CounterState<number>> =>
    seriesOf(`l\0${service}\0${operation}`, () =>
      Metric.counter(metricNames.rateLimited, { description: "429 responses", incremental: true, attributes: { service, operation } })),
  /** `openapi.client.rate_limit.wait{service, operation}`, in seconds. */
  rateLimitWait: (service: string, operation: string): Metric.Metric<number, Metric.CounterState<number>> =>
    seriesOf(`w\0${service}\0${operation}`, () =>
      Metric.counter(metricNames.rateLimitWait, { description: "Seconds waited on rate limits and Retry-After", incremental: true, attributes: { service, operation } }))
}

/** The telemetry of a client named `service` on `baseUrl`. */
export const clientTelemetry = (service: string, baseUrl: string, requestIdHeaders: ReadonlyArray<string>): ClientTelemetry => {
  const server = serverOf(baseUrl)
  // The series of each operation, looked up without building a key per call.
  type Series = {
    readonly requests: Map<string, Metric.Metric<number, unknown>>
    readonly duration: Metric.Metric<number, unknown>
    readonly rateLimited: Metric.Metric<number, unknown>
  }
  const byOperation = new Map<string, Series>()
  const seriesFor = (operation: string): Series => {
    let found = byOperation.get(operation)
    if (found === undefined) {
      found = { requests: new Map(), duration: metricSeries.duration(service, operation), rateLimited: metricSeries.rateLimited(service, operation) }
      byOperation.set(operation, found)
    }
    return found
  }
  return {
    service,
    address: server.address,
    port: server.port,
    requestIdHeaders: requestIdHeaders.map((name) => name.toLowerCase()),
    exchanged: (context, operation, status, seconds) => {
      const found = seriesFor(operation)
      let requests = found.requests.get(status)
      if (requests === undefined) {
        requests = metricSeries.requests(service, operation, status)
        found.requests.set(status, requests)
      }
      requests.updateUnsafe(1, context)
      found.duration.updateUnsafe(seconds, context)
      if (status === "429") found.rateLimited.updateUnsafe(1, context)
    },
    retried: (context, operation, reason, seconds, rateLimited) => {
      metricSeries.retries(service, operation, reason).updateUnsafe(1, context)
      if (rateLimited) metricSeries.rateLimitWait(service, operation).updateUnsafe(seconds, context)
    }
  }
}

const serviceNames = new Map<string, string>()

/**
 * Remembers the service name of the client on a base URL, for the listing spans of its streams
 * (`paginate` is given the base URL, not the client). The last client made on a URL wins.
 */
export const registerServiceName = (baseUrl: string, service: string): void => {
  serviceNames.set(baseUrl, service)
}

/** The service name of the client on a base URL: the registered one, else the URL's host name. */
export const serviceNameOf = (baseUrl: string): string => {
  const known = serviceNames.get(baseUrl)
  if (known !== undefined) return known
  try {
    return new URL(baseUrl).hostname
  } catch {
    return "openapi"
  }
}
