import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Result } from "effect"
import { Auth, DeletedUsers, noRetry, type ZendeskError } from "../src/index.js"
import { createServer, type AddressInfo } from "node:net"
import { clientLayer, useSimulator } from "./support.js"

const holder = useSimulator()
const run = <A>(f: (api: DeletedUsers["Service"]) => Effect.Effect<A, ZendeskError>, auth?: Auth) =>
  Effect.flatMap(DeletedUsers, f).pipe(Effect.result, Effect.provide(clientLayer(holder.sim.url, { retry: noRetry }, auth)))

const softDeleted = () => holder.sim.state.idsWhere("soft-deleted")
const fault = (status: 409 | 422 | 429 | 500 | 503, retryAfter?: number) =>
  holder.sim.state.faults.add(retryAfter === undefined ? { _tag: "Status", status } : { _tag: "Status", status, retryAfter })

describe("each error status becomes its class, with Zendesk's code, description and request id", () => {
  it.effect("400 InvalidPaginationParameter from a bad cursor", () =>
    Effect.gen(function* () {
      const result = yield* run((api) => api.listPage({ after: "bm90LWEtY3Vyc29y" }))
      const error = Result.getFailure(result).pipe((o) => o._tag === "Some" ? o.value : undefined)
      expect(error).toMatchObject({ _tag: "BadRequest", status: 400, code: "InvalidPaginationParameter", description: "page[after] is not valid" })
      expect(error?._tag === "BadRequest" && error.requestId).toMatch(/^[0-9a-f]{16}$/)
    }))

  it.effect("401 Couldn't authenticate you", () =>
    Effect.gen(function* () {
      const result = yield* run((api) => api.count(), Auth.apiToken("admin@example.com", "wrong"))
      expect(Result.getFailure(result)).toMatchObject({ value: { _tag: "Unauthorized", status: 401, code: "Couldn't authenticate you" } })
    }))

  it.effect("403 with the nested error object, for a plain agent's purge", () =>
    Effect.gen(function* () {
      const result = yield* run((api) => api.permanentlyDelete(softDeleted()[0]!), Auth.apiToken("agent@example.com", "sim-api-token"))
      expect(Result.getFailure(result)).toMatchObject({ value: { _tag: "Forbidden", status: 403, code: "Forbidden", description: expect.stringContaining("do not have access") } })
    }))

  it.effect("404 RecordNotFound for a permanently deleted user", () =>
    Effect.gen(function* () {
      const purged = holder.sim.state.idsWhere("purged")[0]!
      const result = yield* run((api) => api.show(purged))
      expect(Result.getFailure(result)).toMatchObject({ value: { _tag: "NotFound", status: 404, code: "RecordNotFound", description: "Not found" } })
    }))

  it.effect("409 Conflict", () =>
    Effect.gen(function* () {
      fault(409)
      const result = yield* run((api) => api.permanentlyDelete(softDeleted()[0]!))
      expect(Result.getFailure(result)).toMatchObject({ value: { _tag: "Conflict", status: 409, code: "Conflict" } })
    }))

  it.effect("422 RecordInvalid with its details", () =>
    Effect.gen(function* () {
      fault(422)
      const result = yield* run((api) => api.permanentlyDelete(softDeleted()[0]!))
      expect(Result.getFailure(result)).toMatchObject({
        value: { _tag: "UnprocessableEntity", status: 422, code: "RecordInvalid", details: { base: [{ description: "User cannot be permanently deleted" }] } }
      })
    }))

  it.effect("429 with a text/plain body and Retry-After", () =>
    Effect.gen(function* () {
      fault(429, 17)
      const result = yield* run((api) => api.count())
      const error = Result.getFailure(result)
      expect(error).toMatchObject({ value: { _tag: "RateLimited", status: 429, code: undefined, description: "Too Many Requests" } })
      expect(error._tag === "Some" && error.value._tag === "RateLimited" && Duration.toSeconds(error.value.retryAfter!)).toBe(17)
    }))

  it.effect("503 with Retry-After (a database timeout) and without (maintenance)", () =>
    Effect.gen(function* () {
      fault(503, 3)
      const timeout = Result.getFailure(yield* run((api) => api.count()))
      expect(timeout).toMatchObject({ value: { _tag: "ServerError", status: 503, code: "DatabaseTimeout" } })
      expect(timeout._tag === "Some" && timeout.value._tag === "ServerError" && Duration.toSeconds(timeout.value.retryAfter!)).toBe(3)
      fault(503)
      const maintenance = Result.getFailure(yield* run((api) => api.count()))
      expect(maintenance).toMatchObject({ value: { _tag: "ServerError", status: 503, retryAfter: undefined } })
    }))

  it.effect("500 InternalServerError", () =>
    Effect.gen(function* () {
      fault(500)
      expect(Result.getFailure(yield* run((api) => api.count()))).toMatchObject({ value: { _tag: "ServerError", status: 500, code: "InternalServerError" } })
    }))

  it.effect("a reset connection is a TransportError", () =>
    Effect.gen(function* () {
      holder.sim.state.faults.add({ _tag: "Reset" })
      expect(Result.getFailure(yield* run((api) => api.count()))).toMatchObject({ value: { _tag: "TransportError", reason: "Connection" } })
    }))

  it.effect("a refused connection is a TransportError that says nothing was sent", () =>
    Effect.gen(function* () {
      // A port that was just free: nothing listens there, so the connection is refused.
      const port = yield* Effect.promise(() => new Promise<number>((resolve) => {
        const server = createServer().listen(0, "127.0.0.1", () => {
          const { port } = server.address() as AddressInfo
          server.close(() => resolve(port))
        })
      }))
      const result = yield* Effect.flatMap(DeletedUsers, (api) => api.count()).pipe(
        Effect.result,
        Effect.provide(clientLayer(`http://127.0.0.1:${port}`, { retry: noRetry }))
      )
      expect(Result.getFailure(result)).toMatchObject({ value: { _tag: "TransportError", reason: "Refused" } })
    }))

  it.effect("a 200 whose body breaks the schema is a DecodeError with the JSON pointer", () =>
    Effect.gen(function* () {
      holder.sim.state.faults.add({ _tag: "BadBody" })
      const result = yield* run((api) => api.show(softDeleted()[0]!))
      expect(Result.getFailure(result)).toMatchObject({ value: { _tag: "DecodeError", status: 200, pointer: "/deleted_user/id" } })
    }))

  it.effect("a truncated body is a TransportError, never a crash", () =>
    Effect.gen(function* () {
      holder.sim.state.faults.add({ _tag: "Truncate" })
      expect(Result.getFailure(yield* run((api) => api.show(softDeleted()[0]!)))).toMatchObject({ value: { _tag: "TransportError" } })
    }))
})
