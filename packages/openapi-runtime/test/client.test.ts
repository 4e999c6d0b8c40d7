/** The executor over a scripted transport, and `fromHttpClient` over an `effect/http` test client. */
import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientError from "effect/http/HttpClientError"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/testing/TestClock"
import {
  fromHttpClient,
  makeExecutor,
  TransportError,
  type ApiDescription,
  type HttpRequest,
  type HttpResponse,
  type OperationSpec,
  type Transport,
  type Validator
} from "@effect-openapi/runtime"

const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: new TextEncoder().encode(JSON.stringify(body))
})

/** A transport that answers from a script, one reply per request, and keeps what was sent. */
const scripted = (...replies: Array<HttpResponse | TransportError>) => {
  const sent: Array<{ readonly request: HttpRequest; readonly timeout: Duration.Duration | undefined }> = []
  const transport: Transport = {
    send: (request, timeout) =>
      Effect.suspend(() => {
        sent.push({ request, timeout })
        const reply = replies.shift()
        if (reply === undefined) return Effect.die("the script ran out")
        return reply instanceof TransportError ? Effect.fail(reply) : Effect.succeed(reply)
      })
  }
  return { sent, transport }
}

const jsonContent = [{ mediaType: "application/json", kind: "json" as const }]
const responses = { "200": { content: jsonContent }, "201": { content: jsonContent }, "404": { content: jsonContent }, "429": { content: [] }, "503": { content: [] } }
const idIsNumber: Validator = Object.assign(
  (data: unknown) => {
    const ok = typeof (data as { path?: { id?: unknown } }).path?.id === "number"
    idIsNumber.errors = ok ? null : [{ instancePath: "/path/id", keyword: "type", message: "must be number" }]
    return ok
  },
  { errors: null }
)
const showUser: OperationSpec = { id: "showUser", method: "get", path: "/users/{id}", parameters: [{ name: "id", in: "path" }], validateParameters: idIsNumber, responses, security: [["token"]] }
const createUser: OperationSpec = { id: "createUser", method: "post", path: "/users", parameters: [], body: { required: true, content: jsonContent }, responses, security: [["token"]] }
const api: ApiDescription = { securitySchemes: { token: { type: "http", scheme: "bearer" } }, requestIdHeader: undefined }
const options = { baseUrl: "http://api.test/v1/", auth: { token: Redacted.make("s3cret") } }

describe("makeExecutor", () => {
  it.effect("a 200 is decoded; URL, accept, bearer token and timeout go to the transport", () =>
    Effect.gen(function* () {
      const { sent, transport } = scripted(json(200, { id: 7 }, { "x-request-id": "r-1" }))
      const received = yield* makeExecutor(transport, options, api)(showUser, { path: { id: 7 } }, { timeout: "2 seconds" })
      expect(received).toEqual({ body: { id: 7 }, status: 200, headers: { "content-type": "application/json", "x-request-id": "r-1" }, requestId: "r-1" })
      expect(sent).toHaveLength(1)
      expect(sent[0]!.request).toMatchObject({ operation: "showUser", method: "get", url: "http://api.test/v1/users/7", body: undefined })
      expect(sent[0]!.request.headers).toEqual({ accept: "application/json", authorization: "Bearer s3cret" })
      expect(sent[0]!.timeout).toEqual(Duration.seconds(2))
    }))

  it.effect("a declared 404 is NotFound, with its body and request id, for catchTag", () =>
    Effect.gen(function* () {
      const { transport } = scripted(json(404, { error: "RecordNotFound" }, { "x-request-id": "r-2" }))
      const error = yield* Effect.flip(makeExecutor(transport, options, api)(showUser, { path: { id: 1 } }))
      expect(error._tag).toBe("NotFound")
      expect(error).toMatchObject({ operation: "showUser", status: 404, body: { error: "RecordNotFound" }, requestId: "r-2", retryAfter: undefined })
      expect(error.message).toBe("showUser: NotFound (404), request id r-2")
      const caught = yield* makeExecutor(scripted(json(404, {})).transport, options, api)(showUser, { path: { id: 1 } }).pipe(
        Effect.catchTag("NotFound", () => Effect.succeed("caught"))
      )
      expect(caught).toBe("caught")
    }))

  it.effect("input that breaks the spec is InvalidInput, and nothing is sent", () =>
    Effect.gen(function* () {
      const { sent, transport } = scripted()
      const error = yield* Effect.flip(makeExecutor(transport, options, api)(showUser, { path: { id: "seven" } }))
      expect(error._tag).toBe("InvalidInput")
      expect(error).toMatchObject({ operation: "showUser", pointer: "/path/id" })
      const missing = yield* Effect.flip(makeExecutor(transport, options, api)(createUser, {}))
      expect(missing).toMatchObject({ _tag: "InvalidInput", pointer: "/body" })
      expect(sent).toHaveLength(0)
    }))

  it.effect("GET is retried on 503 after Retry-After, on the clock; POST is not; 429 is retried for any method", () =>
    Effect.gen(function* () {
      const get = scripted(json(503, null, { "retry-after": "3" }), json(200, { id: 7 }))
      const fiber = yield* Effect.forkChild(makeExecutor(get.transport, options, api)(showUser, { path: { id: 7 } }))
      yield* TestClock.adjust("2999 millis")
      expect(get.sent).toHaveLength(1)
      yield* TestClock.adjust("601 millis")
      expect((yield* Fiber.join(fiber)).body).toEqual({ id: 7 })
      expect(get.sent).toHaveLength(2)

      const post = scripted(json(503, null, { "retry-after": "1" }))
      const error = yield* Effect.flip(makeExecutor(post.transport, options, api)(createUser, { body: { name: "a" } }))
      expect(error).toMatchObject({ _tag: "ServerError", status: 503, retryAfter: Duration.seconds(1) })
      expect(post.sent).toHaveLength(1)
      expect(post.sent[0]!.request).toMatchObject({ body: '{"name":"a"}', headers: { "content-type": "application/json" } })

      const limited = scripted(json(429, null, { "retry-after": "1" }), json(201, { id: 8 }))
      const created = yield* Effect.forkChild(makeExecutor(limited.transport, options, api)(createUser, { body: { name: "b" } }))
      yield* TestClock.adjust("1200 millis")
      expect((yield* Fiber.join(created)).status).toBe(201)
    }))

  it.effect("retries give up after maxRetries with the last error; false turns them off, per layer and per call", () =>
    Effect.gen(function* () {
      const dropped = () => new TransportError({ operation: "showUser", reason: "Connection", message: "reset" })
      const tries = scripted(dropped(), dropped(), dropped())
      const fiber = yield* Effect.forkChild(Effect.exit(makeExecutor(tries.transport, { ...options, retry: { maxRetries: 2 } }, api)(showUser, { path: { id: 7 } })))
      yield* TestClock.adjust("10 seconds")
      const exit = yield* Fiber.join(fiber)
      expect(Exit.isFailure(exit) && exit.cause.reasons[0]).toMatchObject({ error: { _tag: "TransportError", reason: "Connection" } })
      expect(tries.sent).toHaveLength(3)

      const off = scripted(dropped())
      expect((yield* Effect.flip(makeExecutor(off.transport, { ...options, retry: false }, api)(showUser, { path: { id: 7 } })))._tag).toBe("TransportError")
      const offPerCall = scripted(dropped())
      expect((yield* Effect.flip(makeExecutor(offPerCall.transport, options, api)(showUser, { path: { id: 7 } }, { retry: false })))._tag).toBe("TransportError")
      expect(off.sent.length + offPerCall.sent.length).toBe(2)
    }))

  it.effect("a base URL with credentials is refused when the executor is built", () =>
    Effect.sync(() => {
      expect(() => makeExecutor(scripted().transport, { baseUrl: "http://u:p@api.test" }, api)).toThrow(/must not carry credentials/)
      expect(() => makeExecutor(scripted().transport, { baseUrl: "http://api.test/v1?key=k" }, api)).toThrow(/must not carry a query or fragment/)
      expect(() => makeExecutor(scripted().transport, { baseUrl: "http://api.test/v1", maxResponseBytes: -1 }, api)).toThrow(/maxResponseBytes/)
    }))

  it.effect("a URL off the base URL's origin (a next link) is InvalidInput, and nothing is sent", () =>
    Effect.gen(function* () {
      const { sent, transport } = scripted(json(200, { id: 1 }))
      const run = makeExecutor(transport, options, api)
      const error = yield* Effect.flip(run(showUser, { path: { id: 1 } }, undefined, "http://elsewhere.test/v1/users/1"))
      expect(error).toMatchObject({ _tag: "InvalidInput", pointer: "/url" })
      expect(sent).toHaveLength(0)
      expect((yield* run(showUser, { path: { id: 1 } }, undefined, "http://api.test/v1/users/1?page=2")).body).toEqual({ id: 1 })
      expect(sent[0]!.request.url).toBe("http://api.test/v1/users/1?page=2")
    }))

  it.effect("a 3xx the operation declares is its answer, not followed; the limit on bodies holds over a transport that does not count", () =>
    Effect.gen(function* () {
      const moved: OperationSpec = { ...showUser, responses: { ...responses, "302": { content: [] } } }
      const redirected = scripted({ status: 302, headers: { location: "/v1/users/8" }, body: new Uint8Array(0) })
      const error = yield* Effect.flip(makeExecutor(redirected.transport, options, api)(moved, { path: { id: 7 } }))
      expect(error).toMatchObject({ status: 302 })
      expect(redirected.sent).toHaveLength(1)

      const big = scripted(json(200, { text: "x".repeat(100) }))
      const tooLarge = yield* Effect.flip(makeExecutor(big.transport, { ...options, maxResponseBytes: 50 }, api)(showUser, { path: { id: 7 } }))
      expect(tooLarge).toMatchObject({ _tag: "TransportError", reason: "TooLarge", status: 200 })
      expect(big.sent[0]!.request.maxResponseBytes).toBe(50)
    }))
})

/** A test `HttpClient` whose runner answers every request with `answer`, keeping the requests. */
const testClient = (answer: (request: Parameters<Parameters<typeof HttpClient.make>[0]>[0]) => Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>) => {
  const seen: Array<{ method: string; url: string; headers: Record<string, string>; body: unknown }> = []
  const client = HttpClient.make((request, url) => {
    seen.push({ method: request.method, url: url.href, headers: { ...request.headers }, body: request.body.toJSON() })
    return answer(request)
  })
  return { seen, transport: fromHttpClient(client) }
}

const probe = (body?: string): HttpRequest => ({
  operation: "Probe",
  method: body === undefined ? "get" : "post",
  url: "http://api.test/p?q=1",
  headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
  body
})

describe("fromHttpClient", () => {
  it.effect("sends method, URL, headers and body; reads the whole response, header names in lower case", () =>
    Effect.gen(function* () {
      const { seen, transport } = testClient((request) =>
        Effect.succeed(HttpClientResponse.fromWeb(request, new Response('{"ok":true}', { status: 201, headers: { "Content-Type": "application/json", "X-Request-Id": "r-9" } })))
      )
      const response = yield* transport.send(probe('{"a":1}'), Duration.seconds(5))
      expect(response.status).toBe(201)
      expect(response.headers["content-type"]).toBe("application/json")
      expect(response.headers["x-request-id"]).toBe("r-9")
      expect(new TextDecoder().decode(response.body)).toBe('{"ok":true}')
      expect(seen).toHaveLength(1)
      expect(seen[0]).toMatchObject({ method: "POST", url: "http://api.test/p?q=1", headers: { accept: "application/json" } })
      expect(seen[0]!.body).toMatchObject({ contentType: "application/json" })
    }))

  it.effect("a connection never made is Refused, a dropped one Connection, a broken body Body", () =>
    Effect.gen(function* () {
      const failing = (code: string) =>
        testClient((request) => Effect.fail(new HttpClientError.HttpClientError({ reason: new HttpClientError.TransportError({ request, cause: Object.assign(new Error("fetch failed"), { cause: { code } }) }) })))
      const refused = yield* Effect.flip(failing("ECONNREFUSED").transport.send(probe(), undefined))
      expect(refused).toMatchObject({ _tag: "TransportError", reason: "Refused", operation: "Probe" })
      const reset = yield* Effect.flip(failing("ECONNRESET").transport.send(probe(), undefined))
      expect(reset).toMatchObject({ _tag: "TransportError", reason: "Connection" })
      expect(reset.message).toContain("ECONNRESET")

      const broken = new ReadableStream({
        start: (controller) => {
          controller.enqueue(new TextEncoder().encode("{"))
          controller.error(new Error("socket hang up"))
        }
      })
      const { transport } = testClient((request) => Effect.succeed(HttpClientResponse.fromWeb(request, new Response(broken, { status: 200 }))))
      expect(yield* Effect.flip(transport.send(probe(), undefined))).toMatchObject({ _tag: "TransportError", reason: "Body" })
    }))

  it.effect("no response within the timeout is a Timeout", () =>
    Effect.gen(function* () {
      const { transport } = testClient(() => Effect.never)
      const fiber = yield* Effect.forkChild(Effect.flip(transport.send(probe(), Duration.seconds(3))))
      yield* TestClock.adjust("3 seconds")
      const error = yield* Fiber.join(fiber)
      expect(error).toMatchObject({ _tag: "TransportError", reason: "Timeout" })
      expect(error.message).toMatch(/^Probe: no response within 3s/)
    }))
})
