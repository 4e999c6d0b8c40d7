import * as Duration from "effect/Duration"
import * as Either from "effect/Either"

/** The longest age or window accepted: 100 years (older than that, no date can be). */
const longest = Duration.days(36_525)

/** Parses `30d`, `12h`, `90m`, `45s`, `500ms` (what `--older-than` and `--budget` take): at most 100 years. */
export const parseDuration = (text: string): Either.Either<Duration.Duration, string> => {
  const m = /^(\d{1,16})\s*(d|h|m|s|ms)$/.exec(text.trim())
  if (m === null) return Either.left(`expected a duration like 30d, 12h, 90m or 45s, got ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)}`)
  const n = Number(m[1])
  const unit = m[2] as "d" | "h" | "m" | "s" | "ms"
  const duration = unit === "d" ? Duration.days(n) : unit === "h" ? Duration.hours(n) : unit === "m" ? Duration.minutes(n) : unit === "s" ? Duration.seconds(n) : Duration.millis(n)
  return Duration.greaterThan(duration, longest) ? Either.left(`${JSON.stringify(text)} is more than 100 years; give a shorter one, e.g. 30d`) : Either.right(duration)
}

/** Parses a purge budget `700/10m`: deletions (at least 1) per window (longer than zero). */
export const parseBudget = (text: string): Either.Either<{ readonly limit: number; readonly window: Duration.Duration }, string> => {
  const [count, window, ...more] = text.split("/")
  if (count === undefined || window === undefined || more.length > 0 || !/^\d{1,9}$/.test(count) || Number(count) < 1) {
    return Either.left(`expected a budget like 700/10m (deletions per window), got ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)}`)
  }
  return Either.flatMap(parseDuration(window), (w) =>
    Duration.toMillis(w) <= 0 ? Either.left(`the window of ${JSON.stringify(text)} is zero, which would turn the rate limit off; give one like 700/10m`) : Either.right({ limit: Number(count), window: w })
  )
}
