import { FetchHttpClient, HttpClient } from "@effect/platform"
import type { DeletedUser, DeletedUserEnvelope, DeletedUsersCount, DeletedUsersCountEnvelope, DeletedUsersPage } from "@deleted-users/types"
import { Context, Data, Duration, Effect, Layer, Schedule, Stream } from "effect"
import { Auth, ZendeskConfig } from "./config.js"
import { DecodeError, type ZendeskError } from "./errors.js"
import { checkId } from "./input.js"
import { makeOpenApiClient, via } from "./openapi.js"
import type { PurgeOutcome } from "./outcomes.js"
import { pageQuery, toPage, type CursorPage, type CursorParams, type ListPageParams, type OffsetPage, type OffsetParams, type Page } from "./pagination.js"
import { purgeIds, type PurgeOptions } from "./purge.js"
import { parseRateLimitHeaders, type Limiter } from "./rate-limit.js"
import { cursorPages, listUsers, listUsersByOffset, type ListOffsetOptions, type ListOptions } from "./streams.js"
import { mayHaveExecuted, send, sendOnce, type SendOptions } from "./request.js"
import { requestIdOf } from "./response.js"
import { defaultRetrySchedule } from "./retry.js"

/**
 * What `permanentlyDelete` returns when a retry found the user gone after a transient failure
 * (a timeout, a reset, a 5xx): the earlier attempt did purge, Zendesk just could not say so.
 */
export class PurgeConfirmed extends Data.TaggedClass("PurgeConfirmed")<{
  readonly id: number
  /** The request id of the 404 that confirmed it. */
  readonly requestId: string | undefined
}> {}

/** The operations on deleted users. Every one checks its input before anything is sent. */
export interface DeletedUsersApi {
  /** A soft-deleted user (404 `NotFound` once permanently deleted). */
  readonly show: (id: number) => Effect.Effect<DeletedUser, ZendeskError>
  /**
   * Permanently deletes a soft-deleted user: the user as Zendesk returned it, or `PurgeConfirmed`
   * when a retry after a transient failure found the user already gone. Irreversible.
   */
  readonly permanentlyDelete: (id: number) => Effect.Effect<DeletedUser | PurgeConfirmed, ZendeskError>
  /** The approximate count; `refreshed_at` may be null above 100,000. */
  readonly count: () => Effect.Effect<DeletedUsersCount, ZendeskError>
  /** One page, cursor (default) or offset, with its pagination info. */
  readonly listPage: {
    (params: OffsetParams): Effect.Effect<OffsetPage, ZendeskError>
    (params?: CursorParams): Effect.Effect<CursorPage, ZendeskError>
    (params?: ListPageParams): Effect.Effect<Page, ZendeskError>
  }
  /** Every deleted user, in order, over cursor pagination, with one page of read-ahead. */
  readonly list: (options?: ListOptions) => Stream.Stream<DeletedUser, ZendeskError>
  /** The cursor pages themselves, to resume from an `after` cursor. */
  readonly listPages: (options?: ListOptions) => Stream.Stream<CursorPage, ZendeskError>
  /** Every deleted user over offset pagination (Zendesk refuses past 10,000 records). */
  readonly listOffset: (options?: ListOffsetOptions) => Stream.Stream<DeletedUser, ZendeskError>
  /** Purges ids within Zendesk's limits, resumable from a checkpoint; see `PurgeOptions`. */
  readonly purge: (ids: Stream.Stream<number, ZendeskError> | Iterable<number>, options?: PurgeOptions) => Stream.Stream<PurgeOutcome, ZendeskError>
}

/** How `DeletedUsers` sends: the retry schedule (default `defaultRetrySchedule`) and the per-request timeout (default 30 s). */
export interface DeletedUsersOptions {
  readonly retry?: Schedule.Schedule<unknown, ZendeskError>
  readonly timeout?: Duration.DurationInput
  /** Trace each HTTP request as a span (default off: spans cost about as much as the request itself on loopback). */
  readonly tracing?: boolean
}

/** Builds the operations from `ZendeskConfig` and an @effect/platform `HttpClient`. */
export const make = (options: DeletedUsersOptions = {}): Effect.Effect<DeletedUsersApi, never, ZendeskConfig | HttpClient.HttpClient> =>
  Effect.gen(function* () {
    const config = yield* ZendeskConfig
    // No trace propagation headers to Zendesk, and no span per request unless a caller asks for them.
    const http = (yield* HttpClient.HttpClient).pipe(HttpClient.withTracerPropagation(false), HttpClient.withTracerDisabledWhen(() => options.tracing !== true))
    const client = makeOpenApiClient(config.baseUrl, http, Auth.header(config.auth))
    const sendOptions: SendOptions = {
      retry: options.retry ?? defaultRetrySchedule,
      timeout: Duration.decode(options.timeout ?? Duration.seconds(30))
    }

    const show = (id: number) =>
      Effect.flatMap(checkId("ShowDeletedUser", id), (deleted_user_id) =>
        send<DeletedUserEnvelope>("ShowDeletedUser", "DeletedUserResponse", sendOptions, client, (c, transport) =>
          c.GET("/api/v2/deleted_users/{deleted_user_id}", { params: { path: { deleted_user_id } }, parseAs: "text", ...via(transport) })
        )
      ).pipe(Effect.map(({ body }) => body.deleted_user))

    /**
     * One permanent deletion, retried by the schedule. With a purge's `limiter`, each attempt first
     * acquires a slot, and the limiter sees each answer's rate-limit headers and each 429.
     * A 404 after an attempt that may have executed (a transport failure or a 5xx) is `PurgeConfirmed`.
     */
    const deleteWith = (id: number, limiter?: Limiter) =>
      Effect.flatMap(checkId("PermanentlyDeleteUser", id), (deleted_user_id) => {
        let earlierMayHaveExecuted = false
        const attempt = Effect.zipRight(
          limiter?.acquire ?? Effect.void,
          sendOnce<DeletedUserEnvelope>("PermanentlyDeleteUser", "DeletedUserResponse", sendOptions.timeout, client, (c, transport) =>
            c.DELETE("/api/v2/deleted_users/{deleted_user_id}", { params: { path: { deleted_user_id } }, parseAs: "text", ...via(transport) })
          )
        ).pipe(
          Effect.tap(({ response }) => limiter?.observe(parseRateLimitHeaders(response.headers)) ?? Effect.void),
          Effect.map(({ body }): DeletedUser | PurgeConfirmed => body.deleted_user),
          Effect.catchTag("NotFound", (error) =>
            earlierMayHaveExecuted ? Effect.succeed(new PurgeConfirmed({ id: deleted_user_id, requestId: error.requestId })) : Effect.fail(error)
          ),
          Effect.tapError((error) =>
            Effect.zipRight(
              Effect.sync(() => (earlierMayHaveExecuted ||= mayHaveExecuted(error))),
              limiter !== undefined && error._tag === "RateLimited" ? limiter.rateLimited(error.retryAfter) : Effect.void
            )
          )
        )
        return Effect.retry(attempt, sendOptions.retry)
      })

    const permanentlyDelete = (id: number) => deleteWith(id)

    const count = () =>
      send<DeletedUsersCountEnvelope>("CountDeletedUsers", "CountResponse", sendOptions, client, (c, transport) =>
        c.GET("/api/v2/deleted_users/count", { parseAs: "text", ...via(transport) })
      ).pipe(Effect.map(({ body }) => body.count))

    const listPage = (params: ListPageParams = {}): Effect.Effect<Page, ZendeskError> =>
      Effect.flatMap(pageQuery("ListDeletedUsers", params), (query) =>
        send<DeletedUsersPage>("ListDeletedUsers", "DeletedUsersResponse", sendOptions, client, (c, transport) =>
          c.GET("/api/v2/deleted_users", { params: { query }, parseAs: "text", ...via(transport) })
        )
      ).pipe(
        Effect.flatMap(({ body, response }) =>
          params.pagination !== "offset" && body.meta === undefined
            ? Effect.fail(new DecodeError({ operation: "ListDeletedUsers", status: response.status, pointer: "/meta", message: "ListDeletedUsers: a cursor page must carry meta at /meta", requestId: requestIdOf(response) }))
            : Effect.succeed(toPage(params, body, requestIdOf(response)))
        )
      )

    const deleteLimited = (id: number, limiter: Limiter) =>
      Effect.map(deleteWith(id, limiter), (result) => (result instanceof PurgeConfirmed ? undefined : result))

    return {
      show,
      permanentlyDelete,
      count,
      listPage: listPage as DeletedUsersApi["listPage"],
      list: (options?: ListOptions) => listUsers(listPage, options),
      listPages: (options?: ListOptions) => cursorPages(listPage, options),
      listOffset: (options?: ListOffsetOptions) => listUsersByOffset(listPage, options),
      purge: (ids: Stream.Stream<number, ZendeskError> | Iterable<number>, options?: PurgeOptions) => purgeIds({ show, deleteLimited }, ids, options)
    }
  })

/** The Deleted Users API as a service. */
export class DeletedUsers extends Context.Tag("@deleted-users/effect-client/DeletedUsers")<DeletedUsers, DeletedUsersApi>() {
  /** Builds the service; see `make`. */
  static readonly make = make

  /** The service over the transport of the context (provide an `HttpClient`), with options. */
  static layerWith(options: DeletedUsersOptions = {}): Layer.Layer<DeletedUsers, never, ZendeskConfig | HttpClient.HttpClient> {
    return Layer.effect(DeletedUsers, make(options))
  }

  /** The service with the default retry policy and timeout, over `fetch` (`FetchHttpClient.layer`). */
  static readonly layer: Layer.Layer<DeletedUsers, never, ZendeskConfig> = DeletedUsers.layerWith().pipe(Layer.provide(FetchHttpClient.layer))
}
