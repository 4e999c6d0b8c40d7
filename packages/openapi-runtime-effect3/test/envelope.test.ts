/** The `errorEnvelope` hook on Effect 3, at parity with the Effect 4 runtime: against a real HTTP server on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Effect from "effect/Effect"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { makeExecutor, NotFound, UnexpectedStatus, type ErrorEnvelopeReader, type OperationSpec } from "@effect-openapi/runtime-effect3"
import { nodeTransport } from "@effect-openapi/runtime-effect3/node"

let server: http.Server
let baseUrl = ""
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/things/missing") {
      res.writeHead(404, { "content-type": "application/json", "x-api-request-id": "req-404" })
      res.end(JSON.stringify({ error: "RecordNotFound", description: "Not found" }))
    } else {
      res.writeHead(502, { "content-type": "text/html" })
      res.end("<h1>Bad Gateway</h1>")
    }
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
const reader: ErrorEnvelopeReader = ({ body }) =>
  typeof body === "string" ? { description: body.replace(/<[^>]*>/g, "").trim() } : { code: (body as { error?: string }).error, description: (body as { description?: string }).description }

const failure = (id: string) =>
  Effect.runPromise(Effect.flip(makeExecutor(nodeTransport(), { baseUrl, retry: false, errorEnvelope: reader }, { securitySchemes: {}, requestIdHeader: "X-Api-Request-Id" })(showThing, { path: { id } })))

describe("the errorEnvelope hook (Effect 3)", () => {
  it("reads the API's code and description into the status class, with the request id", async () => {
    const error = await failure("missing")
    expect(error).toBeInstanceOf(NotFound)
    expect(error).toMatchObject({ _tag: "NotFound", status: 404, code: "RecordNotFound", description: "Not found", requestId: "req-404" })
    expect(error.message).toBe("showThing: NotFound (404) RecordNotFound: Not found, request id req-404")
  })

  it("reads an undeclared status's page into UnexpectedStatus", async () => {
    const error = await failure("broken")
    expect(error).toBeInstanceOf(UnexpectedStatus)
    expect(error).toMatchObject({ _tag: "UnexpectedStatus", status: 502, description: "Bad Gateway" })
  })
})
