/**
 * Starts the mock: loads the spec, serves it with `node:http` on a host and port, and closes it.
 *
 * @module
 */
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { makeHandler } from "./handler.js"
import { loadSpec } from "./spec.js"

/** What to mock, and where. */
export interface MockOptions {
  /** The spec: a file (YAML or JSON; relative `$ref`s to other files are bundled), its text, or a parsed document. */
  readonly spec: string | object
  /** The port; 0 (the default) picks a free one. */
  readonly port?: number
  /** The address to listen on; only the loopback address. */
  readonly host?: "127.0.0.1"
}

/** A running mock. */
export interface RunningMock {
  /** Its base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string
  /** Stops it: no new connections, open ones closed. */
  readonly close: () => Promise<void>
}

/** Loads the spec and starts a mock server for it; rejects with `SpecError` for a spec it can't serve. */
export const startMock = async (options: MockOptions): Promise<RunningMock> => {
  const spec = await loadSpec(options.spec)
  const handler = makeHandler(spec)
  const server = http.createServer((req, res) => void handler(req, res))
  const host = options.host ?? "127.0.0.1"
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  let closing: Promise<void> | undefined
  return {
    url: `http://${host}:${port}`,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)))
        server.closeAllConnections()
      }))
  }
}
