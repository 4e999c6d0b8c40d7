import { Duration, Either } from "effect"

/** Parses `30d`, `12h`, `90m`, `45s` (what `--older-than` and `--budget` take). */
export const parseDuration = (text: string): Either.Either<Duration.Duration, string> => {
  const m = /^(\d+)\s*(d|h|m|s|ms)$/.exec(text.trim())
  if (m === null) return Either.left(`expected a duration like 30d, 12h, 90m or 45s, got ${JSON.stringify(text)}`)
  const n = Number(m[1])
  const unit = m[2] as "d" | "h" | "m" | "s" | "ms"
  return Either.right(unit === "d" ? Duration.days(n) : unit === "h" ? Duration.hours(n) : unit === "m" ? Duration.minutes(n) : unit === "s" ? Duration.seconds(n) : Duration.millis(n))
}

/** Parses a purge budget `700/10m`: deletions per window. */
export const parseBudget = (text: string): Either.Either<{ readonly limit: number; readonly window: Duration.Duration }, string> => {
  const [count, window] = text.split("/")
  if (count === undefined || window === undefined || !/^\d+$/.test(count) || Number(count) < 1) {
    return Either.left(`expected a budget like 700/10m, got ${JSON.stringify(text)}`)
  }
  return Either.map(parseDuration(window), (w) => ({ limit: Number(count), window: w }))
}
