/**
 * Calling real APIs correctly (issue 24 item 2) on Effect 3, against real HTTP servers on 127.0.0.1:
 * the same cases as the Effect 4 runtime's `calls.test.ts`. Plain vitest running Effect 3 programs.
 */
import { Ajv2020 } from "ajv/dist/2020.js"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { describe, expect, it as vitestIt } from "vitest"
import { makeExecutor, type ApiDescription, type ClientOptions } from "../src/client.js"
import type { OperationSpec, Validator } from "@effect-openapi/runtime-effect3"
import { nodeTransport } from "../src/transport-node.js"
import { reportedError } from "../src/validation.js"

/** `it.effect` of @effect/vitest, for Effect 3 programs: each test runs with its own scope. */
const it = { effect: <A, E>(name: string, body: () => Effect.Effect<A, E, Scope.Scope>) => vitestIt(name, () => Effect.runPromise(Effect.scoped(body()))) }

interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
}

type Reply = (req: http.IncomingMessage, res: http.ServerResponse) => void

/** A server on 127.0.0.1 answering with `reply`, keeping what it saw; closed with the scope. */
const serve = (reply: Reply) =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; readonly port: number; readonly seen: Array<Seen>; readonly server: http.Server }>((resume) => {
      const seen: Array<Seen> = []
      const server = http.createServer((req, res) => {
        const chunks: Array<Buffer> = []
        req.on("data", (chunk: Buffer) => chunks.push(chunk))
        req.on("end", () => {
          seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("latin1") })
          reply(req, res)
        })
      })
      server.listen(0, "127.0.0.1", () => {
        const port = (server.address() as AddressInfo).port
        resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, port, seen, server }))
      })
    }),
    ({ server }) => Effect.async<void>((resume) => {
      server.closeAllConnections()
      server.close(() => resume(Effect.void))
    })
  )

const ok: Reply = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json" })
  res.end(JSON.stringify({ ok: true }))
}

const jsonContent = [{ mediaType: "application/json", kind: "json" as const }]
const api: ApiDescription = { securitySchemes: { token: { type: "http", scheme: "bearer" } }, requestIdHeader: undefined }
const auth = { token: Redacted.make("s3cret") }

const ajv = new Ajv2020({ strict: false, allErrors: false })
ajv.addSchema({
  components: {
    schemas: {
      Cat: { type: "object", required: ["meow"], properties: { meow: { type: "string" } } },
      Dog: { type: "object", required: ["bark"], properties: { bark: { type: "object", required: ["loud"], properties: { loud: { type: "boolean" } } } } }
    }
  }
}, "spec")
const compile = (schema: object): Validator => ajv.compile(schema) as unknown as Validator

/** `uploadAsset`: its own server, `http://127.0.0.1:{port}/up`, the port a variable. */
const uploadAsset = (port: number, enumPorts?: ReadonlyArray<string>): OperationSpec => ({
  id: "uploadAsset",
  method: "post",
  path: "/assets",
  parameters: [],
  body: { required: true, content: [{ mediaType: "application/octet-stream", kind: "binary" }, { mediaType: "application/zip", kind: "binary" }, { mediaType: "image/*", kind: "binary" }] },
  responses: { "200": { content: jsonContent } },
  security: [["token"]],
  servers: [{ url: "http://127.0.0.1:{port}/up", variables: { port: { default: String(port), ...(enumPorts === undefined ? {} : { enum: enumPorts }) } } }]
})

const getRepo: OperationSpec = { id: "getRepo", method: "get", path: "/repo", parameters: [], responses: { "200": { content: jsonContent } }, security: [["token"]] }

describe("operation servers and a per-call base URL", () => {
  it.effect("an operation's server overrides the client's base URL, credential included; operationServers: false sends it to baseUrl", () =>
    Effect.gen(function* () {
      const main = yield* serve(ok)
      const uploads = yield* serve(ok)
      const run = makeExecutor(nodeTransport(), { baseUrl: `${main.url}/api`, auth }, api)
      yield* run(uploadAsset(uploads.port), { body: new Uint8Array([1, 2]) })
      yield* run(getRepo, {})
      expect(uploads.seen.map((s) => [s.method, s.url, s.headers["authorization"]])).toEqual([["POST", "/up/assets", "Bearer s3cret"]])
      expect(main.seen.map((s) => s.url)).toEqual(["/api/repo"])
      yield* makeExecutor(nodeTransport(), { baseUrl: `${main.url}/api`, auth, operationServers: false }, api)(uploadAsset(uploads.port), { body: "x" })
      expect(main.seen.map((s) => s.url)).toEqual(["/api/repo", "/api/assets"])
      expect(uploads.seen).toHaveLength(1)
    }))

  it.effect("propagateTrace sends traceparent to baseUrl's origin only, not to an operation's own server", () =>
    Effect.gen(function* () {
      const main = yield* serve(ok)
      const uploads = yield* serve(ok)
      const run = makeExecutor(nodeTransport(), { baseUrl: main.url, auth, propagateTrace: true }, api)
      yield* run(getRepo, {})
      yield* run(uploadAsset(uploads.port), { body: "x" })
      expect(main.seen[0]!.headers["traceparent"]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/)
      expect(uploads.seen[0]!.headers["traceparent"]).toBeUndefined()
      expect(uploads.seen[0]!.headers["authorization"]).toBe("Bearer s3cret")
    }))

  it.effect("server variables: the client's or the call's value, each checked against its enum before anything is sent", () =>
    Effect.gen(function* () {
      const main = yield* serve(ok)
      const uploads = yield* serve(ok)
      const op = uploadAsset(1, ["1", String(uploads.port)])
      const run = makeExecutor(nodeTransport(), { baseUrl: main.url, auth, serverVariables: { port: String(uploads.port) } }, api)
      yield* run(op, { body: "a" })
      expect(uploads.seen).toHaveLength(1)
      const refused = yield* Effect.flip(run(op, { body: "a" }, { serverVariables: { port: "9" } }))
      expect(refused).toMatchObject({ _tag: "InvalidInput", pointer: "/options/serverVariables/port" })
      expect(refused.message).toContain("must be one of 1, ")
      const badClient = yield* Effect.flip(makeExecutor(nodeTransport(), { baseUrl: main.url, serverVariables: { port: "2" } }, api)(op, { body: "a" }))
      expect(badClient).toMatchObject({ _tag: "InvalidInput", pointer: "/serverVariables/port" })
      expect(uploads.seen).toHaveLength(1)
      expect(main.seen).toHaveLength(0)
    }))

  it.effect("a per-call baseUrl replaces both, is checked like baseUrl, and a redirect off the call's origin is not followed", () =>
    Effect.gen(function* () {
      const main = yield* serve(ok)
      const other = yield* serve((req, res) => {
        if (req.url === "/v2/repo") {
          res.writeHead(302, { location: `${main.url}/stolen` })
          res.end()
        } else ok(req, res)
      })
      const run = makeExecutor(nodeTransport(), { baseUrl: main.url, auth }, api)
      yield* run(uploadAsset(1), { body: "z" }, { baseUrl: `${other.url}/v1/` })
      expect(other.seen.map((s) => [s.url, s.headers["authorization"]])).toEqual([["/v1/assets", "Bearer s3cret"]])
      const bad = yield* Effect.flip(run(getRepo, {}, { baseUrl: `http://user:pw@127.0.0.1:${other.port}` }))
      expect(bad).toMatchObject({ _tag: "InvalidInput", pointer: "/options/baseUrl" })
      expect(bad.message).not.toContain("pw")
      const redirected = yield* Effect.flip(run(getRepo, {}, { baseUrl: `${other.url}/v2` }))
      expect(redirected).toMatchObject({ _tag: "UnexpectedStatus", status: 302 })
      expect(main.seen).toHaveLength(0)
    }))
})

describe("the request media type, chosen per call", () => {
  it.effect("the first declared by default, the chosen one (or one a wildcard covers) when given, the caller's content-type for bytes", () =>
    Effect.gen(function* () {
      const uploads = yield* serve(ok)
      const run = makeExecutor(nodeTransport(), { baseUrl: uploads.url }, api)
      const op = uploadAsset(uploads.port)
      yield* run(op, { body: new Uint8Array([80, 75]) })
      yield* run(op, { body: new Uint8Array([80, 75]), contentType: "application/zip" })
      yield* run(op, { body: new Uint8Array([1]), contentType: "image/png" })
      yield* run(op, { body: new Uint8Array([1]) }, { headers: { "content-type": "application/gzip" } })
      expect(uploads.seen.map((s) => s.headers["content-type"])).toEqual(["application/octet-stream", "application/zip", "image/png", "application/gzip"])
      const refused = yield* Effect.flip(run(op, { body: "x", contentType: "text/plain" }))
      expect(refused).toMatchObject({ _tag: "InvalidInput", pointer: "/contentType" })
      const injected = yield* Effect.flip(run(op, { body: "x", contentType: "image/png\r\nx-evil: 1" }))
      expect(injected).toMatchObject({ _tag: "InvalidInput", pointer: "/contentType" })
      expect(uploads.seen).toHaveLength(4)
      // Under a wildcard and no choice, bytes go as application/octet-stream, not as "*/*".
      const anyBytes: OperationSpec = { ...op, id: "putBlob", body: { required: true, content: [{ mediaType: "*/*", kind: "binary" }] } }
      yield* run(anyBytes, { body: new Uint8Array([1]) })
      yield* run(anyBytes, { body: new Uint8Array([1]), contentType: "video/mp4" })
      expect(uploads.seen.slice(4).map((s) => s.headers["content-type"])).toEqual(["application/octet-stream", "video/mp4"])
    }))
})

describe("declared 3xx", () => {
  const starred: OperationSpec = {
    id: "checkStarred",
    method: "get",
    path: "/starred",
    parameters: [],
    responses: { "204": { content: [] }, "301": { content: [] }, "304": { content: [] }, "404": { content: jsonContent } },
    security: []
  }
  it.effect("a declared 304 is NotModified and a declared 301 is Redirected (not followed), both for catchTag", () =>
    Effect.gen(function* () {
      let status = 304
      const server = yield* serve((_req, res) => {
        res.writeHead(status, status === 301 ? { location: "/elsewhere", etag: "\"a\"" } : { etag: "\"a\"" })
        res.end()
      })
      const run = makeExecutor(nodeTransport(), { baseUrl: server.url }, api)
      const notModified = yield* Effect.flip(run(starred, {}))
      expect(notModified).toMatchObject({ _tag: "NotModified", status: 304, operation: "checkStarred" })
      expect(notModified.message).toBe("checkStarred: NotModified (304)")
      const caught = yield* run(starred, {}).pipe(Effect.as("changed"), Effect.catchIf((e) => e._tag === "NotModified", (e) => Effect.succeed(`unchanged ${"headers" in e ? e.headers["etag"] : ""}`)))
      expect(caught).toBe("unchanged \"a\"")
      status = 301
      const moved = yield* Effect.flip(run(starred, {}))
      expect(moved).toMatchObject({ _tag: "Redirected", status: 301, location: "/elsewhere" })
      expect(server.seen.map((s) => s.url)).toEqual(["/starred", "/starred", "/starred"])
    }))
})

describe("validation policy", () => {
  const pet = compile({ type: "object", required: ["name"], properties: { name: { type: "string" }, secret: { type: "string" } } })
  const showPet: OperationSpec = {
    id: "showPet",
    method: "post",
    path: "/pets",
    parameters: [],
    body: { required: true, content: [{ mediaType: "application/json", kind: "json", validate: pet }] },
    responses: { "200": { content: [{ mediaType: "application/json", kind: "json", validate: pet }] } },
    security: []
  }
  const capture = () => {
    const lines: Array<string> = []
    return { lines, layer: Logger.replace(Logger.defaultLogger, Logger.make((o) => lines.push(`${o.logLevel.label}: ${String(o.message)}`))) }
  }

  it.effect("responses: fail (default) is DecodeError; warn returns the body and logs the pointer, not the body; off returns it silently", () =>
    Effect.gen(function* () {
      const server = yield* serve((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" })
        res.end(JSON.stringify({ name: 7, secret: "hunter2" }))
      })
      const options: ClientOptions = { baseUrl: server.url }
      const failed = yield* Effect.flip(makeExecutor(nodeTransport(), options, api)(showPet, { body: { name: "a" } }))
      expect(failed).toMatchObject({ _tag: "DecodeError", pointer: "/name" })
      const { lines, layer } = capture()
      const warned = yield* makeExecutor(nodeTransport(), { ...options, validation: { responses: "warn" } }, api)(showPet, { body: { name: "a" } }).pipe(Effect.provide(layer))
      expect(warned.body).toEqual({ name: 7, secret: "hunter2" })
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^WARN: showPet: the 200 body breaks its schema at \/name: must be string/)
      expect(lines.join("\n")).not.toContain("hunter2")
      const quiet = capture()
      const off = yield* makeExecutor(nodeTransport(), options, api)(showPet, { body: { name: "a" } }, { validation: { responses: "off" } }).pipe(Effect.provide(quiet.layer))
      expect(off.body).toEqual({ name: 7, secret: "hunter2" })
      expect(quiet.lines).toEqual([])
    }))

  it.effect("requests: fail (default) sends nothing; off sends the body unchecked; the call's policy is over the client's", () =>
    Effect.gen(function* () {
      const server = yield* serve((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" })
        res.end(JSON.stringify({ name: "ok" }))
      })
      const strict = makeExecutor(nodeTransport(), { baseUrl: server.url }, api)
      const refused = yield* Effect.flip(strict(showPet, { body: { name: null } }))
      expect(refused).toMatchObject({ _tag: "InvalidInput", pointer: "/body/name" })
      expect(server.seen).toHaveLength(0)
      yield* strict(showPet, { body: { name: null } }, { validation: { requests: "off" } })
      const lax = makeExecutor(nodeTransport(), { baseUrl: server.url, validation: { requests: "off" } }, api)
      yield* lax(showPet, { body: { files: { "hello.py": null } } })
      expect(yield* Effect.flip(lax(showPet, { body: { name: 1 } }, { validation: { requests: "fail" } }))).toMatchObject({ _tag: "InvalidInput" })
      expect(server.seen.map((s) => s.body)).toEqual(['{"name":null}', '{"files":{"hello.py":null}}'])
    }))
})

describe("InvalidInput for oneOf/anyOf", () => {
  it.effect("names the branch that came closest (deepest in the value), not branch 0", () =>
    Effect.gen(function* () {
      const server = yield* serve(ok)
      const body = compile({ type: "object", properties: { pet: { oneOf: [{ $ref: "spec#/components/schemas/Cat" }, { $ref: "spec#/components/schemas/Dog" }] } } })
      const inline = compile({ anyOf: [{ type: "string" }, { type: "object", required: ["a"], properties: { a: { type: "object", properties: { b: { type: "integer" } } } } }] })
      const op = (validate: Validator): OperationSpec => ({
        id: "adopt",
        method: "post",
        path: "/adopt",
        parameters: [],
        body: { required: true, content: [{ mediaType: "application/json", kind: "json", validate }] },
        responses: { "200": { content: jsonContent } },
        security: []
      })
      const run = makeExecutor(nodeTransport(), { baseUrl: server.url }, api)
      const dog = yield* Effect.flip(run(op(body), { body: { pet: { bark: { loud: 1 } } } }))
      expect(dog).toMatchObject({ _tag: "InvalidInput", pointer: "/body/pet/bark/loud" })
      expect(dog.message).toBe("adopt: /body/pet/bark/loud must be boolean (no oneOf/anyOf branch matched; closest: Dog)")
      const cat = yield* Effect.flip(run(op(body), { body: { pet: { meow: 1 } } }))
      expect(cat.message).toBe("adopt: /body/pet/meow must be string (no oneOf/anyOf branch matched; closest: Cat)")
      const branch = yield* Effect.flip(run(op(inline), { body: { a: { b: "x" } } }))
      expect(branch.message).toBe("adopt: /body/a/b must be integer (no oneOf/anyOf branch matched; closest: branch 1)")
      expect(server.seen).toHaveLength(0)
      // A value that matches two oneOf branches is reported by the oneOf itself.
      const both = compile({ oneOf: [{ type: "number" }, { type: "integer" }] })
      expect(both(3)).toBe(false)
      expect(reportedError(both.errors)?.error.keyword).toBe("oneOf")
    }))
})
