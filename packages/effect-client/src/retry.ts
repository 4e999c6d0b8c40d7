import { Duration, Effect, Random, Schedule, ScheduleDecision, ScheduleInterval } from "effect"
import type { ZendeskError } from "./errors.js"

/**
 * Parses `Retry-After`: delay-seconds or an HTTP date (relative to `now`, in epoch ms).
 * Returns undefined when absent or unreadable; a date in the past is zero.
 */
export const parseRetryAfter = (value: string | null | undefined, now: number): Duration.Duration | undefined => {
  if (value === null || value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Duration.seconds(Number(trimmed))
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Duration.millis(Math.max(0, date - now))
}

/** Whether the default policy retries an error: 429, 502/503/504 and transport failures; never 4xx otherwise. */
export const isRetryable = (error: ZendeskError): boolean => {
  switch (error._tag) {
    case "RateLimited":
    case "TransportError":
      return true
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
  readonly maxWaiting?: Duration.DurationInput
  /** First backoff (default 250 ms), doubled each retry, with ±20% jitter. */
  readonly base?: Duration.DurationInput
  /** Backoff cap (default 30 s). */
  readonly cap?: Duration.DurationInput
}

/** How much later than `Retry-After` a retry may go, at most: 20%, so clients told the same second spread out. */
export const retryAfterJitter = 0.2

/**
 * A retry policy: retries what `isRetryable` accepts, waiting `Retry-After` when Zendesk sends one
 * (never earlier, and up to 20% later at random, so that clients told the same time do not all come
 * back in the same second), else exponential backoff with ±20% jitter; gives up (with the last
 * error) after `maxRetries` retries or when the next wait would take the total past `maxWaiting`.
 * The output is the delay chosen for the retry.
 */
export const retryPolicy = (options: RetryPolicyOptions = {}): Schedule.Schedule<Duration.Duration, ZendeskError> => {
  const maxRetries = options.maxRetries ?? 5
  const budget = Duration.toMillis(options.maxWaiting ?? Duration.minutes(2))
  const base = Duration.toMillis(options.base ?? Duration.millis(250))
  const cap = Duration.toMillis(options.cap ?? Duration.seconds(30))
  return Schedule.makeWithState({ retries: 0, waited: 0 }, (now, error: ZendeskError, state) =>
    Effect.gen(function* () {
      const stop = [state, Duration.zero, ScheduleDecision.done] as const
      if (!isRetryable(error) || state.retries >= maxRetries) return stop
      const asked = retryAfterOf(error)
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

/** The default policy: 5 retries or 2 minutes of waiting, backoff from 250 ms capped at 30 s. */
export const defaultRetrySchedule: Schedule.Schedule<Duration.Duration, ZendeskError> = retryPolicy()

/** No retries at all. */
export const noRetry: Schedule.Schedule<Duration.Duration, ZendeskError> = retryPolicy({ maxRetries: 0 })
