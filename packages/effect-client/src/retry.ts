import { backoffSchedule } from "@deleted-users/openapi-runtime"
import * as Duration from "effect/Duration"
import type * as Schedule from "effect/Schedule"
import type { ZendeskError } from "./errors.js"

/** Parses `Retry-After` (delay-seconds or an HTTP date): the generated client's own reader. */
export { parseRetryAfter, retryAfterJitter } from "@deleted-users/openapi-runtime"

/**
 * Whether the default policy retries an error: 429, 502/503/504 and transport failures, except a body
 * past the size limit (`TooLarge`: the same answer would come again, as the runtime's own policy says); never 4xx otherwise.
 */
export const isRetryable = (error: ZendeskError): boolean => {
  switch (error._tag) {
    case "RateLimited":
      return true
    case "TransportError":
      return error.reason !== "TooLarge"
    case "ServerError":
      return error.status === 502 || error.status === 503 || error.status === 504
    default:
      return false
  }
}

/** The delay Zendesk asked for, if any. */
export const retryAfterOf = (error: ZendeskError): Duration.Duration | undefined =>
  error._tag === "RateLimited" || error._tag === "ServerError" ? error.retryAfter : undefined

/** The knobs of the retry policy. */
export interface RetryPolicyOptions {
  /** Retries at most (default 5). */
  readonly maxRetries?: number
  /** Total time spent waiting between attempts at most (default 2 minutes). */
  readonly maxWaiting?: Duration.Input
  /** First backoff (default 250 ms), doubled each retry, with ±20% jitter. */
  readonly base?: Duration.Input
  /** Backoff cap (default 30 s). */
  readonly cap?: Duration.Input
}

/**
 * A retry policy: retries what `isRetryable` accepts, waiting `Retry-After` when Zendesk sends one
 * (never earlier, and up to 20% later at random, so that clients told the same time do not all come
 * back in the same second), else exponential backoff with ±20% jitter; gives up (with the last
 * error) after `maxRetries` retries or when the next wait would take the total past `maxWaiting`.
 * The output is the delay chosen for the retry.
 */
export const retryPolicy = (options: RetryPolicyOptions = {}): Schedule.Schedule<Duration.Duration, ZendeskError> =>
  backoffSchedule<ZendeskError>({
    maxRetries: options.maxRetries ?? 5,
    maxWaiting: options.maxWaiting ?? Duration.minutes(2),
    base: options.base ?? Duration.millis(250),
    cap: options.cap ?? Duration.seconds(30),
    shouldRetry: isRetryable,
    retryAfter: retryAfterOf
  })

/** The default policy: 5 retries or 2 minutes of waiting, backoff from 250 ms capped at 30 s. */
export const defaultRetrySchedule: Schedule.Schedule<Duration.Duration, ZendeskError> = retryPolicy()

/** No retries at all. */
export const noRetry: Schedule.Schedule<Duration.Duration, ZendeskError> = retryPolicy({ maxRetries: 0 })
