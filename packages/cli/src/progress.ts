import * as Duration from "effect/Duration"

/** What a progress line shows. */
export interface ProgressState {
  readonly label: string
  readonly done: number
  readonly total: number | undefined
  readonly startedAt: number
  readonly waited: Duration.Duration
}

const clock = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000))
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`
}

/** One progress line: `purge [######----] 120/500 24.0/s ETA 16s, 3s waiting on rate limits`. */
export const renderProgress = (p: ProgressState, now: number, width = 24): string => {
  const elapsed = Math.max(1, now - p.startedAt)
  const rate = (p.done * 1000) / elapsed
  const bar = p.total === undefined || p.total === 0 ? "" : (() => {
    const filled = Math.min(width, Math.round((p.done / p.total) * width))
    return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] `
  })()
  const count = p.total === undefined ? `${p.done}` : `${p.done}/${p.total}`
  const eta = p.total === undefined || rate === 0 ? "" : ` ETA ${clock(((p.total - p.done) / rate) * 1000)}`
  const waited = Duration.toMillis(p.waited) > 0 ? `, ${clock(Duration.toMillis(p.waited))} waiting on rate limits` : ""
  return `${p.label} ${bar}${count} ${rate.toFixed(1)}/s, ${clock(elapsed)} spent${eta}${waited}`
}

/** A progress line redrawn in place on a TTY at most every 100 ms; silent elsewhere. */
export const makeProgress = (label: string, total: number | undefined, enabled: boolean) => {
  const state = { label, done: 0, total, startedAt: Date.now(), waited: Duration.zero }
  let drawn = 0
  const draw = (force = false) => {
    if (!enabled) return
    const now = Date.now()
    if (!force && now - drawn < 100) return
    drawn = now
    process.stderr.write(`\r\x1b[2K${renderProgress(state, now)}`)
  }
  return {
    tick: (waited?: Duration.Duration) => {
      state.done++
      if (waited !== undefined) state.waited = waited
      draw()
    },
    done: () => {
      draw(true)
      if (enabled) process.stderr.write("\n")
    }
  }
}
