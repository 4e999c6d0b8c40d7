/**
 * Replay for every API: traffic recorded from a generated client (Redocly Museum) against the mock
 * server is replayed through the same client with `replayThrough`, answered from the HAR alone; and the
 * deprecated `replayEntry` alias says what to install when the package it moved to is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import * as path from "node:path"
import { startMock, type RunningMock } from "@effect-openapi/mock"
import { harFetch, loadSpec, makeHarRecorder, replayThrough, responseText, type HarEntry, type ReplayRequest } from "@effect-openapi/contract"
import { replayFrom } from "../src/replay-deprecated.js"
import { RedoclyMuseum } from "../../../tools/codegen/test/generated/redocly-museum/index.js"

const root = path.resolve(import.meta.dirname, "../../..")
const spec = path.join(root, "tools/codegen/test/specs/redocly-museum.yaml")
const index = loadSpec(spec)
const eventId = "dad4bce8-f5cb-4078-a211-995864315e39"
const origin = "https://museum.example.com"

let mock: RunningMock
beforeAll(async () => {
  mock = await startMock({ spec, port: 0, host: "127.0.0.1" })
})
afterAll(async () => {
  await mock.close()
})

/** The museum client over the context's `HttpClient`. */
const museum = (baseUrl: string) => RedoclyMuseum.layerWith({ baseUrl, auth: { MuseumPlaceholderAuth: { username: "ada", password: "pw" } }, retry: false })

/** The museum call a recorded request stands for: the only API-specific part of a replay. */
const museumCall = ({ operationId, pathParams, url }: ReplayRequest) =>
  Effect.flatMap(RedoclyMuseum, (api): Effect.Effect<unknown, unknown> => {
    const query = Object.fromEntries(url.searchParams)
    switch (operationId) {
      case "getMuseumHours":
        return api.getMuseumHours({ query: { ...(query.startDate === undefined ? {} : { startDate: query.startDate }), ...(query.limit === undefined ? {} : { limit: Number(query.limit) }) } })
      case "getSpecialEvent":
        return api.getSpecialEvent({ path: { eventId: pathParams.eventId! } })
      default:
        return Effect.die(new Error(`no museum call for ${operationId}`))
    }
  }).pipe(Effect.provide(museum(url.origin).pipe(Layer.provide(FetchHttpClient.layer))))

/** Calls the mock through the recorder; what the client returned and the entries recorded. */
const record = async () => {
  const recorder = makeHarRecorder({ fixtureOrigin: origin })
  const live = await Effect.runPromise(
    Effect.flatMap(RedoclyMuseum, (api) => Effect.all([api.getMuseumHours({ query: { startDate: "2023-02-23", limit: 3 } }), api.getSpecialEvent({ path: { eventId } })])).pipe(
      Effect.provide(museum(mock.url).pipe(Layer.provide(recorder.layer), Layer.provide(FetchHttpClient.layer)))
    )
  )
  return { live, entries: recorder.entries() }
}

describe("replayThrough, with any generated client", () => {
  it("gives back what was recorded (the live call's result, as redacted), from the recording alone", async () => {
    const { live, entries } = await record()
    expect(entries.map((e) => new URL(e.request.url).origin)).toEqual([origin, origin])
    const outcomes = await Effect.runPromise(Effect.forEach(entries, (entry) => replayThrough(index, entry, museumCall)))
    expect(outcomes).toEqual([
      { _tag: "Success", operationId: "getMuseumHours", value: live[0] },
      { _tag: "Success", operationId: "getSpecialEvent", value: JSON.parse(responseText(entries[1]!)) }
    ])
    // The recorder replaced the event's name (a person's, by the redaction's rule); nothing else differs.
    expect(outcomes[1]).toMatchObject({ value: { ...live[1], name: expect.stringMatching(/^Person [0-9a-f]{8}$/) } })
  })

  it("gives the client's typed error for a recorded error status", async () => {
    const { entries } = await record()
    const problem = { type: "object-not-found", title: "Not Found", detail: "no such event", status: 404 }
    const notFound: HarEntry = {
      ...entries[1]!,
      response: { ...entries[1]!.response, status: 404, statusText: "Not Found", headers: [{ name: "content-type", value: "application/problem+json" }], content: { size: 0, mimeType: "application/problem+json", text: JSON.stringify(problem) } }
    }
    const outcome = await Effect.runPromise(replayThrough(index, notFound, museumCall))
    expect(outcome).toMatchObject({ _tag: "Failure", operationId: "getSpecialEvent", error: { _tag: "NotFound", status: 404, body: problem } })
  })

  it("refuses a request that is no operation of the spec, and a call the recording cannot answer", async () => {
    const { entries } = await record()
    const stray: HarEntry = { ...entries[0]!, request: { ...entries[0]!.request, url: `${origin}/gift-shop` } }
    const strayExit = await Effect.runPromiseExit(replayThrough(index, stray, museumCall))
    expect(Exit.isFailure(strayExit) && String(strayExit.cause)).toContain("GET /gift-shop is no operation of the spec")
    // The hours entry answers no event request: the fetch says which request had no recording.
    const unanswered = await Effect.runPromise(replayThrough(index, entries[0]!, () => museumCall({ operationId: "getSpecialEvent", pathParams: { eventId }, url: new URL(origin) })))
    expect(unanswered).toMatchObject({ _tag: "Failure", operationId: "getMuseumHours" })
    expect(String((unanswered as { error: unknown }).error)).toContain(`no recorded entry for GET /special-events/${eventId}`)
  })

  it("harFetch answers each recorded entry once, matching the query in any order", async () => {
    const { entries } = await record()
    const fetch = harFetch(entries)
    const hours = new URL(entries[0]!.request.url)
    const reordered = new URL(`${hours.origin}${hours.pathname}?${[...hours.searchParams].reverse().map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&")}`)
    expect((await fetch(reordered)).status).toBe(200)
    await expect(fetch(reordered)).rejects.toThrow("no recorded entry for GET /museum-hours")
  })
})

describe("the deprecated replayEntry", () => {
  it("names the package to install when the one it moved to is missing (a defect, nothing sent)", async () => {
    const { entries } = await record()
    const exit = await Effect.runPromiseExit(replayFrom("@deleted-users/not-installed/replay")(index, entries[0]!))
    expect(Exit.isFailure(exit) && String(exit.cause)).toContain("replayEntry moved to @deleted-users/not-installed/replay: install the package that provides it (npm install @deleted-users/not-installed)")
  })
})
