import { describe, expect, it } from "@effect/vitest"
import { harFiles, loadSpec, readHar, replayEntry as deprecatedReplayEntry } from "@effect-openapi/contract"
import * as Effect from "effect/Effect"
import { fileURLToPath } from "node:url"
import { replayEntry } from "../src/replay.js"

/** The Zendesk fixtures `deleted-users-record` writes, and the spec they are verified against. */
const recorded = fileURLToPath(new URL("../../contract-tests/fixtures/recorded", import.meta.url))
const specPath = fileURLToPath(new URL("../../../specs/zendesk/deleted-users.yml", import.meta.url))
const index = loadSpec(specPath)

/** The error class each status becomes. */
const classFor = (status: number) =>
  ({ 400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 409: "Conflict", 422: "UnprocessableEntity", 429: "RateLimited" })[status] ?? (status >= 500 ? "ServerError" : "?")

const entries = harFiles(recorded).flatMap((file) => readHar(file).log.entries.map((entry, i) => [`${file.split("/").pop()}#${i} ${entry.request.method} ${entry.response.status}`, entry] as const))

describe("replay through @deleted-users/effect-client", () => {
  it.effect.each(entries)("%s", ([, entry]) =>
    Effect.gen(function* () {
      const outcome = yield* replayEntry(index, entry)
      const status = entry.response.status
      if (status >= 200 && status < 300) {
        expect(outcome._tag).toBe("Success")
      } else {
        expect(outcome).toMatchObject({ _tag: "Failure", error: { _tag: classFor(status), status } })
        const requestId = entry.response.headers.find((h) => h.name === "x-zendesk-request-id")?.value
        expect(outcome._tag === "Failure" && "requestId" in outcome.error && outcome.error.requestId).toBe(requestId)
      }
    }))

  it("covers every operation", () => {
    expect(new Set(entries.map(([, e]) => index.match(e.request.method, new URL(e.request.url).pathname)?.operation.operationId))).toEqual(
      new Set(["ListDeletedUsers", "CountDeletedUsers", "ShowDeletedUser", "PermanentlyDeleteUser"])
    )
  })
})

describe("the contract tool's deprecated replayEntry", () => {
  it.effect("loads this module, gives the same outcome for every entry, and warns once", () =>
    Effect.gen(function* () {
      const warnings: Array<Error> = []
      const onWarning = (w: Error) => warnings.push(w)
      process.on("warning", onWarning)
      try {
        for (const [, entry] of entries) {
          const [moved, alias] = [yield* replayEntry(index, entry), yield* deprecatedReplayEntry(index, entry)]
          expect(alias).toEqual(moved)
        }
        // emitWarning reports on the next tick.
        yield* Effect.promise(() => new Promise((resolve) => setImmediate(resolve)))
      } finally {
        process.off("warning", onWarning)
      }
      const ours = warnings.filter((w) => (w as Error & { code?: string }).code === "DELETED_USERS_REPLAY_ENTRY")
      expect(ours).toHaveLength(1)
      expect(ours[0]).toMatchObject({ name: "DeprecationWarning", message: expect.stringContaining("@deleted-users/effect-client/replay") })
    }))
})
