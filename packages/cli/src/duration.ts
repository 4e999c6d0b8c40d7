import * as Duration from "effect/Duration"
import * as Result from "effect/Result"

/** The longest age or window accepted: 100 years (older than that, no date can be). */
const longest = Duration.days(36_525)

/** Parses `30d`, `12h`, `90m`, `45s`, `500ms` (what `--older-than` and `--budget` take): at most 100 years. */
export const parseDuration = (text: string): Result.Result<Duration.Duration, string> => {
  const m = /^(\d{1,16})\s*(d|h|m|s|ms)$/.exec(text.trim())
  if (m === null) return Result.fail(`expected a duration like 30d, 12h, 90m or 45s, got ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)}`)
  const n = Number(m[1])
  const unit = m[2] as "d" | "h" | "m" | "s" | "ms"
  const duration = unit === "d" ? Duration.days(n) : unit === "h" ? Duration.hours(n) : unit === "m" ? Duration.minutes(n) : unit === "s" ? Duration.seconds(n) : Duration.millis(n)
  return Duration.isGreaterThan(duration, longest) ? Result.fail(`${JSON.stringify(text)} is more than 100 years; give a shorter one, e.g. 30d`) : Result.succeed(duration)
}

/** Parses a purge budget `700/10m`: deletions (at least 1) per window (longer than zero). */
export const parseBudget = (text: string): Result.Result<{
  /** Deletions allowed per window. */
  readonly limit: number
  /** The window. */
  readonly window: Duration.Duration
}, string> => {
  const [count, window, ...more] = text.split("/")
  if (count === undefined || window === undefined || more.length > 0 || !/^\d{1,9}$/.test(count) || Number(count) < 1) {
    return Result.fail(`expected a budget like 700/10m (deletions per window), got ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)}`)
  }
  return Result.flatMap(parseDuration(window), (w) =>
    Duration.toMillis(w) <= 0 ? Result.fail(`the window of ${JSON.stringify(text)} is zero, which would turn the rate limit off; give one like 700/10m`) : Result.succeed({ limit: Number(count), window: w })
  )
}
