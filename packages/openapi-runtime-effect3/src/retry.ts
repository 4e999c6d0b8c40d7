/**
 * Retries by idempotency: any method on 429, idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS,
 * TRACE) also on 502/503/504 and on transport failures (not on a body past its limit); POST and PATCH
 * only when the request was never sent. `Retry-After` is honoured, never earlier, with up to 20% jitter
 * on top; one past `maxWaiting` gives up at once, with the error.
 *
 * @module
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import * as Schedule from "effect/Schedule"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as ScheduleInterval from "effect/ScheduleInterval"
import { TransportError, type OperationError } from "./errors.js"

/** The knobs of the default policy. */
export interface RetryOptions {
  /** Retries at most (default 4). */
  readonly maxRetries?: number
  /** First backoff (default 200 ms), doubled each retry, ±20% jitter. */
  readonly base?: Duration.DurationInput
  /** Backoff cap (default 20 s). */
  readonly cap?: Duration.DurationInput
  /** Total waiting at most (default 2 minutes); a longer `Retry-After` gives up with the error. */
  readonly maxWaiting?: Duration.DurationInput
}

/** How a layer or a call retries: the default policy's knobs, a `Schedule` of your own, or `false` for none. */
export type RetrySetting = RetryOptions | Schedule.Schedule<unknown, OperationError> | false

const idempotent = new Set(["get", "head", "put", "delete", "options", "trace"])

/** The longest `Retry-After` kept: 2^31 - 1 ms (24.8 days, the longest timer); a longer one is read as this. */
export const maxRetryAfterMillis = 2 ** 31 - 1

/** An HTTP date names its month (`Sun, 06 Nov 1994 08:49:37 GMT`, or the obsolete RFC 850 and asctime forms). */
const httpDate = /^[A-Za-z]{3,9},? +(\d{1,2}[ -][A-Za-z]{3}[ -]\d{2,4}|[A-Za-z]{3} +\d{1,2}) /

/**
 * Parses `Retry-After`: delay-seconds (`120`; a decimal such as `5.5` is read as seconds too) or an HTTP
 * date (relative to `now`, epoch ms; a past date is zero). Anything else is absent, a negative number
 * (`-5`) included, so the backoff applies; the delay is capped at `maxRetryAfterMillis`.
 */
export const parseRetryAfter = (value: string | null | undefined, now: number): Duration.Duration | undefined => {
  if (value === undefined || value === null) return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Duration.millis(Math.min(maxRetryAfterMillis, Math.ceil(Number(trimmed) * 1000)))
  if (!httpDate.test(trimmed)) return undefined
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Duration.millis(Math.min(maxRetryAfterMillis, Math.max(0, date - now)))
}

/** Whether the default policy retries an error of a call with this method. */
export const isRetryable = (method: string, error: OperationError): boolean => {
  if (error instanceof TransportError) return error.reason === "Refused" || (error.reason !== "TooLarge" && idempotent.has(method))
  if (!("status" in error)) return false
  if (error.status === 429) return true
  return idempotent.has(method) && (error.status === 502 || error.status === 503 || error.status === 504)
}

/** How much later than `Retry-After` a retry may go, at most: 20%, so clients told the same second spread out. */
export const retryAfterJitter = 0.2

/** What a backoff schedule needs to know of its errors, and its knobs. */
export interface BackoffOptions<E> extends RetryOptions {
  /** Whether an error is worth another attempt. */
  readonly shouldRetry: (error: E) => boolean
  /** The delay the server asked for, if any. */
  readonly retryAfter: (error: E) => Duration.Duration | undefined
}

/**
 * Retries what `shouldRetry` accepts: after `Retry-After` when the server sent one (never earlier,
 * up to 20% later at random, within `maxWaiting`), else after exponential backoff with ±20% jitter;
 * gives up, with the last error, after `maxRetries` or when the next wait would pass `maxWaiting`.
 * The output is the delay chosen.
 */
export const backoffSchedule = <E>(options: BackoffOptions<E>): Schedule.Schedule<Duration.Duration, E> => {
  const maxRetries = options.maxRetries ?? 4
  const budget = Duration.toMillis(options.maxWaiting ?? Duration.minutes(2))
  const base = Duration.toMillis(options.base ?? Duration.millis(200))
  const cap = Duration.toMillis(options.cap ?? Duration.seconds(20))
  return Schedule.makeWithState({ retries: 0, waited: 0 }, (now, error: E, state) =>
    Effect.gen(function* () {
      const stop = [state, Duration.zero, ScheduleDecision.done] as const
      if (!options.shouldRetry(error) || state.retries >= maxRetries) return stop
      const asked = options.retryAfter(error)
      let delay: number
      if (asked === undefined) {
        delay = Math.round(Math.min(cap, base * 2 ** state.retries * (yield* Random.nextRange(0.8, 1.2))))
      } else {
        const least = Math.ceil(Duration.toMillis(asked))
        // The jitter never takes the total past maxWaiting when Retry-After alone would not.
        delay = Math.max(least, Math.min(Math.ceil(least * (1 + (yield* Random.nextRange(0, retryAfterJitter)))), budget - state.waited))
      }
      if (state.waited + delay > budget) return stop
      return [
        { retries: state.retries + 1, waited: state.waited + delay },
        Duration.millis(delay),
        ScheduleDecision.continueWith(ScheduleInterval.after(now + delay))
      ] as const
    })
  )
}

/** The default policy for a method, as a `Schedule` over the errors; its output is the delay chosen. */
export const retryPolicy = (method: string, options: RetryOptions = {}): Schedule.Schedule<Duration.Duration, OperationError> =>
  backoffSchedule({ ...options, shouldRetry: (error) => isRetryable(method, error), retryAfter: (error) => ("retryAfter" in error ? error.retryAfter : undefined) })

/** The schedule a setting stands for, for a method. */
export const scheduleOf = (method: string, setting: RetrySetting | undefined): Schedule.Schedule<unknown, OperationError> | undefined =>
  setting === false ? undefined : setting === undefined ? retryPolicy(method) : Schedule.isSchedule(setting) ? setting : retryPolicy(method, setting)
