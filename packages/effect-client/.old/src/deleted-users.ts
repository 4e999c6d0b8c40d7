import * as R from "@deleted-users/openapi-runtime"
import { nodeTransport } from "@deleted-users/openapi-runtime/node"
import type { DeletedUser, DeletedUsersCount } from "@deleted-users/types"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import type * as Schedule from "effect/Schedule"
import type * as Stream from "effect/Stream"
import { ZendeskConfig } from "./config.js"
import { DecodeError, type ZendeskError } from "./errors.js"
import { makeWith as makeGenerated } from "./generated/index.js"
import { checkId } from "./input.js"
import { ResponseHeaders } from "./headers.js"
import { mayHaveExecuted, schemeCredentials, zendeskCall } from "./operations.js"
import type { PurgeOutcome } from "./outcomes.js"
import { pageQuery, toPage, type CursorPage, type CursorParams, type ListPageParams, type OffsetPage, type OffsetParams, type Page } from "./pagination.js"
import { purgeIds, type PurgeOptions } from "./purge.js"
import { parseRateLimitHeaders, type Limiter } from "./rate-limit.js"
import { defaultRetrySchedule } from "./retry.js"
import { cursorPages, listUsers, listUsersByOffset, type ListOffsetOptions, type ListOptions } from "./streams.js"

/**
 * What `permanentlyDelete` returns when a retry found the user gone after a transient failure
 * (a timeout, a reset, a 5xx): the earlier attempt did purge, Zendesk just could not say so.
 */
export class PurgeConfirmed extends Data.TaggedClass("PurgeConfirmed")<{
  /** The user's id. */
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
  /** The retry policy of every call (default `defaultRetrySchedule`). */
  readonly retry?: Schedule.Schedule<unknown, ZendeskError>
  /** Per-request timeout (default 30 s). */
  readonly timeout?: Duration.Input
  /** Trace each HTTP request as a span (default off: spans cost about as much as the request itself on loopback). */
  readonly tracing?: boolean
}

/**
 * Builds the operations over a transport: the generated `ZendeskDeletedUsers` client (no retries
 * of its own), its errors as `ZendeskError`, retried by the Zendesk schedule.
 */
export const makeWith = (transport: R.Transport, options: DeletedUsersOptions = {}): Effect.Effect<DeletedUsersApi, never, ZendeskConfig> =>
  Effect.gen(function* () {
    const config = yield* ZendeskConfig
    const retry = options.retry ?? defaultRetrySchedule
    const api = yield* Effect.orDie(
      makeGenerated(transport, {
        baseUrl: config.baseUrl,
        auth: schemeCredentials(config.auth),
        retry: false,
        timeout: options.timeout ?? Duration.seconds(30)
      })
    )

    /** A generated call, its errors as `ZendeskError`, retried by the Zendesk schedule. */
    const call = <A>(effect: Effect.Effect<A, R.OperationError>) => Effect.retry(zendeskCall(effect), retry)

    const show = (id: number) =>
      Effect.flatMap(checkId("ShowDeletedUser", id), (deleted_user_id) =>
        call(api.showDeletedUser({ path: { deleted_user_id } }))
      ).pipe(Effect.map((body) => body.deleted_user))

    /**
     * One permanent deletion, retried by the schedule. With a purge's `limiter`, each attempt first
     * acquires a slot, and the limiter sees each answer's rate-limit headers and each 429.
     * A 404 after an attempt that may have executed (a transport failure or a 5xx) is `PurgeConfirmed`.
     */
    const deleteWith = (id: number, limiter?: Limiter) =>
      Effect.flatMap(checkId("PermanentlyDeleteUser", id), (deleted_user_id) => {
        let earlierMayHaveExecuted = false
        const attempt = Effect.andThen(
          limiter?.acquire ?? Effect.void,
          zendeskCall(api.withResponse.permanentlyDeleteUser({ path: { deleted_user_id } }))
        ).pipe(
          Effect.tap((response) => limiter?.observe(parseRateLimitHeaders(new ResponseHeaders(response.headers))) ?? Effect.void),
          Effect.map((response): DeletedUser | PurgeConfirmed => response.body.deleted_user),
          Effect.catchTag("NotFound", (error) =>
            earlierMayHaveExecuted ? Effect.succeed(new PurgeConfirmed({ id: deleted_user_id, requestId: error.requestId })) : Effect.fail(error)
          ),
          Effect.tapError((error) =>
            Effect.andThen(
              Effect.sync(() => (earlierMayHaveExecuted ||= mayHaveExecuted(error))),
              limiter !== undefined && error._tag === "RateLimited" ? limiter.rateLimited(error.retryAfter) : Effect.void
            )
          )
        )
        return Effect.retry(attempt, retry)
      })

    const count = () => call(api.countDeletedUsers()).pipe(Effect.map((body) => body.count))

    const listPage = (params: ListPageParams = {}): Effect.Effect<Page, ZendeskError> =>
      Effect.flatMap(pageQuery("ListDeletedUsers", params), (query) =>
        call(api.withResponse.listDeletedUsers({ query }))
      ).pipe(
        Effect.flatMap(({ body, status, requestId }) =>
          params.pagination !== "offset" && body.meta === undefined
            ? Effect.fail(new DecodeError({ operation: "ListDeletedUsers", status, pointer: "/meta", message: "ListDeletedUsers: a cursor page must carry meta at /meta", requestId }))
            : Effect.succeed(toPage(params, body, requestId))
        )
      )

    const deleteLimited = (id: number, limiter: Limiter) =>
      Effect.map(deleteWith(id, limiter), (result) => (result instanceof PurgeConfirmed ? undefined : result))

    return {
      show,
      permanentlyDelete: (id: number) => deleteWith(id),
      count,
      listPage: listPage as DeletedUsersApi["listPage"],
      list: (options?: ListOptions) => listUsers(listPage, options),
      listPages: (options?: ListOptions) => cursorPages(listPage, options),
      listOffset: (options?: ListOffsetOptions) => listUsersByOffset(listPage, options),
      purge: (ids: Stream.Stream<number, ZendeskError> | Iterable<number>, options?: PurgeOptions) => purgeIds({ show, deleteLimited }, ids, options)
    }
  })

/** Builds the operations from `ZendeskConfig` and the Effect `HttpClient` of the context. */
export const make = (options: DeletedUsersOptions = {}): Effect.Effect<DeletedUsersApi, never, ZendeskConfig | HttpClient.HttpClient> =>
  Effect.flatMap(HttpClient.HttpClient, (client) =>
    // No trace propagation headers to Zendesk, and no span per request unless a caller asks for them.
    makeWith(
      R.fromHttpClient(
        HttpClient.transformResponse(client, (response) =>
          response.pipe(
            Effect.provideService(HttpClient.TracerPropagationEnabled, false),
            Effect.provideService(HttpClient.TracerDisabledWhen, () => options.tracing !== true)
          )
        )
      ),
      options
    )
  )

/** The Deleted Users API as a service. */
export class DeletedUsers extends Context.Service<DeletedUsers, DeletedUsersApi>()("@deleted-users/effect-client/DeletedUsers") {
  /** The service's shape, as `DeletedUsers["Type"]` (the same as `DeletedUsers["Service"]`). */
  declare readonly Type: DeletedUsersApi

  /** Builds the service; see `make`. */
  static readonly make = make

  /** The service over the transport of the context (provide an `HttpClient`), with options. */
  static layerWith(options: DeletedUsersOptions = {}): Layer.Layer<DeletedUsers, never, ZendeskConfig | HttpClient.HttpClient> {
    return Layer.effect(DeletedUsers, make(options))
  }

  /** The service with the default retry policy and timeout, over keep-alive `node:http`. */
  static readonly layer: Layer.Layer<DeletedUsers, never, ZendeskConfig> = Layer.effect(DeletedUsers, Effect.suspend(() => makeWith(nodeTransport())))
}
