/**
 * A generated client calls real APIs correctly (issue 24 item 2): a path's and an operation's own
 * servers (with variables), a request media type chosen per call, declared 3xx in the typed error
 * union, and readOnly/writeOnly properties required only in the direction they travel; against real
 * HTTP servers on 127.0.0.1 (test/specs/calls.yaml).
 */
import { mkdir, rm, writeFile } from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { nodeTransport } from "@effect-openapi/runtime/node"
import { generateClient } from "../src/client/generate.js"
import { forDirection } from "../src/client/json-schema.js"
import { startServer, type Answer, type Recorded, type TestServer } from "./support/server.js"
import { typeErrors } from "./support/typecheck.js"

const root = path.resolve(import.meta.dirname, "../../..")
// Inside the workspace (its git-ignored tmp/), so that the generated imports resolve as a package's would.
const out = path.join(root, "tmp", `calls-${process.pid}`)

/** How code that uses the client reads: each line type-checks only if the generated types are right. */
const usage = `import * as Effect from "effect/Effect"
import { Calls } from "./index.js"

export const program = Effect.gen(function* () {
  const calls = yield* Calls
  // A declared 304 and 301 are in the error union, so catchTag can name them.
  const pet = yield* calls.showPet({ path: { id: 1 } }).pipe(
    Effect.catchTag("NotModified", (e) => Effect.succeed(e.status)),
    Effect.catchTag("Redirected", (e) => Effect.succeed(e.location))
  )
  yield* calls.uploadAsset({ path: { release: 1 }, body: new Uint8Array([1]), contentType: "application/zip" })
  // @ts-expect-error a media type the operation does not declare
  yield* calls.uploadAsset({ path: { release: 1 }, body: new Uint8Array([1]), contentType: "text/plain" })
  // @ts-expect-error uploadAsset declares no 3xx
  yield* calls.uploadAsset({ path: { release: 1 }, body: "x" }).pipe(Effect.catchTag("NotModified", () => Effect.void))
  return pet
})
`

type Client = {
  readonly uploadAsset: (input: unknown, options?: unknown) => Effect.Effect<unknown, { readonly _tag: string }>
  readonly createPet: (input: unknown, options?: unknown) => Effect.Effect<unknown, { readonly _tag: string }>
  readonly showPet: (input: unknown, options?: unknown) => Effect.Effect<unknown, { readonly _tag: string }>
  readonly listItemsStream: (input: unknown, options?: unknown) => Stream.Stream<unknown, { readonly _tag: string }>
}
let makeWith: (transport: unknown, options: object) => Effect.Effect<Client, unknown>
let main: TestServer
let uploads: TestServer

beforeAll(async () => {
  const result = await generateClient({ spec: path.join(root, "tools/codegen/test/specs/calls.yaml"), specLabel: "calls.yaml", name: "calls" })
  await mkdir(out, { recursive: true })
  for (const file of result.files) await writeFile(path.join(out, file.file), file.source)
  await writeFile(path.join(out, "usage.ts"), usage)
  makeWith = ((await import(path.join(out, "client.ts"))) as { makeWith: typeof makeWith }).makeWith
  main = await startServer()
  uploads = await startServer(() => ({ status: 201, body: { name: "a.zip" } }))
}, 120_000)
afterAll(async () => {
  await main?.close()
  await uploads?.close()
  await rm(out, { recursive: true, force: true })
})

const client = (options: object = {}) => Effect.runSync(makeWith(nodeTransport(), { baseUrl: `${main.url}/api`, ...options }))
const run = <A>(effect: Effect.Effect<A, unknown>) => Effect.runPromise(effect)
const fail = (effect: Effect.Effect<unknown, { readonly _tag: string }>) => Effect.runPromise(Effect.flip(effect))
const answer = (value: Answer) => {
  main.handle = (_request: Recorded) => value
}

describe("a generated client calls real APIs correctly", () => {
  it("type-checks, with 304/301 in the error union and the declared media types as the contentType choice", () => {
    expect(typeErrors(["client.ts", "index.ts", "types.ts", "usage.ts"].map((file) => path.join(out, file)))).toEqual([])
  }, 120_000)

  it("a path's server, its variable from the client, gets the upload in the chosen media type; the operation's relative server is on baseUrl's origin", async () => {
    const port = new URL(uploads.url).port
    const calls = client({ serverVariables: { port } })
    expect(await run(calls.uploadAsset({ path: { release: 7 }, body: new Uint8Array([80, 75]), contentType: "application/zip" }))).toEqual({ name: "a.zip" })
    expect(uploads.requests.map((r) => [r.method, r.url, r.headers["content-type"]])).toEqual([["POST", "/uploads/releases/7/assets", "application/zip"]])
    answer({ status: 200, body: { id: 1, name: "Rex", owner: { login: "ann", createdAt: "2020" } } })
    await run(calls.showPet({ path: { id: 1 } }))
    expect(main.requests.at(-1)?.url).toBe("/v2/pets/1")
    // Without the variable, the default port (1) is refused by the system, not sent elsewhere.
    expect(await fail(client({ retry: false }).uploadAsset({ path: { release: 7 }, body: "x" }))).toMatchObject({ _tag: "TransportError" })
  })

  it("readOnly properties are not required in a request, writeOnly ones not in a response; each stays required the other way", async () => {
    const calls = client()
    answer({ status: 201, body: { id: 5, name: "Rex", owner: { login: "ann", createdAt: "2020" } } })
    const sent = main.requests.length
    expect(await run(calls.createPet({ body: { name: "Rex", password: "pw", owner: { login: "ann" } } }))).toEqual({ id: 5, name: "Rex", owner: { login: "ann", createdAt: "2020" } })
    expect(JSON.parse(main.requests.at(-1)!.body.toString())).toEqual({ name: "Rex", password: "pw", owner: { login: "ann" } })
    expect(await fail(calls.createPet({ body: { name: "Rex", owner: { login: "ann" } } }))).toMatchObject({ _tag: "InvalidInput", pointer: "/body/password" })
    answer({ status: 201, body: { name: "Rex", owner: { login: "ann", createdAt: "2020" } } })
    expect(await fail(calls.createPet({ body: { name: "Rex", password: "pw", owner: { login: "ann" } } }))).toMatchObject({ _tag: "DecodeError", pointer: "/id" })
    answer({ status: 201, body: { id: 5, name: "Rex", owner: { login: "ann" } } })
    expect(await fail(calls.createPet({ body: { name: "Rex", password: "pw", owner: { login: "ann" } } }))).toMatchObject({ _tag: "DecodeError", pointer: "/owner/createdAt" })
    expect(main.requests.length - sent).toBe(3)
  })

  it("a stream with a per-call baseUrl follows its relative next links on that origin, credentials and all", async () => {
    const other = await startServer((request) => request.url === "/alt/items" ? { body: { items: [1, 2], next: "/alt/items?page=2" } } : { body: { items: [3], next: null } })
    try {
      const items = await run(Stream.runCollect(client().listItemsStream({}, { baseUrl: `${other.url}/alt` })))
      expect([...items]).toEqual([1, 2, 3])
      expect(other.requests.map((r) => r.url)).toEqual(["/alt/items", "/alt/items?page=2"])
    } finally {
      await other.close()
    }
  })

  it("a declared 304 is NotModified and a declared 301 is Redirected, not followed", async () => {
    const calls = client()
    answer({ status: 304, headers: { etag: "\"x\"" } })
    expect(await fail(calls.showPet({ path: { id: 2 } }))).toMatchObject({ _tag: "NotModified", status: 304 })
    answer({ status: 301, headers: { location: `${main.url}/api/v2/pets/3` } })
    const before = main.requests.length
    expect(await fail(calls.showPet({ path: { id: 2 } }))).toMatchObject({ _tag: "Redirected", status: 301, location: `${main.url}/api/v2/pets/3` })
    expect(main.requests.length - before).toBe(1)
  })
})

describe("forDirection (the schema transform behind the validators)", () => {
  const doc = { components: { schemas: { Stamp: { type: "string", readOnly: true }, Secret: { type: "string", writeOnly: true } } } }
  const resolve = (ref: string) => ref.split("/").slice(1).reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], doc)
  const schema = {
    type: "object",
    required: ["id", "stamp", "wrapped", "secret", "name"],
    properties: {
      id: { type: "integer", readOnly: true },
      stamp: { $ref: "#/components/schemas/Stamp" },
      wrapped: { allOf: [{ $ref: "#/components/schemas/Stamp" }], description: "3.0's way to describe a $ref" },
      secret: { $ref: "#/components/schemas/Secret" },
      name: { type: "string" }
    },
    items: { type: "object", required: ["key"], properties: { key: { type: "string", writeOnly: true } } }
  }
  it("drops from `required` the readOnly properties in a request and the writeOnly ones in a response, through $ref and allOf, at any depth; the properties stay", () => {
    const request = forDirection(schema, "request", resolve) as typeof schema
    const response = forDirection(schema, "response", resolve) as typeof schema
    expect(request.required).toEqual(["secret", "name"])
    expect(response.required).toEqual(["id", "stamp", "wrapped", "name"])
    expect(request.items.required).toEqual(["key"])
    expect(response.items.required).toEqual([])
    expect(Object.keys(request.properties)).toEqual(Object.keys(schema.properties))
    expect(schema.required).toHaveLength(5)
  })
})
