/**
 * The `errorEnvelope` hook: an API's own error envelope (code, description, details, request id) read
 * into the runtime's one error hierarchy, against a real HTTP server on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import {
  makeExecutor,
  NotFound,
  UnexpectedStatus,
  withEnvelope,
  type ApiDescription,
  type ErrorEnvelopeReader,
  type OperationSpec
} from "@effect-openapi/runtime"
import { nodeTransport } from "@effect-openapi/runtime/node"

/** Answers each path with a status, a body and headers of its own. */
const replies: Record<string, { status: number; type: string; body: string; headers?: Record<string, string> }> = {
  "/things/missing": { status: 404, type: "application/json", body: JSON.stringify({ error: "RecordNotFound", description: "Not found" }), headers: { "x-api-request-id": "req-404" } },
  "/things/broken": { status: 502, type: "text/html", body: "<html><body><h1>Bad Gateway</h1></body></html>" },
  "/things/nested": { status: 404, type: "application/json", body: JSON.stringify({ error: { title: "Gone", message: "it went" } }), headers: { "x-other-id": "other-1" } }
}
let server: http.Server
let baseUrl = ""
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const reply = replies[req.url ?? ""] ?? { status: 200, type: "application/json", body: "{}" }
    res.writeHead(reply.status, { "content-type": reply.type, ...reply.headers })
    res.end(reply.body)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const showThing: OperationSpec = {
  id: "showThing",
  method: "get",
  path: "/things/{id}",
  parameters: [{ name: "id", in: "path" }],
  responses: { "200": { content: [{ mediaType: "application/json", kind: "json" }] }, "404": { content: [{ mediaType: "application/json", kind: "json" }] } },
  security: []
}
const api: ApiDescription = { securitySchemes: {}, requestIdHeader: "X-Api-Request-Id" }

/** The envelope of the test API: `{ error: code, description }`, or `{ error: { title, message } }`, or the text of an HTML page; the request id of `x-other-id` when the declared header is absent. */
const reader: ErrorEnvelopeReader = ({ body, headers }) => {
  if (typeof body === "string") return { description: body.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim() }
  const error = (body as { error?: unknown; description?: unknown } | undefined)?.error
  if (typeof error === "string") return { code: error, description: String((body as { description?: unknown }).description), details: body }
  if (error !== null && typeof error === "object") return { code: String((error as { title?: unknown }).title), description: String((error as { message?: unknown }).message), requestId: headers["x-other-id"] }
  return {}
}

const failure = (id: string, errorEnvelope?: ErrorEnvelopeReader) =>
  Effect.flip(makeExecutor(nodeTransport(), { baseUrl, retry: false, ...(errorEnvelope === undefined ? {} : { errorEnvelope }) }, api)(showThing, { path: { id } }))

describe("the errorEnvelope hook", () => {
  it.effect("reads the API's code and description into the status class, keeping its tag and the request id", () =>
    Effect.gen(function* () {
      const error = yield* failure("missing", reader)
      expect(error).toBeInstanceOf(NotFound)
      expect(error).toMatchObject({ _tag: "NotFound", status: 404, code: "RecordNotFound", description: "Not found", requestId: "req-404" })
      expect(error.message).toBe("showThing: NotFound (404) RecordNotFound: Not found, request id req-404")
    }))

  it.effect("reads an undeclared status's HTML page into UnexpectedStatus, which keeps its reason", () =>
    Effect.gen(function* () {
      const error = yield* failure("broken", reader)
      expect(error).toBeInstanceOf(UnexpectedStatus)
      expect(error).toMatchObject({ _tag: "UnexpectedStatus", status: 502, code: undefined, description: "Bad Gateway", reason: "showThing does not declare status 502" })
    }))

  it.effect("takes the reader's request id when the declared header is absent", () =>
    Effect.gen(function* () {
      expect(yield* failure("nested", reader)).toMatchObject({ _tag: "NotFound", code: "Gone", description: "it went", requestId: "other-1" })
    }))

  it.effect("without the hook, errors carry no code or description, and the message is unchanged", () =>
    Effect.gen(function* () {
      const error = yield* failure("missing")
      expect(error).toMatchObject({ _tag: "NotFound", status: 404, requestId: "req-404" })
      expect(error._tag === "NotFound" && [error.code, error.description]).toEqual([undefined, undefined])
      expect(error.message).toBe("showThing: NotFound (404), request id req-404")
    }))

  it.effect("a reader that throws leaves the error as it was", () =>
    Effect.gen(function* () {
      const plain = yield* failure("missing")
      const read = withEnvelope(() => {
        throw new Error("bad reader")
      })
      expect(read(plain)).toBe(plain)
    }))
})
