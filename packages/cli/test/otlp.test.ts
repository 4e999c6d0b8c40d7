// `--otlp-endpoint` / OTEL_EXPORTER_OTLP_ENDPOINT: the built binary exports its spans and metrics to
// an OTLP/HTTP JSON receiver run here, never a credential; without either, nothing is sent.
import { start, type RunningSimulator } from "@deleted-users/simulator"
import { spawn } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { otlpEndpointProblem } from "../src/telemetry.js"

const bin = fileURLToPath(new URL("../bin/deleted-users.cjs", import.meta.url))

/** Runs the built binary; resolves on "close" (the pipes drained), killed after `timeoutMs`. */
const cli = (args: Array<string>, env: Record<string, string | undefined>, timeoutMs = 20_000) =>
  new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve) => {
    const started = Date.now()
    const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs)
    child.stdout.on("data", (d) => (stdout += d))
    child.stderr.on("data", (d) => (stderr += d))
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, ms: Date.now() - started })
    })
  })

interface Received {
  readonly url: string
  readonly contentType: string | undefined
  readonly authorization: string | undefined
  readonly body: string
}

/** An OTLP/HTTP JSON receiver: keeps every request, answers `{}` (a full success). */
const receiver = () =>
  new Promise<{ server: Server; url: string; received: Array<Received> }>((resolve) => {
    const received: Array<Received> = []
    const server = createServer((req, res) => {
      let body = ""
      req.on("data", (d) => (body += d))
      req.on("end", () => {
        received.push({ url: req.url ?? "", contentType: req.headers["content-type"], authorization: req.headers.authorization, body })
        res.writeHead(200, { "content-type": "application/json" }).end("{}")
      })
    })
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received }))
  })

interface OtlpSpan {
  readonly name: string
  readonly attributes: ReadonlyArray<{ readonly key: string; readonly value: Record<string, unknown> }>
}
const spansOf = (received: ReadonlyArray<Received>): Array<OtlpSpan> =>
  received
    .filter((r) => r.url === "/v1/traces")
    .flatMap((r) => JSON.parse(r.body).resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans as Array<OtlpSpan>)))
const metricNamesOf = (received: ReadonlyArray<Received>): Array<string> =>
  received
    .filter((r) => r.url === "/v1/metrics")
    .flatMap((r) => JSON.parse(r.body).resourceMetrics.flatMap((rm: any) => rm.scopeMetrics.flatMap((sm: any) => sm.metrics.map((m: any) => m.name as string))))
const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value
  return value === undefined ? undefined : Object.values(value)[0]
}

describe("deleted-users --otlp-endpoint (the built binary)", () => {
  let sim: RunningSimulator
  let otlp: Awaited<ReturnType<typeof receiver>>
  const token = "sim-api-token"
  let env: Record<string, string>
  beforeAll(async () => {
    sim = await start({ users: 60, seed: 5, requestsPerWindow: 100_000 })
    otlp = await receiver()
    env = { ZENDESK_BASE_URL: sim.url, ZENDESK_EMAIL: "admin@example.com", ZENDESK_API_TOKEN: token, DELETED_USERS_STATE_DIR: mkdtempSync(path.join(os.tmpdir(), "cli-otlp-")) }
  })
  afterAll(async () => {
    await sim.close()
    await new Promise((resolve) => otlp.server.close(resolve))
  })
  beforeEach(() => void otlp.received.splice(0))

  it("exports the operation's span (status 200) and openapi.client metrics, flushed before exit, with no credential", async () => {
    const run = await cli(["count", "--otlp-endpoint", otlp.url], env)
    expect(run.stderr).toBe("")
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).count.value).toBe(sim.state.deletedIds().length)
    // Flushed when the run ends: everything is there once the process has exited.
    const spans = spansOf(otlp.received)
    const operation = spans.filter((s) => /\.countDeletedUsers$/i.test(s.name))
    expect(operation.length).toBeGreaterThanOrEqual(1)
    expect(operation.some((s) => Number(attribute(s, "http.response.status_code")) === 200)).toBe(true)
    expect(metricNamesOf(otlp.received)).toContain("openapi.client.requests")
    for (const r of otlp.received) {
      expect(r.contentType).toMatch(/application\/json/)
      expect(r.authorization).toBeUndefined()
      expect(r.body).not.toContain(token)
      expect(r.body).not.toContain("sim-password")
      expect(r.body).not.toContain(Buffer.from(`admin@example.com/token:${token}`).toString("base64"))
    }
  })

  it("reads OTEL_EXPORTER_OTLP_ENDPOINT when there is no flag (password credentials: never exported)", async () => {
    const run = await cli(["list", "--page-size", "20"], {
      ...env,
      ZENDESK_API_TOKEN: undefined,
      ZENDESK_PASSWORD: "sim-password",
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url
    })
    expect(run.code).toBe(0)
    expect(spansOf(otlp.received).some((s) => /\.listDeletedUsers$/i.test(s.name))).toBe(true)
    for (const r of otlp.received) {
      expect(r.body).not.toContain("sim-password")
      expect(r.body).not.toContain(Buffer.from("admin@example.com:sim-password").toString("base64"))
    }
  })

  it("a run that fails (exit 1) still flushes its span, with the status, before it exits", async () => {
    const id = sim.state.idsWhere("purged")[0]!
    const run = await cli(["show", String(id), "--otlp-endpoint", otlp.url], env)
    expect(run.code).toBe(1)
    const shown = spansOf(otlp.received).filter((s) => /\.showDeletedUser$/i.test(s.name))
    expect(shown.some((s) => Number(attribute(s, "http.response.status_code")) === 404)).toBe(true)
    expect(metricNamesOf(otlp.received)).toContain("openapi.client.requests")
  })

  it("sends nothing without the flag or the variable", async () => {
    const run = await cli(["count"], env)
    expect(run.code).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(otlp.received).toHaveLength(0)
  })

  it("a bad endpoint (user info) exits 2 before anything is sent, and does not print the credentials", async () => {
    const before = sim.state.requests.length
    const run = await cli(["count", "--otlp-endpoint", "http://user:s3cret@127.0.0.1:1"], env)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("--otlp-endpoint")
    expect(run.stderr).not.toContain("s3cret")
    expect(sim.state.requests.length).toBe(before)
    const fromEnv = await cli(["count"], { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: "ftp://127.0.0.1:1" })
    expect(fromEnv.code).toBe(2)
    expect(fromEnv.stderr).toContain("OTEL_EXPORTER_OTLP_ENDPOINT")
  })

  it("a collector that is down neither fails the run nor holds its exit for long", async () => {
    const down = createServer()
    const port = await new Promise<number>((resolve) => down.listen(0, "127.0.0.1", () => resolve((down.address() as AddressInfo).port)))
    await new Promise((resolve) => down.close(resolve))
    const run = await cli(["count", "--otlp-endpoint", `http://127.0.0.1:${port}`], env)
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).count.value).toBe(sim.state.deletedIds().length)
    expect(run.ms).toBeLessThan(8_000)
    // A failed export says so in one line (no stack), if at all (the last flush is cut first), and never with --quiet.
    expect(run.stderr.split("\n").filter((line) => line !== "").every((line) => line.startsWith("deleted-users: telemetry: "))).toBe(true)
    const quiet = await cli(["count", "--quiet", "--otlp-endpoint", `http://127.0.0.1:${port}`], env)
    expect(quiet.code).toBe(0)
    expect(quiet.stderr).toBe("")
  })
})

describe("otlpEndpointProblem", () => {
  it.each([
    ["http://127.0.0.1:4318", undefined],
    ["https://otel.example.com/base/", undefined],
    ["http://u:p@127.0.0.1:4318", "credentials"],
    ["http://127.0.0.1:4318/?key=secret", "query"],
    ["http://127.0.0.1:43\t18", "control"],
    ["ftp://127.0.0.1", "http or https"],
    ["not a url", "spaces"],
    ["nope", "not a URL"]
  ])("%j", (text, expected) => {
    const problem = otlpEndpointProblem(text)
    if (expected === undefined) expect(problem).toBeUndefined()
    else expect(problem).toContain(expected)
    expect(problem ?? "").not.toContain("secret")
  })
})
