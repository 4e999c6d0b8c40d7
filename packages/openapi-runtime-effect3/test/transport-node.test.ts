// The node:http transport against real servers on 127.0.0.1: plain http, and https loaded on demand.
// Plain vitest running Effect 3 programs (the workspace's @effect/vitest is for Effect 4).
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as http from "node:http"
import { execFile } from "node:child_process"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { nodeTransport } from "../src/transport-node.js"

/** A test body as an Effect 3 program, run with its own scope (what `it.scoped` did). */
const scoped = <A, E>(body: () => Effect.Effect<A, E, Scope.Scope>) => (): Promise<A> => Effect.runPromise(Effect.scoped(body()))

/** A plain http server on 127.0.0.1 answering every request with its method and path; closed with the scope. */
const server = Effect.acquireRelease(
  Effect.async<http.Server>((resume) => {
    const s = http.createServer((req, res) => res.end(JSON.stringify({ method: req.method, url: req.url })))
    s.listen(0, "127.0.0.1", () => resume(Effect.succeed(s)))
  }),
  (s) =>
    Effect.async<void>((resume) => {
      s.close(() => resume(Effect.void))
    })
)

const request = (url: string) => ({ operation: "Probe", method: "get", url, headers: {}, body: undefined })

describe("nodeTransport", () => {
  it("sends over plain http", scoped(() =>
    Effect.gen(function* () {
      const port = ((yield* server).address() as AddressInfo).port
      const response = yield* nodeTransport().send(request(`http://127.0.0.1:${port}/a?b=1`), Duration.seconds(5))
      expect(response.status).toBe(200)
      expect(JSON.parse(new TextDecoder().decode(response.body))).toEqual({ method: "GET", url: "/a?b=1" })
    })
  ))

  it("a process that only talks plain http never loads node:https or node:tls (the built transport, in a child)", scoped(() =>
    Effect.gen(function* () {
      const port = ((yield* server).address() as AddressInfo).port
      const script = [
        `import { nodeTransport } from "@effect-openapi/runtime-effect3/node"`,
        `import * as Effect from "effect/Effect"`,
        `const r = await Effect.runPromise(nodeTransport().send({ operation: "Probe", method: "get", url: "http://127.0.0.1:${port}/", headers: {}, body: undefined }, undefined))`,
        `const loaded = process.moduleLoadList.filter((m) => m === "NativeModule https" || m === "NativeModule tls")`,
        `process.stdout.write(JSON.stringify({ status: r.status, loaded }))`
      ].join("\n")
      const out = yield* Effect.async<string, Error>((resume) => {
        execFile(process.execPath, ["--input-type=module", "-e", script], { cwd: fileURLToPath(new URL("..", import.meta.url)) }, (error, stdout) =>
          resume(error ? Effect.fail(error) : Effect.succeed(stdout)))
      })
      expect(JSON.parse(out)).toEqual({ status: 200, loaded: [] })
    })
  ))

  it("an https URL goes through node:https, loaded on demand: TLS to a plain http server fails as a Connection error", scoped(() =>
    Effect.gen(function* () {
      const port = ((yield* server).address() as AddressInfo).port
      const transport = nodeTransport()
      for (let i = 0; i < 2; i++) {
        const error = yield* Effect.flip(transport.send(request(`https://127.0.0.1:${port}/`), Duration.seconds(5)))
        expect(error._tag).toBe("TransportError")
        expect(error.reason).toBe("Connection")
        // OpenSSL's "wrong version number": the http server answered the TLS hello in plain text.
        expect(error.message).toMatch(/EPROTO|ERR_SSL/)
      }
    })
  ))
})
