/**
 * The executor under every generated method: input checked before anything is sent, the request
 * encoded and authenticated, sent through the transport with a timeout, redirects followed on the
 * configured origin only, the body read up to its limit, decoded, retried by policy.
 *
 * @module
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Schedule from "effect/Schedule"
import type * as Tracer from "effect/Tracer"
import { applySecurity, holdCredentials, unsendableCredential, type Credential, type SecurityScheme } from "./auth.js"
import { decodeResponse, unexpectedResponse, type Received } from "./decode.js"
import { withEnvelope, type ErrorEnvelopeReader } from "./envelope.js"
import { callPath, encodeBody, isHeaderName, isHeaderValue, parameterHeaders, queryString, type EncodedBody } from "@effect-openapi/runtime-core"
import { InvalidInput, TransportError, type OperationError } from "./errors.js"
import type { BodySpec, OperationInput, OperationSpec, Validator } from "@effect-openapi/runtime-core"
import { scheduleOf, type RetrySetting } from "./retry.js"
import { openResponse, type OpenedResponse, type StreamedResponse } from "./streaming.js"
import { checkBaseUrl as checkUrl, isServerProblem, serverUrl, type ServerProblem } from "@effect-openapi/runtime-core"
import { clientTelemetry, defaultRequestIdHeaders, isTraced, registerServiceName, spanUrl, traceparent, type ClientTelemetry } from "./telemetry.js"
import { defaultMaxResponseBytes, maxTimerMillis, tooLargeError, type HttpRequest, type HttpResponse, type Transport } from "./transport.js"
import { describeFailure, policyOf, type ValidationPolicy } from "./validation.js"

/** Redirects to the configured origin a call follows at most, by default: 5. */
export const maxRedirects = 5

/** What every generated client's layer takes. */
export interface ClientOptions {
  /**
   * Where the API is, without a trailing slash (the paths are appended). No user info, query or
   * fragment (they would be dropped or misread): such a URL fails the layer with `InvalidInput`.
   */
  readonly baseUrl: string
  /** Credentials by security scheme name; held `Redacted`. One a header cannot carry (CR, LF, NUL) fails the layer. */
  readonly auth?: Readonly<Record<string, Credential | undefined>>
  /** The retry policy of every call (default: `retryPolicy` by idempotency; `false` for none). */
  readonly retry?: RetrySetting
  /** Per-request timeout (default 30 s); one of 2^31 ms or more is 2^31 - 1 ms (24.8 days), `Duration.infinity` none. */
  readonly timeout?: Duration.DurationInput
  /** Headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>
  /** The response header that carries the server's request id (default: what the spec declares, else `x-request-id`). */
  readonly requestIdHeader?: string
  /**
   * The most bytes of a response body (default `defaultMaxResponseBytes`, 64 MiB), counted as it
   * arrives (decoded, when the transport inflates it): past it the call fails with `TransportError`
   * reason `TooLarge`, not retried.
   */
  readonly maxResponseBytes?: number
  /** Redirects to the configured origin a call follows at most (default `maxRedirects`, 5); a redirect to any other origin is never followed. */
  readonly maxRedirects?: number
  /**
   * Whether to send the W3C `traceparent` of each call's span to the API (default `false`). It goes
   * to the configured origin only: never to another origin, and not along a redirect.
   */
  readonly propagateTrace?: boolean
  /** The name spans and metrics give the client (`<serviceName>.<operationId>`); default: the API's name, else the base URL's host. */
  readonly serviceName?: string
  /**
   * The response headers whose value is recorded on the span as the server's request id, first
   * found wins (default `defaultRequestIdHeaders`, after `requestIdHeader` and the spec's header).
   */
  readonly requestIdHeaders?: ReadonlyArray<string>
  /**
   * Whether an operation that declares its own `servers` (or whose path does) is sent there rather
   * than to `baseUrl` (default `true`: GitHub's uploads go to `uploads.github.com`). `false` sends
   * every call to `baseUrl` (a mock, a proxy, an enterprise host).
   */
  readonly operationServers?: boolean
  /** Values of the variables of operation servers (`{region}`), by name; each must be in its `enum` when it has one. Default: each variable's default. */
  readonly serverVariables?: Readonly<Record<string, string>>
  /** What to do with input and responses that break the spec (default: fail both). */
  readonly validation?: ValidationPolicy
  /**
   * Reads the API's error envelope (its code, description, details, a request id) into every error that
   * came with a response, in the runtime's own classes (see `withEnvelope`); default: none.
   */
  readonly errorEnvelope?: ErrorEnvelopeReader
}

/** What a single call may change. */
export interface CallOptions {
  /** The retry policy of this call, in place of the client's (`false` for none). */
  readonly retry?: RetrySetting
  /** The timeout of each request of this call, in place of the client's. */
  readonly timeout?: Duration.DurationInput
  /** Headers for this call, over the client's headers of the same name. */
  readonly headers?: Readonly<Record<string, string>>
  /** The most bytes of a response body for this call, in place of the client's `maxResponseBytes`. */
  readonly maxResponseBytes?: number
  /** Where this call goes, in place of the client's `baseUrl` and the operation's servers (checked as `baseUrl` is; credentials go with it). */
  readonly baseUrl?: string
  /** Values of the operation servers' variables for this call, over the client's `serverVariables`. */
  readonly serverVariables?: Readonly<Record<string, string>>
  /** The validation policy of this call, over the client's. */
  readonly validation?: ValidationPolicy
}

/** What the generator knows of an API besides its operations. */
export interface ApiDescription {
  /** The security schemes of the spec, by name. */
  readonly securitySchemes: Readonly<Record<string, SecurityScheme>>
  /** The response header the spec declares for request ids, if any. */
  readonly requestIdHeader: string | undefined
  /** The API's name, which spans and metrics start with (`<name>.<operationId>`); default: the base URL's host. */
  readonly name?: string | undefined
}

/** Sends one operation and returns its decoded response; `url` replaces the built URL (next links), and must be on the base URL's origin. */
export interface Executor {
  (operation: OperationSpec, input: OperationInput | undefined, options?: CallOptions, url?: string): Effect.Effect<Received<unknown>, OperationError>
  /**
   * Sends one operation as the call does, but hands a 2xx body over unread, as a `Stream` of its
   * chunks (see `openResponse`); any other status fails with the call's typed error.
   */
  readonly open: (operation: OperationSpec, input: OperationInput | undefined, options?: CallOptions) => Effect.Effect<StreamedResponse, OperationError>
}

const refused = (pointer: string, message: string): InvalidInput => new InvalidInput({ operation: "layer", pointer, message: `layer: ${message}` })

/** The base URL, checked and without its trailing slash (see `checkBaseUrl` of `servers`); a bad one fails the layer. */
const checkBaseUrl = (baseUrl: string): string => {
  const checked = checkUrl(baseUrl, "/baseUrl")
  if (isServerProblem(checked)) throw refused(checked.pointer, checked.message)
  return checked
}

/**
 * A link without user info: a next link on the API's origin may carry some (`http://u:p@host/...`);
 * it is not sent (node:http would make it a Basic credential, fetch refuses the URL).
 */
const withoutUserInfo = (link: string): string => {
  if (!link.includes("@")) return link
  const url = new URL(link)
  url.username = ""
  url.password = ""
  return url.href
}

/** What a retry is for, as spans, logs and metrics show it: the error's tag, and a transport failure's reason. */
const retryReason = (error: OperationError): string => (error instanceof TransportError ? `TransportError.${error.reason}` : error._tag)

/** The HTTP status an error came with, if any. */
const statusOf = (error: OperationError): number | undefined => ("status" in error && typeof error.status === "number" ? error.status : undefined)

/** A byte limit: a whole number, 0 or more. */
const isLimit = (value: number | undefined): boolean => value === undefined || (Number.isSafeInteger(value) && value >= 0)

/** The first header whose name is not a token or whose value a header cannot carry, if any. */
const badHeader = (headers: Readonly<Record<string, string>> | undefined): string | undefined => {
  for (const name in headers) {
    if (!isHeaderName(name) || !isHeaderValue(String(headers[name]))) return name
  }
  return undefined
}

const unsendable = "holds a character a header cannot carry (CR, LF, NUL, or past Latin-1), or is no header name"

/** A timeout as transports arm it: one of 2^31 ms or more is 2^31 - 1 ms (Node would fire it at once). */
const armable = (timeout: Duration.Duration): Duration.Duration =>
  Duration.isFinite(timeout) && Duration.toMillis(timeout) > maxTimerMillis ? Duration.millis(maxTimerMillis) : timeout

const redirects = new Set([301, 302, 303, 307, 308])

const invalid = (operation: string, where: string, validate: Validator): InvalidInput => {
  const { pointer, message } = describeFailure(validate.errors, where)
  return new InvalidInput({ operation, pointer, message: `${operation}: ${pointer === "" ? "the input" : pointer} ${message}` })
}

/** Whether a declared media type (`image/*`, `*\/*`) covers a chosen one (`image/png`). */
const covers = (declared: string, chosen: string): boolean =>
  declared === "*/*" || (declared.endsWith("/*") && chosen.toLowerCase().startsWith(declared.slice(0, -1).toLowerCase()))

/** The body's declared media type and the content type to send: the chosen one (default the first declared). */
type ChosenBody = { readonly media: BodySpec["content"][number]; readonly mediaType: string }

const checkInput = (operation: OperationSpec, input: OperationInput, requests: "fail" | "off"): InvalidInput | ChosenBody | undefined => {
  const params = operation.validateParameters
  if (requests === "fail" && params !== undefined && !params({ path: input.path, query: input.query, headers: input.headers, cookies: input.cookies })) {
    return invalid(operation.id, "", params)
  }
  const body = operation.body
  if (body === undefined) return undefined
  if (input.body === undefined) {
    return body.required ? new InvalidInput({ operation: operation.id, pointer: "/body", message: `${operation.id}: a body is required` }) : undefined
  }
  const wanted = input.contentType
  const chosen = wanted === undefined
    ? body.content[0]
    : body.content.find((c) => c.mediaType === wanted) ?? (isHeaderValue(wanted) && /^[^/\s]+\/[^/\s*]+$/.test(wanted) ? body.content.find((c) => covers(c.mediaType, wanted)) : undefined)
  if (chosen === undefined) {
    return new InvalidInput({ operation: operation.id, pointer: "/contentType", message: `${operation.id}: contentType must be one of ${body.content.map((c) => c.mediaType).join(", ")}` })
  }
  const plain = !(input.body instanceof FormData || input.body instanceof URLSearchParams || input.body instanceof Blob || input.body instanceof Uint8Array)
  if (requests === "fail" && chosen.validate !== undefined && plain && !chosen.validate(input.body)) return invalid(operation.id, "/body", chosen.validate)
  // A wildcard is no content type: bytes sent under one without a choice are `application/octet-stream`.
  return { media: chosen, mediaType: wanted ?? (chosen.mediaType.includes("*") && chosen.kind === "binary" ? "application/octet-stream" : chosen.mediaType) }
}

/** Builds the executor of a client from its transport, options and what the spec says of security. */
export const makeExecutor = (transport: Transport, options: ClientOptions, api: ApiDescription): Executor => {
  const baseUrl = checkBaseUrl(options.baseUrl)
  const origin = new URL(baseUrl).origin
  const credentials = holdCredentials(options.auth)
  const unsendableScheme = unsendableCredential(api.securitySchemes, credentials)
  if (unsendableScheme !== undefined) throw refused(`/auth/${unsendableScheme}`, `the credential of ${unsendableScheme} holds a character a header cannot carry (CR, LF, NUL, or past Latin-1); it is not shown`)
  const unsendableHeader = badHeader(options.headers)
  if (unsendableHeader !== undefined) throw refused(`/headers/${unsendableHeader}`, `the header ${JSON.stringify(unsendableHeader.slice(0, 40))} ${unsendable}`)
  if (!isLimit(options.maxResponseBytes)) throw refused("/maxResponseBytes", "maxResponseBytes must be a whole number of bytes, 0 or more")
  const clientLimit = options.maxResponseBytes ?? defaultMaxResponseBytes
  const sameOrigin = (url: string, on: string): boolean => {
    try {
      return new URL(url).origin === on
    } catch {
      return false
    }
  }
  const operationServers = options.operationServers !== false
  const serverBases = new WeakMap<OperationSpec, string | ServerProblem>()
  /**
   * Where a call goes: the call's `baseUrl`, else the operation's first server (its variables from
   * the call, the client, or their defaults), else the client's `baseUrl`. Each is an origin the user
   * configured or the spec declares for the operation, so the call's credentials go with it.
   */
  const baseOf = (operation: OperationSpec, call: CallOptions): string | ServerProblem => {
    if (call.baseUrl !== undefined) return checkUrl(call.baseUrl, "/options/baseUrl")
    const server = operationServers ? operation.servers?.[0] : undefined
    if (server === undefined) return baseUrl
    if (call.serverVariables !== undefined) return serverUrl(server, { ...options.serverVariables, ...call.serverVariables }, baseUrl, "/options/serverVariables")
    let base = serverBases.get(operation)
    if (base === undefined) {
      base = serverUrl(server, options.serverVariables, baseUrl, "/serverVariables")
      serverBases.set(operation, base)
    }
    return base
  }
  const redirectLimit = Math.max(0, options.maxRedirects ?? maxRedirects)
  const requestIdHeader = (options.requestIdHeader ?? api.requestIdHeader ?? "x-request-id").toLowerCase()
  const propagate = options.propagateTrace === true
  const telemetry: ClientTelemetry = clientTelemetry(
    options.serviceName ?? api.name ?? new URL(baseUrl).hostname,
    baseUrl,
    [...new Set([requestIdHeader, ...(options.requestIdHeaders ?? defaultRequestIdHeaders)])]
  )
  registerServiceName(options.baseUrl, telemetry.service)
  const spanNames = new Map<string, string>()
  const spanNameOf = (operation: OperationSpec): string => {
    let name = spanNames.get(operation.id)
    if (name === undefined) {
      name = `${telemetry.service}.${operation.id}`
      spanNames.set(operation.id, name)
    }
    return name
  }
  const envelope = options.errorEnvelope === undefined ? undefined : withEnvelope(options.errorEnvelope)
  const defaultTimeout = armable(Duration.decode(options.timeout ?? Duration.seconds(30)))
  const clientPolicy = policyOf(options.validation, undefined)
  // The client's headers, names in lower case (checked above).
  const clientHeaders = Object.entries(options.headers ?? {}).map(([k, v]): [string, string] => [k.toLowerCase(), v])
  /** What every call of an operation sends alike, worked out at its first call. */
  type Prepared = {
    /** The `accept` header: every media type the operation answers with. */
    readonly accept: string
    /** Whether the operation has header or cookie parameters. */
    readonly headerParameters: boolean
    /** The credential headers it sends, as `applySecurity` adds them (the credentials never change). */
    readonly authHeaders: ReadonlyArray<[string, string]>
    /** The credentials it sends in the query (an API key). */
    readonly authQuery: ReadonlyArray<[string, string]>
  }
  const prepared = new WeakMap<OperationSpec, Prepared>()
  const prepare = (operation: OperationSpec): Prepared => {
    let found = prepared.get(operation)
    if (found === undefined) {
      const types = new Set(Object.values(operation.responses).flatMap((r) => r.content.map((c) => c.mediaType)))
      const authHeaders: Record<string, string> = {}
      const authQuery: Array<[string, string]> = []
      applySecurity(operation.security, api.securitySchemes, credentials, authHeaders, authQuery)
      found = {
        accept: types.size === 0 ? "*/*" : [...types].join(", "),
        headerParameters: operation.parameters.some((parameter) => parameter.in === "header" || parameter.in === "cookie"),
        authHeaders: Object.entries(authHeaders),
        authQuery
      }
      prepared.set(operation, found)
    }
    return found
  }

  /**
   * Sends a request; a redirect the operation does not declare is followed while it stays on the
   * configured origin (303, and 301/302 after a POST, as a GET without body), at most `maxRedirects`
   * times. One to another origin is `UnexpectedStatus`, not followed: every header, credentials
   * included, would go with it.
   */
  const exchange = (operation: OperationSpec, request: HttpRequest, timeout: Duration.Duration, hops: number, origin: string, streaming: boolean): Effect.Effect<OpenedResponse, OperationError> =>
    Effect.flatMap(streaming ? openResponse(transport, request, timeout) : transport.send(request, timeout), (response): Effect.Effect<OpenedResponse, OperationError> => {
      const limit = request.maxResponseBytes ?? defaultMaxResponseBytes
      // A transport of one's own may not count; the limit still holds.
      if (response.body.length > limit) return Effect.fail(tooLargeError(operation.id, limit, response.status))
      const status = response.status
      const location = response.headers["location"]
      if (!redirects.has(status) || location === undefined || operation.responses[String(status)] !== undefined || operation.responses["3XX"] !== undefined) {
        return Effect.succeed(response)
      }
      const refuse = (reason: string) => Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.fail(unexpectedResponse(operation, response, requestIdHeader, now, reason)))
      let next: URL
      try {
        next = new URL(location, request.url)
      } catch {
        return refuse("a redirect to a Location that is not a URL; not followed")
      }
      if (next.origin !== origin) return refuse(`a redirect to another origin (${next.origin}); not followed, so that no credential leaves ${origin}`)
      if (hops >= redirectLimit) return refuse(`more than ${redirectLimit} redirects; not followed further`)
      next.hash = ""
      const toGet = status === 303 ? request.method !== "head" && request.method !== "get" : (status === 301 || status === 302) && request.method === "post"
      // The trace context goes to the configured request only, never along a redirect.
      const carried = propagate ? Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== "traceparent")) : request.headers
      const headers = toGet ? Object.fromEntries(Object.entries(carried).filter(([name]) => name !== "content-type")) : carried
      return exchange(operation, { ...request, url: next.href, headers, ...(toGet ? { method: "get", body: undefined } : {}) }, timeout, hops + 1, origin, streaming)
    })

  /**
   * One call, in its span when there is one (`span`): checked, encoded, sent, decoded, retried. Each
   * exchange is counted and timed; each retry is a span event, a debug log and a metric.
   */
  const run = (
    clock: Clock.Clock,
    span: Tracer.Span | undefined,
    operation: OperationSpec,
    input: OperationInput,
    call: CallOptions,
    url: string | undefined,
    streaming: boolean
  ): Effect.Effect<Received<unknown>, OperationError> => {
    const policy = call.validation === undefined ? clientPolicy : policyOf(options.validation, call.validation)
    const checked = checkInput(operation, input, policy.requests)
    if (checked instanceof InvalidInput) return Effect.fail(checked)
    const base = baseOf(operation, call)
    if (isServerProblem(base)) return Effect.fail(new InvalidInput({ operation: operation.id, pointer: base.pointer, message: `${operation.id}: ${base.message}` }))
    const callOrigin = base === baseUrl ? origin : new URL(base).origin
    if (url !== undefined && !sameOrigin(url, callOrigin)) {
      return Effect.fail(new InvalidInput({ operation: operation.id, pointer: "/url", message: `${operation.id}: the URL is not on ${callOrigin}; nothing is sent off the API's origin` }))
    }
    // The path is rendered once: its values encoded, its segments checked.
    const path = url === undefined ? callPath(operation, input) : undefined
    if (path !== undefined) {
      const unsafe = path.unsafe
      if (unsafe !== undefined) {
        return Effect.fail(new InvalidInput({
          operation: operation.id,
          pointer: `/path/${unsafe}`,
          message: `${operation.id}: /path/${unsafe} must not be empty, "." or ".." (the URL would lead to another resource)`
        }))
      }
    }
    const callHeader = badHeader(call.headers)
    if (callHeader !== undefined) {
      return Effect.fail(new InvalidInput({ operation: operation.id, pointer: `/options/headers/${callHeader}`, message: `${operation.id}: the header ${JSON.stringify(callHeader.slice(0, 40))} ${unsendable}` }))
    }
    if (!isLimit(call.maxResponseBytes)) {
      return Effect.fail(new InvalidInput({ operation: operation.id, pointer: "/options/maxResponseBytes", message: `${operation.id}: maxResponseBytes must be a whole number of bytes, 0 or more` }))
    }
    const fixed = prepare(operation)
    const headers: Record<string, string> = { accept: fixed.accept }
    for (const [k, v] of clientHeaders) headers[k] = v
    if (call.headers !== undefined) for (const [k, v] of Object.entries(call.headers)) headers[k.toLowerCase()] = v
    if (fixed.headerParameters) {
      parameterHeaders(operation, input, headers)
      for (const parameter of operation.parameters) {
        if (parameter.in === "header" && input.headers?.[parameter.name] !== undefined && !isHeaderValue(headers[parameter.name.toLowerCase()] ?? "")) {
          return Effect.fail(new InvalidInput({
            operation: operation.id,
            pointer: `/headers/${parameter.name}`,
            message: `${operation.id}: /headers/${parameter.name} holds a character a header cannot carry (CR, LF, NUL, or past Latin-1)`
          }))
        }
      }
    }
    // The credentials, as `applySecurity` adds them: over any header of the same name, an API key cookie after the others.
    for (const [k, v] of fixed.authHeaders) headers[k] = k === "cookie" && headers["cookie"] !== undefined ? `${headers["cookie"]}; ${v}` : v
    const query = fixed.authQuery
    const target = path === undefined ? withoutUserInfo(url!) : base + path.path + queryString(operation, input, query)
    const sampled = span !== undefined && span.sampled
    if (sampled) {
      span.attribute("http.request.method", operation.method.toUpperCase())
      span.attribute("url.full", spanUrl(target))
      span.attribute("server.address", telemetry.address)
      span.attribute("server.port", telemetry.port)
    }
    // The trace context goes to the configured origin only, not to an operation's own server.
    if (propagate && span !== undefined && callOrigin === origin) headers["traceparent"] = traceparent(span)
    const timeout = call.timeout === undefined ? defaultTimeout : armable(Duration.decode(call.timeout))
    const maxResponseBytes = call.maxResponseBytes ?? clientLimit
    // Bytes are sent as the caller's own `content-type` header says (e.g. `application/zip` where the spec declares `application/octet-stream`), unless `contentType` chose.
    const typed = checked !== undefined && checked.media.kind === "binary" && input.contentType === undefined ? headers["content-type"] : undefined
    const encoded: EncodedBody | Promise<EncodedBody> | undefined = checked === undefined ? undefined : encodeBody(checked.media.kind, typed ?? checked.mediaType, input.body)
    const withBody = (body: EncodedBody | undefined) => {
      if (body !== undefined) headers["content-type"] = body.contentType
      return exchange(operation, { operation: operation.id, method: operation.method, url: target, headers, body: body?.body, maxResponseBytes }, timeout, 0, callOrigin, streaming)
    }
    const sent = encoded instanceof Promise
      ? Effect.flatMap(
          Effect.tryPromise({
            try: () => encoded,
            catch: () => new TransportError({ operation: operation.id, reason: "Refused", message: `${operation.id}: the body could not be read` })
          }),
          withBody
        )
      : withBody(encoded)
    const observed = (start: bigint, status: string, response: HttpResponse | undefined): void => {
      telemetry.exchanged(operation.id, status, Number(clock.unsafeCurrentTimeNanos() - start) / 1e9)
      if (sampled && response !== undefined) {
        span.attribute("http.response.status_code", response.status)
        for (const name of telemetry.requestIdHeaders) {
          const id = response.headers[name]
          if (id !== undefined) {
            span.attribute(`http.response.header.${name}`, id)
            break
          }
        }
      }
    }
    // The last error, for the retry that follows it (Effect 3's schedules do not show their input to `modifyDelay`).
    let last: OperationError | undefined
    const decoded = Effect.suspend(() => {
      const start = clock.unsafeCurrentTimeNanos()
      return Effect.matchEffect(sent, {
        onFailure: (error) => {
          const status = statusOf(error)
          observed(start, status !== undefined ? String(status) : error instanceof TransportError ? error.reason : error._tag, undefined)
          if (sampled && status !== undefined) span.attribute("http.response.status_code", status)
          last = error
          return Effect.fail(error)
        },
        onSuccess: (response) => {
          observed(start, String(response.status), response)
          if (response.stream !== undefined) {
            return Effect.succeed({ body: response.stream, status: response.status, headers: response.headers, requestId: response.headers[requestIdHeader] })
          }
          const answer = decodeResponse(operation, response, requestIdHeader, clock.unsafeCurrentTimeMillis(), policy.responses)
          return Effect.tapError(envelope === undefined ? answer : Effect.mapError(answer, envelope), (error) =>
            Effect.sync(() => {
              last = error
            }))
        }
      })
    })
    const schedule = scheduleOf(operation.method, call.retry !== undefined ? call.retry : options.retry)
    let retries = 0
    const onRetry = (delay: Duration.Duration): Effect.Effect<void> => {
      const error = last
      if (error === undefined) return Effect.void
      retries++
      const reason = retryReason(error)
      const status = statusOf(error)
      const askedFor = "retryAfter" in error && error.retryAfter !== undefined
      const waitMs = Duration.toMillis(delay)
      telemetry.retried(operation.id, reason, waitMs / 1000, askedFor || status === 429)
      if (sampled) {
        span.attribute("http.request.resend_count", retries)
        span.event("retry", clock.unsafeCurrentTimeNanos(), {
          "retry.attempt": retries,
          "retry.reason": reason,
          "retry.wait_ms": waitMs,
          "retry.wait_source": askedFor ? "retry-after" : "backoff",
          ...(status === undefined ? {} : { "http.response.status_code": status })
        })
      }
      return Effect.logDebug(`${spanNameOf(operation)}: retry ${retries} in ${waitMs} ms (${reason})`).pipe(
        Effect.annotateLogs({ service: telemetry.service, operation: operation.id, reason, waitMs })
      )
    }
    const attempted = schedule === undefined
      ? decoded
      : Effect.retry(decoded, Schedule.modifyDelayEffect(schedule, (_, delay) => Effect.as(onRetry(delay), delay)))
    return sampled
      ? Effect.tapError(attempted, (error) => Effect.sync(() => span.attribute("error.type", error._tag)))
      : attempted
  }

  // Nothing (input checks, encoding) happens until the returned effect runs.
  const execute = (operation: OperationSpec, input: OperationInput = {}, call: CallOptions = {}, url: string | undefined, streaming: boolean) =>
    Effect.clockWith((clock) =>
      Effect.withFiberRuntime<Received<unknown>, OperationError>((fiber) =>
        fiber.getFiberRef(FiberRef.currentTracerEnabled) && isTraced(fiber.currentTracer, propagate)
          ? Effect.useSpan(spanNameOf(operation), { kind: "client" }, (span) => run(clock, span, operation, input, call, url, streaming))
          : run(clock, undefined, operation, input, call, url, streaming)
      )
    )
  return Object.assign((operation: OperationSpec, input?: OperationInput, call?: CallOptions, url?: string) => execute(operation, input, call, url, false), {
    open: (operation: OperationSpec, input?: OperationInput, call?: CallOptions) => execute(operation, input, call, undefined, true) as Effect.Effect<StreamedResponse, OperationError>
  })
}
