/**
 * The retry policy: the runtime's own (`retryPolicy` of `@effect-openapi/runtime`), the one every
 * generated client uses. Every Deleted Users operation is a GET or a DELETE, both idempotent, so it
 * retries 429, 502/503/504 and transport failures (not a body past its limit), waiting `Retry-After`
 * when Zendesk sends one, else backoff from 200 ms capped at 20 s; it gives up after 4 retries or
 * 2 minutes of waiting.
 *
 * @module
 */
import * as R from "@effect-openapi/runtime"
import type * as Duration from "effect/Duration"
import type * as Schedule from "effect/Schedule"
import type { ZendeskError } from "./errors.js"

/** Parses `Retry-After` (delay-seconds or an HTTP date): the runtime's reader. */
export { parseRetryAfter, retryAfterJitter } from "@effect-openapi/runtime"

/** The knobs of the retry policy: the runtime's `RetryOptions` (`maxRetries` 4, `base` 200 ms, `cap` 20 s, `maxWaiting` 2 minutes). */
export type RetryPolicyOptions = R.RetryOptions

/** Whether the policy retries an error: 429, 502/503/504 and transport failures except `TooLarge`; never another 4xx. */
export const isRetryable = (error: ZendeskError): boolean => R.isRetryable("get", error as R.OperationError)

/** The delay Zendesk asked for (`Retry-After`), if any. */
export const retryAfterOf = (error: ZendeskError): Duration.Duration | undefined => ("retryAfter" in error ? error.retryAfter : undefined)

/**
 * The policy with other knobs: `Retry-After` honoured (never earlier, up to 20% later at random), else
 * exponential backoff with ±20% jitter; gives up with the last error. The output is the delay chosen.
 * (Its input is any `ZendeskError`: what the runtime's policy does not know, a `PaginationError`, it never retries.)
 */
export const retryPolicy = (options: RetryPolicyOptions = {}): Schedule.Schedule<Duration.Duration, ZendeskError> =>
  R.retryPolicy("get", options) as Schedule.Schedule<Duration.Duration, ZendeskError>

/** The default policy: 4 retries or 2 minutes of waiting, backoff from 200 ms capped at 20 s. */
export const defaultRetrySchedule: Schedule.Schedule<Duration.Duration, ZendeskError> = retryPolicy()

/** No retries at all. */
export const noRetry: Schedule.Schedule<Duration.Duration, ZendeskError> = retryPolicy({ maxRetries: 0 })
