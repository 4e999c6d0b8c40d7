// The node:http transport against real servers on 127.0.0.1: plain http, and https loaded on demand.
import { it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as http from "node:http"
import { execFile } from "node:child_process"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"
import { describe, expect } from "vitest"
import { nodeTransport } from "../src/transport-node.js"

/** A plain http server on 127.0.0.1 answering every request with its method and path; closed with the scope. */
const server = Effect.acquireRelease(
  Effect.callback<http.Server>((resume) => {
    const s = http.createServer((req, res) => res.end(JSON.stringify({ method: req.method, url: req.url })))
    s.listen(0, "127.0.0.1", () => resume(Effect.succeed(s)))
  }),
  (s) =>
    Effect.callback<void>((resume) => {
      s.close(() => resume(Effect.void))
    })
)

const request = (url: string) => ({ operation: "Probe", method: "get", url, headers: {}, body: undefined })

describe("nodeTransport", () => {
  it.effect("sends over plain http", () =>
    Effect.gen(function* () {
      const port = ((yield* server).address() as AddressInfo).port
      const response = yield* nodeTransport().send(request(`http://127.0.0.1:${port}/a?b=1`), Duration.seconds(5))
      expect(response.status).toBe(200)
      expect(JSON.parse(new TextDecoder().decode(response.body))).toEqual({ method: "GET", url: "/a?b=1" })
    })
  )

  it.effect("a process that only talks plain http never loads node:https or node:tls (the built transport, in a child)", () =>
    Effect.gen(function* () {
      const port = ((yield* server).address() as AddressInfo).port
      const script = [
        `import { nodeTransport } from "@effect-openapi/runtime/node"`,
        `import * as Effect from "effect/Effect"`,
        `const r = await Effect.runPromise(nodeTransport().send({ operation: "Probe", method: "get", url: "http://127.0.0.1:${port}/", headers: {}, body: undefined }, undefined))`,
        `const loaded = process.moduleLoadList.filter((m) => m === "NativeModule https" || m === "NativeModule tls")`,
        `process.stdout.write(JSON.stringify({ status: r.status, loaded }))`
      ].join("\n")
      const out = yield* Effect.callback<string, Error>((resume) => {
        execFile(process.execPath, ["--input-type=module", "-e", script], { cwd: fileURLToPath(new URL("..", import.meta.url)) }, (error, stdout) =>
          resume(error ? Effect.fail(error) : Effect.succeed(stdout)))
      })
      expect(JSON.parse(out)).toEqual({ status: 200, loaded: [] })
    })
  )

  it.effect("an https URL goes through node:https, loaded on demand: TLS to a plain http server fails as a Connection error", () =>
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
  )
})
