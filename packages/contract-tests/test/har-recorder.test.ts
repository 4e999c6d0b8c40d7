/**
 * Recording for every API: a generated client (Redocly Museum) over the HAR recorder, against the mock
 * server on 127.0.0.1; the saved HAR verifies against the spec, holds no secret, and is written by the
 * recorder's safe-write rules.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import * as http from "node:http"
import * as os from "node:os"
import * as path from "node:path"
import { startMock, type RunningMock } from "@effect-openapi/mock"
import { makeHarRecorder, makeRedactor, RecordingError, recorderMarker, verify, type HarRecorder } from "@effect-openapi/contract"
import { RedoclyMuseum } from "../../../tools/codegen/test/generated/redocly-museum/index.js"

const root = path.resolve(import.meta.dirname, "../../..")
const spec = path.join(root, "tools/codegen/test/specs/redocly-museum.yaml")
const password = "s3cret-museum-pass"
const eventId = "dad4bce8-f5cb-4078-a211-995864315e39"

let mock: RunningMock
beforeAll(async () => {
  mock = await startMock({ spec, port: 0, host: "127.0.0.1" })
})
afterAll(async () => {
  await mock.close()
})

/** Runs calls through the generated client's `layerWith`, over the recorder, over fetch. */
const session = (recorder: HarRecorder, calls: (museum: RedoclyMuseum["Service"]) => Effect.Effect<unknown, unknown>) =>
  Effect.runPromise(
    Effect.gen(function* () {
      return yield* calls(yield* RedoclyMuseum)
    }).pipe(
      Effect.provide(
        RedoclyMuseum.layerWith({ baseUrl: mock.url, auth: { MuseumPlaceholderAuth: { username: "ada", password } }, retry: false }).pipe(
          Layer.provide(recorder.layer),
          Layer.provide(FetchHttpClient.layer)
        )
      )
    )
  )

const recorded = async () => {
  const recorder = makeHarRecorder({ secrets: [Redacted.make(password)], fixtureOrigin: "https://museum.example.com", redactor: makeRedactor({ seed: 7 }) })
  const results = await session(recorder, (museum) =>
    Effect.all([
      museum.getMuseumHours({ query: { startDate: "2023-02-23", limit: 5 } }),
      museum.listSpecialEvents({}),
      museum.getSpecialEvent({ path: { eventId } }),
      museum.createSpecialEvent({ body: { name: "Pirate Coding Workshop", location: "Computer Room", eventDescription: "Ahoy", dates: ["2023-09-05"], price: 25 } }),
      museum.deleteSpecialEvent({ path: { eventId } })
    ])
  )
  return { recorder, results }
}

describe("HarRecorder over a generated client", () => {
  it("records every call as it reached the client, and the saved HAR verifies against the spec", async () => {
    const { recorder, results } = await recorded()
    expect(results).toHaveLength(5)
    expect(recorder.entries().map((e) => `${e.request.method} ${new URL(e.request.url).pathname} ${e.response.status}`)).toEqual([
      "GET /museum-hours 200",
      "GET /special-events 200",
      `GET /special-events/${eventId} 200`,
      "POST /special-events 201",
      `DELETE /special-events/${eventId} 204`
    ])
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "har-recorder-")), "recorded")
    const file = await recorder.save({ dir, name: "museum" })
    expect(file).toBe(path.join(dir, "museum.har"))
    const report = verify(file, { spec, strict: true })
    expect(report.errors).toEqual([])
    expect(report.summary, JSON.stringify(report.entries.filter((e) => e.violations.length > 0), null, 2)).toMatchObject({ files: 1, entries: 5, ok: 5, failed: 0, violations: 0 })
  })

  it("writes no secret: no credentials, no Authorization header, no recorded origin", async () => {
    const { recorder } = await recorded()
    const text = JSON.stringify(recorder.har())
    for (const secret of [password, Buffer.from(`ada:${password}`).toString("base64"), "authorization", "Basic ", mock.url]) expect(text.toLowerCase()).not.toContain(secret.toLowerCase())
    expect(recorder.entries().every((e) => e.request.headers.every((h) => h.name === "accept"))).toBe(true)
  })

  it("replaces a secret the server echoes in a body, and secret-looking query values", async () => {
    const server = http.createServer((req, res) => {
      res.setHeader("content-type", "application/json")
      res.setHeader("set-cookie", `session=${password}`)
      res.end(JSON.stringify({ echoed: `token ${password}`, url: req.url, email: "ada@museum.example" }))
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    const { port } = server.address() as { port: number }
    try {
      const recorder = makeHarRecorder({ secrets: [Redacted.make(password)] })
      await Effect.runPromise(
        Effect.gen(function* () {
          const client = recorder.wrap(yield* HttpClient.HttpClient)
          const response = yield* client.execute(HttpClientRequest.get(`http://127.0.0.1:${port}/echo?api_key=abc123&page=2`))
          expect(yield* response.json).toMatchObject({ echoed: `token ${password}` }) // the caller still gets the real body
        }).pipe(Effect.provide(FetchHttpClient.layer))
      )
      const text = JSON.stringify(recorder.har())
      expect(text).not.toContain(password)
      expect(text).not.toContain("abc123")
      expect(text).not.toContain("ada@museum.example")
      expect(text).not.toContain("set-cookie")
      expect(recorder.entries()[0]!.request.queryString).toEqual([{ name: "api_key", value: "<redacted>" }, { name: "page", value: "2" }])
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it("saves by the recorder's rules: a folder it did not make only with force, its own folder freely, nothing empty", async () => {
    const { recorder } = await recorded()
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "har-recorder-")), "fixtures")
    mkdirSync(dir)
    writeFileSync(path.join(dir, "keep.txt"), "mine")
    const refused = await recorder.save({ dir, name: "museum" }).then(() => undefined, (e: unknown) => e)
    expect(refused).toBeInstanceOf(RecordingError)
    expect((refused as RecordingError).message).toContain("--force")
    expect(readFileSync(path.join(dir, "keep.txt"), "utf8")).toBe("mine")
    expect(existsSync(path.join(dir, "museum.har"))).toBe(false)
    await recorder.save({ dir, name: "museum", force: true })
    expect(existsSync(path.join(dir, "keep.txt"))).toBe(false)
    expect(existsSync(path.join(dir, recorderMarker))).toBe(true)
    await recorder.save({ dir, name: "again" }) // the recorder's own folder: replaced without force
    expect(existsSync(path.join(dir, "again.har"))).toBe(true)
    expect(existsSync(path.join(dir, "museum.har"))).toBe(false)
    const empty = await makeHarRecorder().save({ dir: path.join(dir, "..", "empty") }).then(() => undefined, (e: unknown) => e)
    expect(empty).toBeInstanceOf(RecordingError)
    expect(existsSync(path.join(dir, "..", "empty"))).toBe(false)
  })
})
