/** A real HTTP server on 127.0.0.1 for generated clients: records every request, answers from a handler. */
import * as http from "node:http"
import type { AddressInfo } from "node:net"

/** A request as the server received it. */
export interface Recorded {
  readonly method: string
  readonly url: string
  readonly headers: http.IncomingHttpHeaders
  readonly body: Buffer
}

/** What the handler answers: status, headers and body; `destroy` drops the connection instead; `delay` waits first. */
export interface Answer {
  readonly status?: number
  readonly headers?: Record<string, string>
  readonly body?: string | Buffer | object
  readonly destroy?: boolean
  readonly delay?: number
}

/** A running server. */
export interface TestServer {
  readonly url: string
  readonly requests: Array<Recorded>
  handle: (request: Recorded) => Answer
  readonly close: () => Promise<void>
}

/** Starts a server on an ephemeral port of 127.0.0.1. */
export const startServer = async (handle: (request: Recorded) => Answer = () => ({ status: 404 })): Promise<TestServer> => {
  const requests: Array<Recorded> = []
  const state = { handle }
  const server = http.createServer((req, res) => {
    const chunks: Array<Buffer> = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const recorded: Recorded = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) }
      requests.push(recorded)
      const answer = state.handle(recorded)
      const send = () => {
        if (answer.destroy === true) return req.socket.destroy()
        const body = answer.body === undefined ? "" : typeof answer.body === "string" || Buffer.isBuffer(answer.body) ? answer.body : JSON.stringify(answer.body)
        const headers = { ...(typeof answer.body === "object" && !Buffer.isBuffer(answer.body) ? { "content-type": "application/json" } : {}), ...answer.headers }
        res.writeHead(answer.status ?? 200, headers).end(body)
      }
      if (answer.delay === undefined) send()
      else setTimeout(send, answer.delay)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get handle() {
      return state.handle
    },
    set handle(f) {
      state.handle = f
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
