import * as R from "@effect-openapi/runtime"
import { nodeTransport } from "@effect-openapi/runtime/node"
import type { DeletedUser, DeletedUsersCount } from "@deleted-users/types"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Result from "effect/Result"
import type * as Stream from "effect/Stream"
import { ZendeskConfig } from "./config.js"
import { accountKey, resolveRateLimitStore, type RateLimitStoreOption, type SharedWindow } from "./budget-store.js"
import * as Schedule from "effect/Schedule"
import { zendeskEnvelope } from "./envelope.js"
import { DecodeError, TransportError, type NotFound, type ZendeskError } from "./errors.js"
import { makeWith as makeGenerated, type ZendeskDeletedUsersApi } from "./generated/index.js"
import { checkId } from "./input.js"
import { ResponseHeaders } from "./headers.js"
import { mayHaveExecuted, schemeCredentials } from "./operations.js"
import type { PurgeOutcome } from "./outcomes.js"
import { pageQuery, toPage, type CursorPage, type CursorParams, type ListPageParams, type OffsetPage, type OffsetParams, type Page } from "./pagination.js"
import type { PurgeError, PurgeFileError } from "./purge-errors.js"
import { purgeIds, type PurgeOptions } from "./purge.js"

/** A generated call's errors as `ZendeskError`: the generated union also names `NotImplemented`, which only its `layerTest` double fails with. */
const zendesk = <A>(call: Effect.Effect<A, unknown>): Effect.Effect<A, ZendeskError> => call as Effect.Effect<A, ZendeskError>
import { parseRateLimitHeaders, type Limiter } from "./rate-limit.js"
import { defaultRetrySchedule, type RetryPolicyOptions } from "./retry.js"
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
  /**
   * The generated client this service is built on (the same transport, credentials, error envelope and
   * retry policy): each operation with its typed input, `withResponse`, and `listDeletedUsersStream`.
   */
  readonly client: ZendeskDeletedUsersApi
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
  /**
   * Purges ids within Zendesk's limits, resumable from a checkpoint; see `PurgeOptions`. Fails with a
   * `PurgeError` when it must stop (its files, another purge on them, a pause past the cap, the budget's store).
   */
  readonly purge: (ids: Stream.Stream<number, ZendeskError> | Iterable<number>, options?: PurgeOptions) => Stream.Stream<PurgeOutcome, ZendeskError | PurgeError>
}

/** The account's request budget, shared by every client that uses the same `rateLimitStore`: see `DeletedUsersOptions.requestBudget`. */
export interface RequestBudget {
  /** Requests per window (default 700, Zendesk's lowest plan). */
  readonly limit?: number
  /** The rolling window (default 1 minute). */
  readonly window?: Duration.Input
  /** Extra wait past the window, for clocks and latency (default 2% of it, at least 1 s). */
  readonly margin?: Duration.Input
}

/** How `DeletedUsers` sends: the retry policy (default `defaultRetrySchedule`, the runtime's) and the per-request timeout (default 30 s). */
export interface DeletedUsersOptions {
  /** The retry policy of every call: a schedule (default `defaultRetrySchedule`; `noRetry` for none), or the knobs of the default policy (`RetryPolicyOptions`). */
  readonly retry?: Schedule.Schedule<unknown, ZendeskError> | RetryPolicyOptions
  /** Per-request timeout (default 30 s). */
  readonly timeout?: Duration.Input
  /** Trace each HTTP request as a span (default off: spans cost about as much as the request itself on loopback). */
  readonly tracing?: boolean
  /**
   * Where the account's budgets are kept (the purge's deletions, and `requestBudget`), so that every
   * runner that uses the same store stays within them together, each under the account's key (see
   * `accountKey`), whatever its checkpoint:
   * - `"file"` (the default): files in `$DELETED_USERS_STATE_DIR` (else `~/.cache/deleted-users`), shared
   *   by the processes of one machine and surviving restarts; nothing to start. (`"memory"` if that
   *   folder cannot be made.) `"file:<folder>"` names another folder.
   * - `"memory"`: this process only.
   * - `"redis://host:port"` (or `rediss://`, user and password in the URL if needed): a Redis server
   *   shared by every machine, through Effect's `RateLimiter` (`effect/persistence/RateLimiter`, marked
   *   unstable) with its Redis store; needs `@effect/platform-node` and `redis`.
   * - a `RateLimitStore`, e.g. `rateLimiterStore(limiter)` over a `RateLimiter` of your own.
   */
  readonly rateLimitStore?: RateLimitStoreOption
  /**
   * Paces every request (each attempt of each call) within the account's request limit, kept in
   * `rateLimitStore` and shared by every client that uses it, so that together they meet no 429.
   * Default: not paced (the retry policy waits out 429s).
   */
  readonly requestBudget?: RequestBudget
}

/**
 * A transport that takes a slot of a shared window before each request and settles it when the answer
 * is in (the server counted the request by then). A store that fails makes the request fail, unsent,
 * as a `TransportError` with reason `Refused`. The runtime's `paced`, under this package's old name.
 */
export const pacedTransport = (transport: R.Transport, window: SharedWindow): R.Transport => R.paced(transport, window)

/**
 * Builds the operations over a transport: the generated `ZendeskDeletedUsers` client, with Zendesk's
 * credentials, error envelope (`zendeskEnvelope`) and the retry policy, and the recipes that are
 * Zendesk's own on top (`PurgeConfirmed`, pages, the purge).
 */
export const makeWith = (transport: R.Transport, options: DeletedUsersOptions = {}): Effect.Effect<DeletedUsersApi, never, ZendeskConfig> =>
  Effect.gen(function* () {
    const config = yield* ZendeskConfig
    const retry = (options.retry ?? defaultRetrySchedule) as R.RetrySetting
    // Every operation is a GET or a DELETE: one schedule serves both.
    const schedule = R.scheduleOf("delete", retry)
    const store = resolveRateLimitStore(options.rateLimitStore)
    const requests = options.requestBudget
    const paced = requests === undefined
      ? transport
      : (() => {
          const span = Duration.toMillis(requests.window ?? Duration.minutes(1))
          const margin = requests.margin === undefined ? Math.max(1_000, span / 50) : Duration.toMillis(requests.margin)
          return pacedTransport(transport, store.window({ key: accountKey(config.baseUrl, "requests"), limit: Math.max(1, Math.floor(requests.limit ?? 700)), windowMs: span + margin }))
        })()
    const api = yield* Effect.orDie(
      makeGenerated(paced, {
        baseUrl: config.baseUrl,
        auth: schemeCredentials(config.auth),
        retry,
        timeout: options.timeout ?? Duration.seconds(30),
        errorEnvelope: zendeskEnvelope
      })
    )

    const show = (id: number) =>
      Effect.flatMap(checkId("ShowDeletedUser", id), (deleted_user_id) => zendesk(api.showDeletedUser({ path: { deleted_user_id } }))).pipe(
        Effect.map((body) => body.deleted_user)
      )

    /** A 404 after an attempt that may have executed (a transport failure once sent, a 5xx) is `PurgeConfirmed`. */
    const confirmed = (earlierMayHaveExecuted: () => boolean, id: number) => (error: NotFound) =>
      earlierMayHaveExecuted() ? Effect.succeed(new PurgeConfirmed({ id, requestId: error.requestId })) : Effect.fail(error)

    /** One permanent deletion, retried by the client's own policy, which notes each failure it retries. */
    const permanentlyDelete = (id: number): Effect.Effect<DeletedUser | PurgeConfirmed, ZendeskError> =>
      Effect.flatMap(checkId("PermanentlyDeleteUser", id), (deleted_user_id) =>
        Effect.suspend(() => {
          let earlier = false
          const noted = schedule === undefined
            ? false
            : Schedule.modifyDelay(schedule, (step) => Effect.sync(() => ((earlier ||= mayHaveExecuted(step.input as ZendeskError)), step.duration)))
          return zendesk(api.permanentlyDeleteUser({ path: { deleted_user_id } }, { retry: noted })).pipe(
            Effect.map((body): DeletedUser | PurgeConfirmed => body.deleted_user),
            Effect.catchTag("NotFound", confirmed(() => earlier, deleted_user_id))
          )
        })
      )

    /**
     * A purge's deletion: each attempt sent alone (`retry: false`) and retried here by the same
     * policy, so that `before` runs before each attempt (the limiter takes its slot there) and returns
     * what to run once the attempt is answered (the slot is settled there); what it fails with is not
     * retried. The limiter sees each answer's rate-limit headers and each 429.
     */
    const deleteWith = <E>(id: number, limiter: Limiter, before: Effect.Effect<Effect.Effect<void>, E>): Effect.Effect<DeletedUser | PurgeConfirmed, ZendeskError | E> =>
      Effect.flatMap(checkId("PermanentlyDeleteUser", id), (deleted_user_id) => {
        let earlierMayHaveExecuted = false
        const gate = Effect.result(before)
        const send = zendesk(api.withResponse.permanentlyDeleteUser({ path: { deleted_user_id } }, { retry: false })).pipe(
          Effect.tap((response) => limiter.observe(parseRateLimitHeaders(new ResponseHeaders(response.headers)))),
          Effect.map((response): DeletedUser | PurgeConfirmed => response.body.deleted_user),
          Effect.catchTag("NotFound", confirmed(() => earlierMayHaveExecuted, deleted_user_id)),
          Effect.tapError((error) =>
            Effect.andThen(
              Effect.sync(() => (earlierMayHaveExecuted ||= mayHaveExecuted(error))),
              error._tag === "RateLimited" ? limiter.rateLimited(error.retryAfter) : Effect.void
            )
          )
        )
        // The gate's failure is a success of the attempt, so the schedule (over `ZendeskError`) never retries it.
        const attempt: Effect.Effect<Result.Result<DeletedUser | PurgeConfirmed, E>, ZendeskError> = Effect.flatMap(gate, (opened) =>
          Result.isFailure(opened)
            ? Effect.succeed(Result.fail(opened.failure))
            : Effect.map(Effect.ensuring(send, opened.success), (user): Result.Result<DeletedUser | PurgeConfirmed, E> => Result.succeed(user))
        )
        const retried = schedule === undefined ? attempt : Effect.retry(attempt, schedule as Schedule.Schedule<unknown, ZendeskError>)
        return Effect.flatMap(retried, (result) => (Result.isFailure(result) ? Effect.fail(result.failure) : Effect.succeed(result.success)))
      })

    const count = () => zendesk(api.countDeletedUsers()).pipe(Effect.map((body) => body.count))

    const listPage = (params: ListPageParams = {}): Effect.Effect<Page, ZendeskError> =>
      Effect.flatMap(pageQuery("ListDeletedUsers", params), (query) => zendesk(api.withResponse.listDeletedUsers({ query }))).pipe(
        Effect.flatMap(({ body, status, requestId }) =>
          params.pagination !== "offset" && body.meta === undefined
            ? Effect.fail(new DecodeError({ operation: "ListDeletedUsers", status, pointer: "/meta", message: "ListDeletedUsers: a cursor page must carry meta at /meta", requestId }))
            : Effect.succeed(toPage(params, body, requestId))
        )
      )

    const deleteLimited = (id: number, limiter: Limiter, beforeSend?: Effect.Effect<void, PurgeFileError>) => {
      // `beforeSend` once, after the first slot is taken and before the first request goes out.
      let announced = beforeSend === undefined
      const before = Effect.tap(
        limiter.take,
        Effect.suspend(() => (announced || beforeSend === undefined ? Effect.void : Effect.tap(beforeSend, () => Effect.sync(() => void (announced = true)))))
      )
      return Effect.map(deleteWith(id, limiter, before), (result) => (result instanceof PurgeConfirmed ? undefined : result))
    }
    const shared = { store, key: accountKey(config.baseUrl, "purges") }

    return {
      client: api,
      show,
      permanentlyDelete,
      count,
      listPage: listPage as DeletedUsersApi["listPage"],
      list: (options?: ListOptions) => listUsers(listPage, options),
      listPages: (options?: ListOptions) => cursorPages(listPage, options),
      listOffset: (options?: ListOffsetOptions) => listUsersByOffset(listPage, options),
      purge: (ids: Stream.Stream<number, ZendeskError> | Iterable<number>, options?: PurgeOptions) => purgeIds({ show, deleteLimited, shared }, ids, options)
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
