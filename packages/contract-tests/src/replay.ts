import { Auth, DeletedUsers, ZendeskConfig, noRetry, type DeletedUsersApi, type ListPageParams, type ZendeskError } from "@deleted-users/effect-client"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import { responseText, type HarEntry } from "./har.js"
import type { SpecIndex } from "./spec-index.js"

const canonical = (method: string, url: URL) =>
  `${method.toUpperCase()} ${url.pathname} ${[...url.searchParams].map(([k, v]) => `${k}=${v}`).sort().join("&")}`

/**
 * A `fetch` that answers from recorded entries instead of the network: a request gets the first
 * unused entry with the same method, path and query (compared decoded, in any order).
 */
export const harFetch = (entries: ReadonlyArray<HarEntry>): typeof globalThis.fetch => {
  const unused = [...entries]
  return async (input, init) => {
    const request = new Request(input, init)
    const key = canonical(request.method, new URL(request.url))
    const i = unused.findIndex((e) => canonical(e.request.method, new URL(e.request.url)) === key)
    if (i < 0) throw new TypeError(`no recorded entry for ${key}`)
    const [entry] = unused.splice(i, 1)
    const bodyless = [204, 205, 304].includes(entry!.response.status)
    return new Response(bodyless ? null : responseText(entry!), {
      status: entry!.response.status,
      headers: entry!.response.headers.map((h) => [h.name, h.value] as [string, string])
    })
  }
}

/** What replaying one entry through the client gave. */
export type ReplayOutcome =
  | {
      /** The client call succeeded. */
      readonly _tag: "Success"
      /** The operation replayed. */
      readonly operationId: string
      /** What the call returned. */
      readonly value: unknown
    }
  | {
      /** The client call failed. */
      readonly _tag: "Failure"
      /** The operation replayed. */
      readonly operationId: string
      /** The typed error it failed with. */
      readonly error: ZendeskError
    }

/** The client call a recorded request stands for. */
const callFor = (operationId: string, pathParams: Record<string, string>, url: URL) => (api: DeletedUsersApi): Effect.Effect<unknown, ZendeskError> => {
  const q = url.searchParams
  const num = (name: string) => (q.has(name) ? Number(q.get(name)) : undefined)
  switch (operationId) {
    case "ShowDeletedUser":
      return api.show(Number(pathParams.deleted_user_id))
    case "PermanentlyDeleteUser":
      return api.permanentlyDelete(Number(pathParams.deleted_user_id))
    case "CountDeletedUsers":
      return api.count()
    case "ListDeletedUsers": {
      const params: ListPageParams = q.has("page") || q.has("per_page")
        ? { pagination: "offset", ...(num("page") === undefined ? {} : { page: num("page")! }), ...(num("per_page") === undefined ? {} : { perPage: num("per_page")! }) }
        : {
            ...(num("page[size]") === undefined ? {} : { pageSize: num("page[size]")! }),
            ...(q.has("page[after]") ? { after: q.get("page[after]")! } : {}),
            ...(q.has("page[before]") ? { before: q.get("page[before]")! } : {})
          }
      return api.listPage(params)
    }
    default:
      return Effect.die(new Error(`no client call for ${operationId}`))
  }
}

/** Replays one entry through `@deleted-users/effect-client`, with a fetch that answers from the HAR. */
export const replayEntry = (index: SpecIndex, entry: HarEntry): Effect.Effect<ReplayOutcome> => {
  const url = new URL(entry.request.url)
  const matched = index.match(entry.request.method, url.pathname)
  if (matched === undefined) return Effect.die(new Error(`${entry.request.method} ${url.pathname} is no operation of the spec`))
  const operationId = matched.operation.operationId
  const layer = DeletedUsers.layerWith({ retry: noRetry }).pipe(
    Layer.provide(ZendeskConfig.layer({ baseUrl: url.origin }, Auth.apiToken("replay@example.com", "replay"))),
    Layer.provide(FetchHttpClient.layer),
    Layer.orDie
  )
  return Effect.flatMap(DeletedUsers, callFor(operationId, matched.pathParams, url)).pipe(
    Effect.match({
      onSuccess: (value): ReplayOutcome => ({ _tag: "Success", operationId, value }),
      onFailure: (error): ReplayOutcome => ({ _tag: "Failure", operationId, error })
    }),
    Effect.provide(layer),
    // Effect 4's fetch client reads `Fetch` from the fiber that sends, so it goes on the call, not the layer.
    Effect.provideService(FetchHttpClient.Fetch, harFetch([entry]))
  )
}
