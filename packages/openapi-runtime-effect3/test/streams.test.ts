/**
 * The Effect 3 target's streamed responses (`effect-openapi generate --effect 3`), the same cases as
 * `tools/codegen/test/streams.test.ts` for Effect 4, against real HTTP servers on 127.0.0.1
 * (tools/codegen/test/specs/streams.yaml, generated into ./generated/streams): a `text/event-stream` operation as
 * a `Stream` of typed events (`jobsEventsEvents`), reconnecting with `Last-Event-ID` after the server's
 * `retry`, and a binary download as a `Stream` of bytes (`filesDownloadBytes`), never held whole.
 */
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Stream from "effect/Stream"
import { afterEach, describe, expect, it } from "vitest"
import { fromHttpClient, memoryRateLimitStore, paced, testTransport, type Transport } from "@effect-openapi/runtime-effect3"
import { nodeTransport } from "@effect-openapi/runtime-effect3/node"
import { makeTest, makeWith, type StreamsApi } from "./generated/streams/index.js"

type Handler = (request: http.IncomingMessage, response: http.ServerResponse, connection: number) => void

const servers: Array<http.Server> = []

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

/** A server on 127.0.0.1 that answers each request with `handler` (given the request's number, from 1), and the requests it saw. */
const serve = async (handler: Handler) => {
  const seen: Array<http.IncomingMessage> = []
  const server = http.createServer((request, response) => {
    seen.push(request)
    handler(request, response, seen.length)
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

/** Every item of a stream, as an array (Effect 3's `runCollect` gives a `Chunk`). */
const collect = <A, E>(stream: Stream.Stream<A, E>): Promise<ReadonlyArray<A>> => Effect.runPromise(Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray))

const client = (transport: Transport, baseUrl: string, options: object = {}): Promise<StreamsApi> =>
  Effect.runPromise(makeWith(transport, { baseUrl, retry: false, ...options }))

const event = (id: number, data: unknown, retry?: number) => `${retry === undefined ? "" : `retry: ${retry}\n`}id: ${id}\nevent: progress\ndata: ${JSON.stringify(data)}\n\n`

const sse = (response: http.ServerResponse) => response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" })

describe("jobsEventsEvents: a text/event-stream operation as a Stream of typed events", () => {
  it("decodes each event's data, and resumes a dropped connection with Last-Event-ID after the server's retry", async () => {
    let dropped = 0
    let reopened = 0
    const { baseUrl, seen } = await serve((request, response, n) => {
      sse(response)
      if (n === 1) {
        // Three events (the first sets retry: 1200 ms, past the 1 s default), a keep-alive comment, then the connection drops.
        response.write(event(1, { step: 1, done: false }, 1200) + ": keep-alive\n\n")
        response.write(event(2, { step: 2, done: false }))
        response.write(event(3, { step: 3, done: false }), () =>
          setTimeout(() => {
            dropped = Date.now()
            response.socket?.destroy()
          }, 20))
      } else {
        reopened = Date.now()
        response.end(event(4, { step: 4, done: false }) + event(5, { step: 5, done: true }))
      }
    })
    const api = await client(nodeTransport(), baseUrl)
    const events = await collect((api.jobsEventsEvents({ path: { id: "j1" } })))
    expect(events.map((e) => [e.id, e.event, e.data.step, e.data.done])).toEqual([
      ["1", "progress", 1, false],
      ["2", "progress", 2, false],
      ["3", "progress", 3, false],
      ["4", "progress", 4, false],
      ["5", "progress", 5, true]
    ])
    expect(seen.length).toBe(2)
    expect(seen[0]!.headers["last-event-id"]).toBeUndefined()
    expect(seen[1]!.headers["last-event-id"]).toBe("3")
    expect(seen[0]!.headers["accept"]).toBe("text/event-stream")
    expect(seen[1]!.url).toBe("/jobs/j1/events")
    // The server's retry (1.2 s) was waited, not the 1 s default.
    expect(reopened - dropped).toBeGreaterThanOrEqual(1150)
  })

  it("fails with DecodeError, its pointer in the data, for an event that breaks the schema", async () => {
    const { baseUrl } = await serve((_request, response) => {
      sse(response)
      response.end(event(1, { step: 1, done: false }) + event(2, { step: -2, done: false }))
    })
    const api = await client(nodeTransport(), baseUrl)
    const seen: Array<unknown> = []
    const error = await Effect.runPromise(Effect.flip(Stream.runForEach(api.jobsEventsEvents({ path: { id: "j" } }), (e) => Effect.sync(() => seen.push(e.data)))))
    expect(seen).toEqual([{ step: 1, done: false }])
    expect(error._tag).toBe("DecodeError")
    if (error._tag !== "DecodeError") return
    expect(error.pointer).toBe("/step")
    expect(error.message).toContain("(id 2)")
  })

  it("fails with the declared status error before the body, as the buffered method does", async () => {
    const { baseUrl } = await serve((_request, response) => {
      response.writeHead(404, { "content-type": "application/json" })
      response.end(JSON.stringify({ message: "no such job" }))
    })
    const api = await client(nodeTransport(), baseUrl)
    const streamed = await Effect.runPromise(Effect.flip(Stream.runDrain(api.jobsEventsEvents({ path: { id: "j" } }))))
    const buffered = await Effect.runPromise(Effect.flip(api.jobsEvents({ path: { id: "j" } })))
    expect(streamed._tag).toBe("NotFound")
    expect(buffered._tag).toBe("NotFound")
    if (streamed._tag === "NotFound") expect(streamed.body).toEqual({ message: "no such job" })
  })

  it("reconnects a bounded number of times in a row, then fails with TransportError", async () => {
    const { baseUrl, seen } = await serve((_request, response) => {
      sse(response)
      response.write("retry: 5\n\n", () => response.socket?.destroy())
    })
    const api = await client(nodeTransport(), baseUrl)
    const error = await Effect.runPromise(Effect.flip(Stream.runDrain(api.jobsEventsEvents({ path: { id: "j" } }, { reconnects: 2 }))))
    expect(error._tag).toBe("TransportError")
    if (error._tag === "TransportError") expect(error.reason).toBe("Body")
    expect(seen.length).toBe(3)
  })

  it("stops an event past maxEventBytes with TransportError TooLarge, and a silent stream at the call's timeout", async () => {
    const { baseUrl } = await serve((request, response) => {
      sse(response)
      // An event that never ends: data lines with no blank line, or (on /jobs/quiet) nothing at all.
      if (request.url === "/jobs/big/events") response.write(`data: ${"x".repeat(64 * 1024)}\n`.repeat(8))
    })
    const api = await client(nodeTransport(), baseUrl)
    const big = await Effect.runPromise(Effect.flip(Stream.runDrain(api.jobsEventsEvents({ path: { id: "big" } }, { maxEventBytes: 100_000, reconnects: 0 }))))
    expect(big._tag === "TransportError" && big.reason).toBe("TooLarge")
    const quiet = await Effect.runPromise(Effect.flip(Stream.runDrain(api.jobsEventsEvents({ path: { id: "quiet" } }, { timeout: "200 millis", reconnects: 0 }))))
    expect(quiet._tag === "TransportError" && quiet.reason).toBe("Timeout")
  })

  it("in layerTest's double, parses the handler's text and checks each data by the schema", async () => {
    const api = makeTest({ jobsEvents: () => Effect.succeed(event(1, { step: 1, done: false }) + event(2, { step: "two", done: true })) })
    const seen: Array<unknown> = []
    const error = await Effect.runPromise(Effect.flip(Stream.runForEach(api.jobsEventsEvents({ path: { id: "j" } }), (e) => Effect.sync(() => seen.push(e.data)))))
    expect(seen).toEqual([{ step: 1, done: false }])
    expect(error._tag === "DecodeError" && error.pointer).toBe("/step")
    const bytes = makeTest({ filesDownload: () => Effect.succeed(new Uint8Array([9, 8])) })
    expect((await collect(bytes.filesDownloadBytes({ path: { name: "a" } }))).map((c) => [...c])).toEqual([[9, 8]])
  })

  it("reads events from testTransport's buffered body (no reconnection there)", async () => {
    const transport = testTransport(() => ({ status: 200, headers: { "content-type": "text/event-stream" }, body: event(7, { step: 7, done: true }) }))
    const api = await client(transport, "http://api.test")
    const events = await collect((api.jobsEventsEvents({ path: { id: "j" } })))
    expect(events.map((e) => [e.id, e.data])).toEqual([["7", { step: 7, done: true }]])
  })
})

/** A server whose download is `total` bytes written in 64 KiB chunks as the socket drains; `sent` counts what it wrote. */
const download = async (total: number) => {
  const state = { sent: 0, closed: false }
  const { baseUrl, seen } = await serve((request, response) => {
    if (request.url !== "/files/big") {
      response.writeHead(404, { "content-type": "application/json" })
      response.end(JSON.stringify({ message: "no such file" }))
      return
    }
    response.writeHead(200, { "content-type": "application/octet-stream" })
    state.sent = 0
    state.closed = false
    response.on("close", () => (state.closed = true))
    const chunk = new Uint8Array(64 * 1024).fill(7)
    const pump = () => {
      while (state.sent < total && !state.closed) {
        state.sent += chunk.length
        if (!response.write(chunk)) return void response.once("drain", pump)
      }
      if (state.sent >= total) response.end()
    }
    pump()
  })
  return { baseUrl, seen, state }
}

describe("filesDownloadBytes: a binary response as a Stream of bytes", () => {
  const total = 8 * 1024 * 1024

  for (const [name, transport] of [
    ["node:http", () => nodeTransport()],
    ["fetch (fromHttpClient)", () => fromHttpClient(Effect.runSync(Effect.provide(HttpClient.HttpClient, FetchHttpClient.layer)))]
  ] as const) {
    it(`yields a body far past maxResponseBytes chunk by chunk (${name}), where the buffered method stops at the limit`, async () => {
      const { baseUrl } = await download(total)
      const api = await client(transport(), baseUrl, { maxResponseBytes: 1024 })
      let chunks = 0
      let bytes = 0
      let largest = 0
      await Effect.runPromise(
        Stream.runForEach(api.filesDownloadBytes({ path: { name: "big" } }), (chunk) =>
          Effect.sync(() => {
            chunks++
            bytes += chunk.length
            largest = Math.max(largest, chunk.length)
          })
        )
      )
      expect(bytes).toBe(total)
      expect(chunks).toBeGreaterThan(8)
      // No chunk is the whole body: it was never gathered.
      expect(largest).toBeLessThan(total / 8)
      const buffered = await Effect.runPromise(Effect.flip(api.filesDownload({ path: { name: "big" } })))
      expect(buffered._tag === "TransportError" && buffered.reason).toBe("TooLarge")
    })
  }

  it("is pulled, not pushed: taking a few chunks closes the connection long before the server has written the body", async () => {
    const huge = 1024 * 1024 * 1024
    const { baseUrl, state } = await download(huge)
    const api = await client(nodeTransport(), baseUrl)
    const taken = await collect((Stream.take(api.filesDownloadBytes({ path: { name: "big" } }), 3)))
    expect(taken.length).toBe(3)
    for (let i = 0; i < 100 && !state.closed; i++) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(state.closed).toBe(true)
    // Backpressure held the server to what the socket buffers take: nowhere near the 1 GiB body.
    expect(state.sent).toBeLessThan(64 * 1024 * 1024)
  })

  it("fails with the declared status error before the body", async () => {
    const { baseUrl } = await download(1)
    const api = await client(nodeTransport(), baseUrl)
    const exit = await Effect.runPromiseExit(Stream.runDrain(api.filesDownloadBytes({ path: { name: "missing" } })))
    expect(Exit.isFailure(exit)).toBe(true)
    const error = await Effect.runPromise(Effect.flip(Stream.runDrain(api.filesDownloadBytes({ path: { name: "missing" } }))))
    expect(error._tag).toBe("NotFound")
    if (error._tag === "NotFound") expect(error.body).toEqual({ message: "no such file" })
  })

  it("streams through a paced transport too, each streamed request taking a slot", async () => {
    const { baseUrl } = await download(total)
    const store = memoryRateLimitStore()
    const api = await client(paced(nodeTransport(), store, { key: `streams-${Math.random()}`, limit: 1, windowMs: 60_000 }), baseUrl, { maxResponseBytes: 1024 })
    let bytes = 0
    await Effect.runPromise(Stream.runForEach(api.filesDownloadBytes({ path: { name: "big" } }), (chunk) => Effect.sync(() => (bytes += chunk.length))))
    expect(bytes).toBe(total)
    // The one slot of the window is taken: the next request waits, so it does not finish within 200 ms.
    const next = await Effect.runPromise(Effect.timeout(Stream.runDrain(api.filesDownloadBytes({ path: { name: "big" } })), "200 millis").pipe(Effect.flip))
    expect(next._tag).toBe("TimeoutException")
  })

  it("streams testTransport's buffered body as one chunk", async () => {
    const api = await client(testTransport(() => ({ status: 200, headers: { "content-type": "application/octet-stream" }, body: new Uint8Array([1, 2, 3]) })), "http://api.test")
    const chunks = await collect((api.filesDownloadBytes({ path: { name: "a" } })))
    expect(chunks.map((c) => [...c])).toEqual([[1, 2, 3]])
  })
})
