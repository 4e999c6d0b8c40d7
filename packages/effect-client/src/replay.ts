/**
 * Recorded Zendesk traffic replayed through this client: each HAR entry becomes the `DeletedUsers`
 * call it stands for, answered from the recording (no network), so the client is held to what the
 * API really sent. The generic part (matching an entry to its operation, the `fetch` that answers
 * from HAR) is the contract tool's `replayThrough`; what is here is Zendesk's: which call each
 * operation is. Needs `@effect-openapi/contract` (an optional peer of this package).
 *
 * @module replay
 */
import { replayThrough, type HarEntry, type ReplayOutcome, type ReplayRequest, type SpecIndex } from "@effect-openapi/contract"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import { Auth, ZendeskConfig } from "./config.js"
import { DeletedUsers, type DeletedUsersApi } from "./deleted-users.js"
import type { ZendeskError } from "./errors.js"
import type { ListPageParams } from "./pagination.js"
import { noRetry } from "./retry.js"

/** The client call a recorded request stands for. */
const callFor = ({ operationId, pathParams, url }: ReplayRequest) => (api: DeletedUsersApi): Effect.Effect<unknown, ZendeskError> => {
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

/** Replays one recorded entry through `DeletedUsers` (no retries), with a fetch that answers from the HAR. */
export const replayEntry = (index: SpecIndex, entry: HarEntry): Effect.Effect<ReplayOutcome<ZendeskError>> =>
  replayThrough(index, entry, (request) =>
    Effect.flatMap(DeletedUsers, callFor(request)).pipe(
      Effect.provide(
        DeletedUsers.layerWith({ retry: noRetry }).pipe(
          Layer.provide(ZendeskConfig.layer({ baseUrl: request.url.origin }, Auth.apiToken("replay@example.com", "replay"))),
          Layer.provide(FetchHttpClient.layer),
          Layer.orDie
        )
      )
    ))
