/**
 * The behaviour of generated clients of two third-party specs (Redocly Museum, OpenAPI 3.1 with
 * problem+json; Apache Iceberg REST catalog, OpenAPI 3.0) and of our body-kinds spec, against a real
 * HTTP server on 127.0.0.1: one suite, run for each Effect target by a test file that passes that
 * target's modules (this folder's `client.test.ts` for Effect 4; `packages/openapi-runtime-effect3/test/
 * generated-clients.test.ts` for Effect 3, where `effect` resolves to version 3).
 *
 * The suite is typed against Effect 4. At run time it uses only what both versions have under the same
 * names and meaning: `Effect.gen`, `flatMap`, `map`, `flip`, `catchTag`, `provide`, `promise`, `succeed`,
 * `Layer.provide`, `Stream.runCollect` (read as an iterable), `FetchHttpClient.layer`, and the generated
 * classes' `layer` and `layerWith`.
 */
import type * as Effect from "effect/Effect"
import type * as FetchHttpClient from "effect/http/FetchHttpClient"
import type * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import type * as Stream from "effect/Stream"
import { afterAll, beforeAll, describe, expect } from "vitest"
import type { IcebergRestCatalog, IcebergRestCatalogApi } from "../generated/iceberg-rest-catalog/index.js"
import type { RedoclyMuseum, RedoclyMuseumApi, RedoclyMuseumOptions } from "../generated/redocly-museum/index.js"
import type { Uploads, UploadsApi } from "../generated/uploads/index.js"
import { startServer, type TestServer } from "./server.js"

/** One Effect target: the modules the suite runs on, and how a test body (an Effect program) is run. */
export interface ClientTarget {
  /** Names the target in the test titles. */
  readonly name: string
  /** Registers a test whose body is a program of the target, run with live services and a scope. */
  readonly live: (name: string, body: () => Effect.Effect<void, unknown, Scope.Scope>) => void
  /** The target's `effect/Effect`. */
  readonly Effect: typeof Effect
  /** The target's `effect/Layer`. */
  readonly Layer: typeof Layer
  /** The target's `effect/Stream`. */
  readonly Stream: typeof Stream
  /** The target's `FetchHttpClient` module. */
  readonly FetchHttpClient: typeof FetchHttpClient
  /** The service class generated from `redocly-museum.yaml` for the target. */
  readonly RedoclyMuseum: typeof RedoclyMuseum
  /** The service class generated from `iceberg-rest-catalog.yaml` for the target. */
  readonly IcebergRestCatalog: typeof IcebergRestCatalog
  /** The service class generated from `uploads.yaml` for the target. */
  readonly Uploads: typeof Uploads
}

/** Registers the suite for one target (call it at the top level of a test file). */
export const describeGeneratedClients = (target: ClientTarget): void => {
  const { live, Effect, Layer, Stream, FetchHttpClient, RedoclyMuseum, IcebergRestCatalog, Uploads } = target
  describe(target.name, () => {
    let server: TestServer
    beforeAll(async () => {
      server = await startServer()
    })
    afterAll(() => server.close())

    const reset = (handle: TestServer["handle"]) => {
      server.requests.length = 0
      server.handle = handle
    }

    const event = { eventId: "3be6453c-03eb-4357-ae5a-984a0e574a54", name: "Pirate Coding Workshop", location: "Seattle Room", eventDescription: "Learn to code", dates: ["2023-09-05"], price: 25 }
    const problem = (status: number, title: string) => ({ status, headers: { "content-type": "application/problem+json" }, body: JSON.stringify({ type: "about:blank", title }) })

    const museum = <A, E>(f: (api: RedoclyMuseumApi) => Effect.Effect<A, E>, options: Partial<RedoclyMuseumOptions> = {}) =>
      Effect.flatMap(RedoclyMuseum, f).pipe(
        Effect.provide(RedoclyMuseum.layer({ baseUrl: server.url, auth: { MuseumPlaceholderAuth: { username: "ada", password: "PASS_museum_secret" } }, retry: { base: "1 millis" }, ...options }))
      )

    describe("a client generated from Redocly Museum (OpenAPI 3.1, problem+json errors)", () => {
      live("GET with a query: the decoded body, and the query, accept and basic auth on the wire", () =>
        Effect.gen(function* () {
          reset(() => ({ body: [{ date: "2024-12-31", timeOpen: "09:00", timeClose: "18:00" }] }))
          const hours = yield* museum((api) => api.getMuseumHours({ query: { startDate: "2024-12-31", limit: 5 } }))
          expect(hours).toEqual([{ date: "2024-12-31", timeOpen: "09:00", timeClose: "18:00" }])
          const [request] = server.requests
          expect(request!.url).toBe("/museum-hours?startDate=2024-12-31&limit=5")
          expect(request!.headers.authorization).toBe(`Basic ${Buffer.from("ada:PASS_museum_secret").toString("base64")}`)
          expect(request!.headers.accept).toContain("application/json")
        }))

      live("POST sends its JSON body; 201 is the created event", () =>
        Effect.gen(function* () {
          reset((r) => ({ status: 201, body: { ...JSON.parse(r.body.toString()), eventId: event.eventId } }))
          const { eventId: _, ...draft } = event
          const created = yield* museum((api) => api.createSpecialEvent({ body: draft }))
          expect(created.eventId).toBe(event.eventId)
          expect(server.requests[0]!.headers["content-type"]).toBe("application/json")
          expect(JSON.parse(server.requests[0]!.body.toString())).toEqual(draft)
        }))

      live("a declared 404 (problem+json) is NotFound with its typed body; catchTag handles it", () =>
        Effect.gen(function* () {
          reset(() => problem(404, "Event not found"))
          const error = yield* museum((api) => api.getSpecialEvent({ path: { eventId: event.eventId } })).pipe(Effect.flip)
          expect(error).toMatchObject({ _tag: "NotFound", status: 404, body: { type: "about:blank", title: "Event not found" } })
          const handled = yield* museum((api) => api.getSpecialEvent({ path: { eventId: event.eventId } })).pipe(
            Effect.map((e) => e.name),
            Effect.catchTag("NotFound", (e) => Effect.succeed(`missing: ${e.body.title ?? ""}`))
          )
          expect(handled).toBe("missing: Event not found")
        }))

      live("each declared error status is its class with its body: 400, 401; 204 is void", () =>
        Effect.gen(function* () {
          reset(() => problem(400, "Validation failed"))
          expect(yield* museum((api) => api.listSpecialEvents()).pipe(Effect.flip)).toMatchObject({ _tag: "BadRequest", status: 400, body: { title: "Validation failed" } })
          reset(() => problem(401, "No"))
          expect(yield* museum((api) => api.deleteSpecialEvent({ path: { eventId: event.eventId } })).pipe(Effect.flip)).toMatchObject({ _tag: "Unauthorized", status: 401 })
          reset(() => ({ status: 204 }))
          expect(yield* museum((api) => api.deleteSpecialEvent({ path: { eventId: event.eventId } }))).toBeUndefined()
          expect(server.requests[0]!.method).toBe("DELETE")
        }))

      live("an image/png body is bytes", () =>
        Effect.gen(function* () {
          const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255])
          reset(() => ({ headers: { "content-type": "image/png" }, body: png }))
          const bytes = yield* museum((api) => api.getTicketCode({ path: { ticketId: event.eventId } }))
          expect(Buffer.from(bytes).equals(png)).toBe(true)
        }))

      live("a 2xx body that breaks its schema is a DecodeError with the JSON pointer", () =>
        Effect.gen(function* () {
          reset(() => ({ body: [{ date: "2024-12-31", timeOpen: "9 o'clock", timeClose: "18:00" }] }))
          expect(yield* museum((api) => api.getMuseumHours()).pipe(Effect.flip)).toMatchObject({ _tag: "DecodeError", status: 200, pointer: "/0/timeOpen" })
          reset(() => ({ headers: { "content-type": "application/json" }, body: "{not json" }))
          expect(yield* museum((api) => api.getMuseumHours()).pipe(Effect.flip)).toMatchObject({ _tag: "DecodeError", pointer: "" })
        }))

      live("an undeclared status is UnexpectedStatus, with the body", () =>
        Effect.gen(function* () {
          reset(() => ({ status: 418, body: { teapot: true } }))
          expect(yield* museum((api) => api.getMuseumHours()).pipe(Effect.flip)).toMatchObject({ _tag: "UnexpectedStatus", status: 418, body: { teapot: true } })
        }))

      live("input that breaks the spec is InvalidInput, and nothing is sent", () =>
        Effect.gen(function* () {
          reset(() => ({ body: [] }))
          const bad = yield* museum((api) => api.getSpecialEvent({ path: { eventId: "not-a-uuid" } })).pipe(Effect.flip)
          expect(bad).toMatchObject({ _tag: "InvalidInput", pointer: "/path/eventId" })
          const badQuery = yield* museum((api) => api.getMuseumHours({ query: { limit: Number.NaN } })).pipe(Effect.flip)
          expect(badQuery).toMatchObject({ _tag: "InvalidInput", pointer: "/query/limit" })
          const badBody = yield* museum((api) => api.createSpecialEvent({ body: { name: "x" } as never })).pipe(Effect.flip)
          expect(badBody).toMatchObject({ _tag: "InvalidInput", pointer: expect.stringMatching(/^\/body/) })
          expect(server.requests).toHaveLength(0)
        }))

      live("retries by idempotency: GET on 503 and on a dropped connection; POST never after it may have executed; 429 for any method", () =>
        Effect.gen(function* () {
          let n = 0
          reset(() => (n++ < 2 ? { status: 503 } : { body: [] }))
          expect(yield* museum((api) => api.getMuseumHours())).toEqual([])
          expect(server.requests).toHaveLength(3)

          n = 0
          reset(() => (n++ < 1 ? { destroy: true } : { body: [] }))
          expect(yield* museum((api) => api.listSpecialEvents())).toEqual([])
          expect(server.requests).toHaveLength(2)

          reset(() => ({ destroy: true }))
          const { eventId: _, ...draft } = event
          expect(yield* museum((api) => api.createSpecialEvent({ body: draft })).pipe(Effect.flip)).toMatchObject({ _tag: "TransportError", reason: "Connection" })
          expect(server.requests).toHaveLength(1)

          reset(() => ({ status: 503 }))
          expect(yield* museum((api) => api.buyMuseumTickets({ body: { ticketType: "general", ticketDate: "2023-09-07", email: "a@b.c" } })).pipe(Effect.flip)).toMatchObject({ _tag: "UnexpectedStatus", status: 503 })
          expect(server.requests).toHaveLength(1)

          n = 0
          reset(() => (n++ < 1 ? { status: 429, headers: { "retry-after": "0" } } : { status: 201, body: { ...draft, eventId: event.eventId } }))
          expect((yield* museum((api) => api.createSpecialEvent({ body: draft }))).eventId).toBe(event.eventId)
          expect(server.requests).toHaveLength(2)
        }))

      live("retries are replaceable per layer and per call", () =>
        Effect.gen(function* () {
          reset(() => ({ status: 503 }))
          yield* museum((api) => api.getMuseumHours()).pipe(Effect.flip)
          expect(server.requests).toHaveLength(5)
          reset(() => ({ status: 503 }))
          yield* museum((api) => api.getMuseumHours(undefined, { retry: false })).pipe(Effect.flip)
          expect(server.requests).toHaveLength(1)
          reset(() => ({ status: 503 }))
          yield* museum((api) => api.getMuseumHours(), { retry: { maxRetries: 1, base: "1 millis" } }).pipe(Effect.flip)
          expect(server.requests).toHaveLength(2)
        }))

      live("a per-request timeout, and a refused connection, are TransportErrors", () =>
        Effect.gen(function* () {
          reset(() => ({ delay: 400, body: [] }))
          expect(yield* museum((api) => api.getMuseumHours(undefined, { timeout: "30 millis", retry: false })).pipe(Effect.flip)).toMatchObject({ _tag: "TransportError", reason: "Timeout" })
          const closed = yield* Effect.promise(() => startServer())
          const url = closed.url
          yield* Effect.promise(() => closed.close())
          const refused = yield* museum((api) => api.getMuseumHours(undefined, { retry: false }), { baseUrl: url }).pipe(Effect.flip)
          expect(refused).toMatchObject({ _tag: "TransportError", reason: "Refused" })
        }))

      live("no error carries the password, in its message, string or JSON", () =>
        Effect.gen(function* () {
          reset(() => problem(401, "Bad credentials"))
          const error = yield* museum((api) => api.deleteSpecialEvent({ path: { eventId: event.eventId } })).pipe(Effect.flip)
          for (const text of [error.message, String(error), JSON.stringify(error)]) {
            expect(text).not.toContain("PASS_museum_secret")
            expect(text).not.toContain(Buffer.from("ada:PASS_museum_secret").toString("base64"))
          }
        }))

      live("layerWith runs over the HttpClient of the context (fetch)", () =>
        Effect.gen(function* () {
          reset(() => problem(404, "nope"))
          const error = yield* Effect.flatMap(RedoclyMuseum, (api) => api.getSpecialEvent({ path: { eventId: event.eventId } })).pipe(
            Effect.flip,
            Effect.provide(RedoclyMuseum.layerWith({ baseUrl: server.url }).pipe(Layer.provide(FetchHttpClient.layer)))
          )
          expect(error).toMatchObject({ _tag: "NotFound", body: { title: "nope" } })
        }))
    })

    const iceberg = <A, E>(f: (api: IcebergRestCatalogApi) => Effect.Effect<A, E>) =>
      Effect.flatMap(IcebergRestCatalog, f).pipe(Effect.provide(IcebergRestCatalog.layer({ baseUrl: server.url, auth: { BearerAuth: "tok_iceberg" }, retry: { base: "1 millis" } })))

    describe("a client generated from the Apache Iceberg REST catalog (OpenAPI 3.0)", () => {
      live("a 3.0 `nullable` property accepts null; the bearer token is sent", () =>
        Effect.gen(function* () {
          reset(() => ({ body: { namespace: ["accounting"], properties: null } }))
          const ns = yield* iceberg((api) => api.loadNamespaceMetadata({ path: { prefix: "p", namespace: "accounting" } }))
          expect(ns.properties).toBeNull()
          expect(server.requests[0]!.url).toBe("/v1/p/namespaces/accounting")
          expect(server.requests[0]!.headers.authorization).toBe("Bearer tok_iceberg")
        }))

      live("a form-urlencoded body is encoded as a form", () =>
        Effect.gen(function* () {
          reset(() => ({ body: { access_token: "t", token_type: "bearer", issued_token_type: "urn:ietf:params:oauth:token-type:access_token" } }))
          yield* iceberg((api) => api.getToken({ body: { grant_type: "client_credentials", client_id: "id", client_secret: "s" } as never }))
          expect(server.requests[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded")
          expect(Object.fromEntries(new URLSearchParams(server.requests[0]!.body.toString()))).toEqual({ grant_type: "client_credentials", client_id: "id", client_secret: "s" })
        }))

      live("HEAD succeeds with no body; a 5XX range is ServerError; an error body off its schema is UnexpectedStatus", () =>
        Effect.gen(function* () {
          reset(() => ({ status: 204 }))
          expect(yield* iceberg((api) => api.namespaceExists({ path: { prefix: "p", namespace: "a" } }))).toBeUndefined()
          expect(server.requests[0]!.method).toBe("HEAD")
          reset(() => ({ status: 500, body: { error: { message: "boom", type: "Internal", code: 500 } } }))
          expect(yield* iceberg((api) => api.listNamespaces({ path: { prefix: "p" } }, { retry: false })).pipe(Effect.flip)).toMatchObject({ _tag: "ServerError", status: 500, body: { error: { message: "boom" } } })
          reset(() => ({ status: 404, body: { unexpected: true } }))
          expect(yield* iceberg((api) => api.loadNamespaceMetadata({ path: { prefix: "p", namespace: "a" } })).pipe(Effect.flip)).toMatchObject({ _tag: "UnexpectedStatus", status: 404 })
        }))
    })

    const uploads = <A, E>(f: (api: UploadsApi) => Effect.Effect<A, E>) =>
      Effect.flatMap(Uploads, f).pipe(Effect.provide(Uploads.layer({ baseUrl: server.url, auth: { apiKey: "key_123" } })))

    const echo = (r: { headers: Record<string, unknown>; body: Buffer }) => ({ status: 201, body: { contentType: String(r.headers["content-type"]), body: r.body.toString("latin1") } })

    describe("every request body kind and every pagination style (our spec)", () => {
      live("JSON, form (chosen by contentType), multipart and octet-stream bodies arrive as sent", () =>
        Effect.gen(function* () {
          reset(echo)
          const json = yield* uploads((api) => api.filesUploadJson({ body: { title: "hi", tags: ["a", "b"] } }))
          expect(json).toEqual({ contentType: "application/json", body: '{"title":"hi","tags":["a","b"]}' })
          const form = yield* uploads((api) => api.filesUploadJson({ body: { title: "hi", tags: ["a", "b"] }, contentType: "application/x-www-form-urlencoded" }))
          expect(form).toEqual({ contentType: "application/x-www-form-urlencoded", body: "title=hi&tags=a&tags=b" })
          const multipart = yield* uploads((api) => api.filesUploadMultipart({ body: { title: "report", file: new Blob([new Uint8Array([1, 2, 3])]) as never } }))
          expect(multipart.contentType).toMatch(/^multipart\/form-data; boundary=/)
          const parsed = yield* Effect.promise(() => new Response(Buffer.from(multipart.body, "latin1"), { headers: { "content-type": multipart.contentType } }).formData())
          expect(parsed.get("title")).toBe("report")
          expect(new Uint8Array(yield* Effect.promise(() => (parsed.get("file") as Blob).arrayBuffer()))).toEqual(new Uint8Array([1, 2, 3]))
          const bytes = yield* uploads((api) => api.filesPutBytes({ path: { name: "a b/c" }, headers: { "X-Checksum": "abc" }, body: new Uint8Array([0, 255, 10]) }))
          expect(bytes).toEqual({ contentType: "application/octet-stream", body: "\u0000\u00ff\n" })
          const put = server.requests.at(-1)!
          expect(put.url).toBe("/files/a%20b%2Fc")
          expect(put.headers["x-checksum"]).toBe("abc")
          expect(put.headers["x-api-key"]).toBe("key_123")
        }))

      live("declared 409 with a body and 410 without one are Conflict and Gone", () =>
        Effect.gen(function* () {
          reset(() => ({ status: 409, body: { reason: "exists" } }))
          expect(yield* uploads((api) => api.filesUploadJson({ body: { title: "x" } })).pipe(Effect.flip)).toMatchObject({ _tag: "Conflict", body: { reason: "exists" } })
          reset(() => ({ status: 410 }))
          expect(yield* uploads((api) => api.filesUploadJson({ body: { title: "x" } })).pipe(Effect.flip)).toMatchObject({ _tag: "Gone", status: 410, body: undefined })
          reset(echo)
          expect(yield* uploads((api) => api.filesUploadJson({ body: { title: "far too long a title" } })).pipe(Effect.flip)).toMatchObject({ _tag: "InvalidInput", pointer: "/body/title" })
          expect(server.requests).toHaveLength(0)
        }))

      const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ id: from + i }))
      // Effect 4 collects an array, Effect 3 a Chunk: both are iterable.
      const collect = <A, E>(stream: Stream.Stream<A, E>) => Effect.map(Stream.runCollect(stream), (items) => Array.from(items))

      live("cursor, offset, next-link and Link-header streams yield every item once, in order", () =>
        Effect.gen(function* () {
          reset((r) => {
            const url = new URL(r.url, server.url)
            const q = url.searchParams
            switch (url.pathname) {
              case "/items/cursor": {
                const at = Number(q.get("after") ?? 0)
                return { body: { items: ids(at, Math.min(at + 3, 7)), meta: { next: at + 3 < 7 ? String(at + 3) : null, more: at + 3 < 7 } } }
              }
              case "/items/offset": {
                const at = Number(q.get("offset") ?? 0)
                return { body: { items: ids(at, Math.min(at + Number(q.get("limit")), 7)) } }
              }
              case "/items/next": {
                const page = Number(q.get("page") ?? 0)
                return { body: { items: ids(page * 3, Math.min(page * 3 + 3, 7)), next: page < 2 ? `${server.url}/items/next?page=${page + 1}` : null } }
              }
              default: {
                const page = Number(q.get("page") ?? 0)
                return { headers: page < 2 ? { link: `<${server.url}/items/link?page=${page + 1}>; rel="next", <${server.url}/items/link?page=0>; rel="first"` } : {}, body: { items: ids(page * 3, Math.min(page * 3 + 3, 7)) } }
              }
            }
          })
          const all = ids(0, 7)
          expect(yield* uploads((api) => collect(api.itemsByCursorStream()))).toEqual(all)
          expect(yield* uploads((api) => collect(api.itemsByOffsetStream({ query: { limit: 3 } })))).toEqual(all)
          expect(yield* uploads((api) => collect(api.itemsByNextLinkStream()))).toEqual(all)
          expect(yield* uploads((api) => collect(api.itemsByLinkHeaderStream({ query: { tags: ["x", "y"], filter: { kind: "k" } } })))).toEqual(all)
          expect(server.requests.find((r) => r.url.startsWith("/items/link"))!.url).toBe("/items/link?tags=x&tags=y&filter%5Bkind%5D=k")
        }))

      live("a repeated cursor, more pages with no cursor, and a next link to another origin are PaginationErrors, not loops", () =>
        Effect.gen(function* () {
          reset(() => ({ body: { items: ids(0, 1), meta: { next: "same", more: true } } }))
          const repeated = yield* uploads((api) => collect(api.itemsByCursorStream())).pipe(Effect.flip)
          expect(repeated).toMatchObject({ _tag: "PaginationError", cursor: "same" })
          expect(server.requests).toHaveLength(2)
          reset(() => ({ body: { items: ids(0, 1), meta: { next: null, more: true } } }))
          expect(yield* uploads((api) => collect(api.itemsByCursorStream())).pipe(Effect.flip)).toMatchObject({ _tag: "PaginationError" })
          reset(() => ({ body: { items: ids(0, 1), next: "https://elsewhere.example/items?page=2" } }))
          expect(yield* uploads((api) => collect(api.itemsByNextLinkStream())).pipe(Effect.flip)).toMatchObject({ _tag: "PaginationError" })
          expect(server.requests).toHaveLength(1)
        }))
    })
  })
}
