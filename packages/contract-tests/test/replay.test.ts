import { specPath } from "./paths.js"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { fileURLToPath } from "node:url"
import { harFiles, loadSpec, readHar, replayEntry } from "../src/index.js"

const recorded = fileURLToPath(new URL("../fixtures/recorded", import.meta.url))
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
