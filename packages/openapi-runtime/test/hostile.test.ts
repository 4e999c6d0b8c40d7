/**
 * Hostile servers, odd input and odd headers (issue 27), against real HTTP servers on 127.0.0.1, over
 * both transports: the default `node:http` one and `fromHttpClient` over `FetchHttpClient` (what a
 * generated `layerWith` runs on). Nothing leaks, nothing hangs, nothing is lost.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/testing/TestClock"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { gzipSync } from "node:zlib"
import { vi } from "vitest"
import {
  defaultMaxResponseBytes,
  fromHttpClient,
  InvalidInput,
  makeExecutor,
  maxEmptyPages,
  maxJsonDepth,
  maxRedirects,
  paginate,
  type ApiDescription,
  type ClientOptions,
  type OperationError,
  type OperationSpec,
  type Transport,
  type Validator
} from "@effect-openapi/runtime"
import { nodeTransport } from "@effect-openapi/runtime/node"

/** A request as a test server saw it. */
interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
}

/** A server on 127.0.0.1 answering with `handler`, keeping what it saw; closed (connections too) with the scope. */
const serve = (handler: (req: http.IncomingMessage, res: http.ServerResponse, seen: ReadonlyArray<Seen>) => void) =>
  Effect.acquireRelease(
    Effect.callback<{ readonly url: string; readonly seen: Array<Seen>; readonly server: http.Server }>((resume) => {
      const seen: Array<Seen> = []
      const server = http.createServer((req, res) => {
        const chunks: Array<Buffer> = []
        req.on("data", (chunk: Buffer) => chunks.push(chunk))
        req.on("end", () => {
          seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("latin1") })
          handler(req, res, seen)
        })
      })
      server.listen(0, "127.0.0.1", () => resume(Effect.succeed({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server })))
    }),
    ({ server }) =>
      Effect.callback<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

const sendJson = (res: http.ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}) =>
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(typeof body === "string" ? body : JSON.stringify(body))

/** Writes `chunk` every millisecond until the client goes away (or 10 s pass): a body that never ends. */
const endless = (res: http.ServerResponse, chunk: Buffer, headers: Record<string, string> = {}) => {
  res.writeHead(200, { "content-type": "application/json", ...headers })
  let written = 0
  const timer = setInterval(() => {
    written += chunk.length
    res.write(chunk)
  }, 1)
  const stop = setTimeout(() => res.destroy(), 10_000)
  res.on("close", () => {
    clearInterval(timer)
    clearTimeout(stop)
  })
  return () => written
}

const jsonContent = (validate?: Validator) => [{ mediaType: "application/json", kind: "json" as const, ...(validate === undefined ? {} : { validate }) }]
const validator = (check: (data: unknown) => boolean): Validator => {
  const v: Validator = Object.assign((data: unknown) => {
    const ok = check(data)
    v.errors = ok ? null : [{ instancePath: "", keyword: "type", message: "does not match" }]
    return ok
  }, { errors: null })
  return v
}
/** What a generated validator of `name: { type: string }` accepts: `..`, `.` and `""` included. */
const nameIsString = validator((data) => typeof (data as { path?: { name?: unknown } }).path?.name === "string")
/** A recursive schema (a tree of arrays), validated by recursion as ajv does. */
const isTree = (value: unknown): boolean => Array.isArray(value) && value.every(isTree)

const getThing: OperationSpec = {
  id: "getThing",
  method: "get",
  path: "/things/{name}",
  parameters: [{ name: "name", in: "path" }, { name: "X-Trace", in: "header" }],
  validateParameters: nameIsString,
  responses: { "200": { content: jsonContent() }, "503": { content: [] } },
  security: [["apiKey"]]
}
const postThing: OperationSpec = {
  id: "postThing",
  method: "post",
  path: "/things",
  parameters: [],
  body: { required: true, content: jsonContent() },
  responses: { "200": { content: jsonContent() } },
  security: [["apiKey"]]
}
const getTree: OperationSpec = { id: "getTree", method: "get", path: "/tree", parameters: [], responses: { "200": { content: jsonContent(validator(isTree)) } }, security: [] }
const listThings: OperationSpec = {
  id: "listThings",
  method: "get",
  path: "/things",
  parameters: [{ name: "after", in: "query" }],
  responses: { "200": { content: jsonContent() } },
  security: [["apiKey"]]
}
const api: ApiDescription = {
  securitySchemes: { apiKey: { type: "apiKey", in: "header", name: "X-Api-Key" }, bearer: { type: "http", scheme: "bearer" } },
  requestIdHeader: undefined
}
const secret = "s3cret-key"

/** Everything an error shows: message, toString, JSON and the pretty cause. */
const shown = (error: unknown): string =>
  [String((error as Error).message), String(error), JSON.stringify(error), Cause.pretty(Cause.fail(error))].join("\n")

const fetchTransport: Effect.Effect<Transport> = Effect.gen(function* () {
  return fromHttpClient(yield* HttpClient.HttpClient)
}).pipe(Effect.provide(FetchHttpClient.layer))
const transports: ReadonlyArray<readonly [string, Effect.Effect<Transport>]> = [["node:http", Effect.sync(() => nodeTransport())], ["fetch", fetchTransport]]

const elapsed = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.suspend(() => {
    const start = performance.now()
    return Effect.map(effect, (a) => [a, performance.now() - start] as const)
  })

for (const [name, transportOf] of transports) {
  const client = (options: Partial<ClientOptions> & { readonly baseUrl: string }) =>
    Effect.map(transportOf, (transport) => makeExecutor(transport, { auth: { apiKey: secret }, retry: false, timeout: "5 seconds", ...options }, api))

  describe(`over ${name}`, () => {
    it.live("1. a redirect to another origin is not followed: the other origin sees nothing, the call fails with the 3xx", () =>
      Effect.gen(function* () {
        const other = yield* serve((_req, res) => sendJson(res, { from: "other" }))
        const home = yield* serve((_req, res) => res.writeHead(302, { location: `${other.url}/data` }).end())
        const error = yield* Effect.flip(Effect.flatMap(client({ baseUrl: home.url }), (run) => run(getThing, { path: { name: "x" } })))
        expect(error).toMatchObject({ _tag: "UnexpectedStatus", status: 302, operation: "getThing" })
        expect(error.message).toMatch(/another origin/)
        expect(other.seen).toHaveLength(0)
        expect(home.seen).toHaveLength(1)
        expect(shown(error)).not.toContain(secret)
      }))

    it.live(`1. same-origin redirects are followed (303 turns a POST into a GET), at most ${maxRedirects} of them`, () =>
      Effect.gen(function* () {
        const home = yield* serve((req, res) => {
          if (req.url === "/things/old") return res.writeHead(301, { location: "/things/new" }).end()
          if (req.url === "/things") return res.writeHead(303, { location: "/things/created" }).end()
          if (req.url?.startsWith("/things/loop")) return res.writeHead(307, { location: `/things/loop${req.url.length}` }).end()
          sendJson(res, { at: req.url })
        })
        const run = yield* client({ baseUrl: home.url })
        expect((yield* run(getThing, { path: { name: "old" } })).body).toEqual({ at: "/things/new" })
        expect(home.seen.map((s) => s.headers["x-api-key"])).toEqual([secret, secret])
        expect((yield* run(postThing, { body: { a: 1 } })).body).toEqual({ at: "/things/created" })
        expect(home.seen.slice(2).map((s) => [s.method, s.body])).toEqual([["POST", '{"a":1}'], ["GET", ""]])
        home.seen.length = 0
        const error = yield* Effect.flip(run(getThing, { path: { name: "loop" } }))
        expect(error).toMatchObject({ _tag: "UnexpectedStatus", status: 307 })
        expect(error.message).toMatch(new RegExp(`more than ${maxRedirects} redirects`))
        expect(home.seen).toHaveLength(maxRedirects + 1)
      }))

    it.live("2. a path parameter of '..', '.' or '' is InvalidInput, and nothing is sent", () =>
      Effect.gen(function* () {
        const home = yield* serve((req, res) => sendJson(res, { at: req.url }))
        const run = yield* client({ baseUrl: `${home.url}/v1` })
        for (const bad of ["..", ".", ""]) {
          const error = yield* Effect.flip(run(getThing, { path: { name: bad } }))
          expect(error).toMatchObject({ _tag: "InvalidInput", operation: "getThing", pointer: "/path/name" })
        }
        expect(home.seen).toHaveLength(0)
        // Dots inside a segment are a name like any other.
        expect((yield* run(getThing, { path: { name: "..." } })).body).toEqual({ at: "/v1/things/..." })
        expect((yield* run(getThing, { path: { name: "a.b" } })).body).toEqual({ at: "/v1/things/a.b" })
      }))

    it.live("3. CR, LF, NUL or a character past Latin-1 in a header is InvalidInput, and nothing is sent", () =>
      Effect.gen(function* () {
        const home = yield* serve((req, res) => sendJson(res, { trace: req.headers["x-trace"] ?? null }))
        const run = yield* client({ baseUrl: home.url })
        for (const bad of ["a\r\nInjected: 1", "a\nb", "a\u0000b", "price \u20ac1"]) {
          const error = yield* Effect.flip(run(getThing, { path: { name: "x" }, headers: { "X-Trace": bad } }))
          expect(error).toMatchObject({ _tag: "InvalidInput", pointer: "/headers/X-Trace" })
          const perCall = yield* Effect.flip(run(getThing, { path: { name: "x" } }, { headers: { "x-extra": bad } }))
          expect(perCall).toMatchObject({ _tag: "InvalidInput", pointer: "/options/headers/x-extra" })
        }
        const badName = yield* Effect.flip(run(getThing, { path: { name: "x" } }, { headers: { "x bad": "1" } }))
        expect(badName).toMatchObject({ _tag: "InvalidInput", pointer: "/options/headers/x bad" })
        expect(home.seen).toHaveLength(0)
        // Latin-1 (obs-text) goes through as it is.
        expect((yield* run(getThing, { path: { name: "x" }, headers: { "X-Trace": "caf\u00e9" } })).body).toEqual({ trace: "caf\u00e9" })
      }))

    it.live("4. a credential with a newline is refused when the client is built, without echoing it", () =>
      Effect.gen(function* () {
        const home = yield* serve((_req, res) => sendJson(res, {}))
        const transport = yield* transportOf
        for (const auth of [{ apiKey: "s3cret-line1\ns3cret-line2" }, { bearer: "s3cret-line1\r\ns3cret-line2" }, { apiKey: "s3cret\u0000" }]) {
          let thrown: unknown
          try {
            makeExecutor(transport, { baseUrl: home.url, auth }, api)
          } catch (error) {
            thrown = error
          }
          expect(thrown).toBeInstanceOf(InvalidInput)
          expect(thrown).toMatchObject({ operation: "layer", pointer: `/auth/${Object.keys(auth)[0]}` })
          expect(shown(thrown)).not.toContain("s3cret")
        }
        const headers = (() => {
          try {
            return makeExecutor(transport, { baseUrl: home.url, headers: { "x-token": "s3cret\nx" } }, api)
          } catch (error) {
            return error
          }
        })()
        expect(headers).toMatchObject({ _tag: "InvalidInput", pointer: "/headers/x-token" })
        expect(shown(headers)).not.toContain("s3cret")
        expect(home.seen).toHaveLength(0)
      }))

    it.live("5. a base URL with user info (a '/' in it included), a query or a fragment is refused, without echoing it", () =>
      Effect.gen(function* () {
        const home = yield* serve((_req, res) => sendJson(res, {}))
        const transport = yield* transportOf
        const port = new URL(home.url).port
        for (const baseUrl of [`${home.url}/v1?api_key=s3cret`, `${home.url}/v1#s3cret`, `http://us/er:s3cret@127.0.0.1:${port}/v1`, `http://user:s3/cret@127.0.0.1:${port}`, `http://user:s3cret@127.0.0.1:${port}`]) {
          let thrown: unknown
          try {
            makeExecutor(transport, { baseUrl }, api)
          } catch (error) {
            thrown = error
          }
          expect(thrown, baseUrl).toBeInstanceOf(InvalidInput)
          expect(thrown).toMatchObject({ operation: "layer", pointer: "/baseUrl" })
          expect(shown(thrown)).not.toMatch(/s3cret|s3\/cret|cret/)
        }
        expect(home.seen).toHaveLength(0)
      }))

    it.live("6. Retry-After: -5 is ignored (the backoff applies), 5.5 is 5.5 seconds", () =>
      Effect.gen(function* () {
        const negative = yield* serve((_req, res, seen) => (seen.length < 3 ? res.writeHead(503, { "retry-after": "-5" }).end() : sendJson(res, { ok: true })))
        const [received, ms] = yield* elapsed(Effect.flatMap(client({ baseUrl: negative.url, retry: { base: "40 millis", maxRetries: 3 } }), (run) => run(getThing, { path: { name: "x" } })))
        expect(received.body).toEqual({ ok: true })
        expect(negative.seen).toHaveLength(3)
        // Backoff of 40 ms then 80 ms, ±20%: before, "-5" read as a date in year -5 and was retried at once.
        expect(ms).toBeGreaterThanOrEqual(0.8 * 40 + 0.8 * 80)

        const decimal = yield* serve((_req, res) => res.writeHead(503, { "retry-after": "5.5" }).end())
        const error = yield* Effect.flip(Effect.flatMap(client({ baseUrl: decimal.url, retry: { maxWaiting: "3 seconds" } }), (run) => run(getThing, { path: { name: "x" } })))
        // 5.5 s is more than the 3 s to wait at most: given up at once, with the server's delay.
        expect(error).toMatchObject({ _tag: "ServerError", status: 503, retryAfter: Duration.millis(5500) })
        expect(decimal.seen).toHaveLength(1)
      }))

    it.live(`7. a body past maxResponseBytes (default ${defaultMaxResponseBytes} bytes) fails TooLarge, announced or endless, and is not retried`, () =>
      Effect.gen(function* () {
        let writtenByServer = () => 0
        const home = yield* serve((req, res) => {
          if (req.url === "/things/announced") {
            // Announces one byte past the default limit, sends a little, then holds the connection.
            res.writeHead(200, { "content-type": "application/json", "content-length": String(defaultMaxResponseBytes + 1) })
            res.write("[")
            return
          }
          writtenByServer = endless(res, Buffer.alloc(16 * 1024, 0x20))
        })
        const run = yield* client({ baseUrl: home.url, retry: {}, timeout: "20 seconds" })
        const [announced, announcedMs] = yield* elapsed(Effect.flip(run(getThing, { path: { name: "announced" } })))
        expect(announced).toMatchObject({ _tag: "TransportError", reason: "TooLarge", status: 200 })
        expect(announcedMs).toBeLessThan(5000)

        const small = yield* client({ baseUrl: home.url, retry: {}, timeout: "20 seconds", maxResponseBytes: 256 * 1024 })
        const [endlessError, endlessMs] = yield* elapsed(Effect.flip(small(getThing, { path: { name: "endless" } })))
        expect(endlessError).toMatchObject({ _tag: "TransportError", reason: "TooLarge" })
        expect(endlessError.message).toMatch(/262144 bytes/)
        expect(endlessMs).toBeLessThan(10_000)
        expect(writtenByServer()).toBeLessThan(64 * 1024 * 1024)

        // Per call, over the client's limit.
        const perCall = yield* Effect.flip(run(getThing, { path: { name: "endless" } }, { maxResponseBytes: 100_000 }))
        expect(perCall).toMatchObject({ _tag: "TransportError", reason: "TooLarge" })
        // Not retried: GET retries transport errors, but not this one.
        expect(home.seen).toHaveLength(3)
      }))

    it.live("7. a HEAD, a 204 or a 304 has no body, whatever its content-length says", () =>
      Effect.gen(function* () {
        const home = yield* serve((req, res) => {
          if (req.method === "HEAD") return res.writeHead(200, { "content-type": "application/json", "content-length": String(defaultMaxResponseBytes * 2) }).end()
          res.writeHead(204, { "content-length": String(defaultMaxResponseBytes * 2) }).end()
        })
        const run = yield* client({ baseUrl: home.url })
        const headThing: OperationSpec = { ...getThing, id: "headThing", method: "head", responses: { "200": { content: [] } } }
        expect((yield* run(headThing, { path: { name: "x" } })).status).toBe(200)
        const deleteThing: OperationSpec = { ...getThing, id: "deleteThing", method: "delete", responses: { "204": { content: [] } } }
        expect((yield* run(deleteThing, { path: { name: "x" } })).status).toBe(204)
      }))

    it.live("7. a compressed body is counted as it is decoded (fetch inflates; node:http does not ask for compression)", () =>
      Effect.gen(function* () {
        const bomb = gzipSync(Buffer.from(`[${"0,".repeat(5 * 1024 * 1024)}0]`))
        const home = yield* serve((_req, res) => res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": String(bomb.length) }).end(bomb))
        const error = yield* Effect.flip(Effect.flatMap(client({ baseUrl: home.url, maxResponseBytes: 1024 * 1024 }), (run) => run(getThing, { path: { name: "x" } })))
        if (name === "fetch") expect(error).toMatchObject({ _tag: "TransportError", reason: "TooLarge" })
        else expect(error).toMatchObject({ _tag: "DecodeError", message: "getThing: the body is not JSON at /" })
        expect(bomb.length).toBeLessThan(1024 * 1024)
      }))

    it.live(`8. a value nested deeper than ${maxJsonDepth} levels is a DecodeError naming where, never a RangeError`, () =>
      Effect.gen(function* () {
        let depth = 100_000
        const home = yield* serve((_req, res) => sendJson(res, "[".repeat(depth) + "]".repeat(depth)))
        const run = yield* client({ baseUrl: home.url })
        const exit = yield* Effect.exit(run(getTree, {}))
        expect(Exit.isFailure(exit) && Cause.hasDies(exit.cause)).toBe(false)
        const error = yield* Effect.flip(run(getTree, {}))
        expect(error).toMatchObject({ _tag: "DecodeError", status: 200, pointer: "/0".repeat(maxJsonDepth) })
        expect(error.message).toMatch(new RegExp(`nested deeper than ${maxJsonDepth} levels`))
        expect(error.message.length).toBeLessThan(300)
        depth = maxJsonDepth
        expect(yield* Effect.map(run(getTree, {}), (r) => isTree(r.body))).toBe(true)
      }))

    it.live(`9. after ${maxEmptyPages} empty pages in a row that still promise more, the stream ends in PaginationError`, () =>
      Effect.gen(function* () {
        const home = yield* serve((_req, res, seen) =>
          sendJson(res, seen.length === 1 ? { items: [1], next: "c1", more: true } : { items: [], next: `c${seen.length}`, more: seen.length < 40 }))
        const run = yield* client({ baseUrl: home.url })
        const items: Array<unknown> = []
        const stream = paginate("listThings", { style: "cursor", items: "/items", cursorParam: "after", nextCursor: "/next", hasMore: "/more" }, home.url, (input, url) => run(listThings, input, undefined, url), {})
        const error = yield* Effect.flip(Stream.runForEach(stream, (item) => Effect.sync(() => items.push(item))))
        expect(error).toMatchObject({ _tag: "PaginationError", operation: "listThings" })
        expect(error.message).toMatch(new RegExp(`${maxEmptyPages} empty pages in a row`))
        expect(items).toEqual([1])
        expect(home.seen).toHaveLength(1 + maxEmptyPages)
      }))

    it.live("10. an integer past ±(2^53 - 1) or a number past the doubles is a DecodeError at its pointer, never rounded", () =>
      Effect.gen(function* () {
        const bodies: Record<string, string> = {
          "/things/big": '{"id":9007199254740993}',
          "/things/negative": '{"a":[1,{"b":-9007199254740993}]}',
          "/things/infinite": '{"n":1e400}',
          "/things/long": `{"n":1${"0".repeat(400)}}`,
          "/things/escaped": '{"k\\"~/ey":12345678901234567890}',
          "/things/fine": '{"id":9007199254740991,"f":1.5e300,"g":-0.000001,"s":"9007199254740993 1e400","e":1E2}'
        }
        const home = yield* serve((req, res) => sendJson(res, bodies[req.url ?? ""] ?? "null"))
        const run = yield* client({ baseUrl: home.url })
        const pointers: Record<string, string> = { big: "/id", negative: "/a/1/b", infinite: "/n", long: "/n", escaped: '/k"~0~1ey' }
        for (const [thing, pointer] of Object.entries(pointers)) {
          const error = yield* Effect.flip(run(getThing, { path: { name: thing } }))
          expect(error, thing).toMatchObject({ _tag: "DecodeError", pointer })
          expect(error.message).toMatch(/not exactly representable|past ±\(2\^53 - 1\)|not finite/)
        }
        expect((yield* run(getThing, { path: { name: "fine" } })).body).toEqual({ id: 9007199254740991, f: 1.5e300, g: -0.000001, s: "9007199254740993 1e400", e: 100 })
      }))
  })
}

describe("timeouts of 2^31 ms or more", () => {
  it.live("node:http arms a timer of 2^31 - 1 ms (24.8 days) for them, not none", () =>
    Effect.gen(function* () {
      const home = yield* serve((_req, res) => sendJson(res, []))
      const spy = vi.spyOn(globalThis, "setTimeout")
      try {
        const run = makeExecutor(nodeTransport(), { baseUrl: home.url, timeout: Duration.millis(2 ** 31), retry: false }, { securitySchemes: {}, requestIdHeader: undefined })
        yield* run(getTree, {})
        expect(spy.mock.calls.map((call) => call[1]).filter((ms) => typeof ms === "number" && ms > 2 ** 30)).toEqual([2 ** 31 - 1])
      } finally {
        spy.mockRestore()
      }
    }))

  it.effect("over fetch, a request that never answers fails Timeout after 2^31 ms (on the test clock)", () =>
    Effect.gen(function* () {
      const home = yield* serve(() => {
        // Never answers; the connection is closed with the server.
      })
      const transport = yield* fetchTransport
      const run = makeExecutor(transport, { baseUrl: home.url, timeout: Duration.millis(2 ** 31), retry: false }, { securitySchemes: {}, requestIdHeader: undefined })
      const fiber = yield* Effect.forkChild(Effect.flip(run(getTree, {})))
      // Wait (in real time) for the request to reach the server, then move the test clock.
      yield* Effect.promise(async () => {
        for (let i = 0; i < 200 && home.seen.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10))
      })
      expect(home.seen).toHaveLength(1)
      yield* TestClock.adjust(Duration.millis(2 ** 31))
      const error: OperationError | undefined = yield* Effect.raceFirst(
        Fiber.join(fiber),
        Effect.as(Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 2000))), undefined)
      )
      expect(error).toMatchObject({ _tag: "TransportError", reason: "Timeout" })
    }))
})
