/**
 * A rolling window kept in a file, for the processes of one machine (`StampFile`), and the store of
 * such files in a folder (`fileRateLimitStore`). Node only: `@effect-openapi/runtime-effect3/stamp-file`.
 * Nothing here waits: a file locked by another process is reported as "try again soon", and the window
 * over it (`polledWindow`) sleeps with `Effect.sleep`, so the event loop runs on while it waits.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from "node:fs"
import * as path from "node:path"
import { BudgetStoreError, polledWindow, type PollResult, type RateLimitStore, type SharedWindow, type WindowSpec } from "./rate-limit-store.js"

/** How long a lock may be held before another process takes it as stale (a holder killed with -9). */
export const staleLockMs = 2_000

/** How soon a holder that found the file locked tries again, in ms. */
const lockedRetryMs = 5

/** Appends `text` in full (continuing short writes), or cuts what it wrote off again and throws. */
const appendFully = (fd: number, text: string): void => {
  const buffer = Buffer.from(text, "utf8")
  const start = fstatSync(fd).size
  try {
    let offset = 0
    while (offset < buffer.length) {
      const written = writeSync(fd, buffer, offset, buffer.length - offset)
      // A write that makes no progress would loop for ever: the device takes no more.
      if (written <= 0) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" })
      offset += written
    }
  } catch (cause) {
    try {
      ftruncateSync(fd, start)
    } catch {
      // The torn stamp stays: a reader ignores a line that is not a number, and the last line until it ends.
    }
    throw cause
  }
}

/** A system error's code and Node's words for it (`ENOSPC`, `no space left on device`). */
const systemError = (e: unknown): { readonly code: string; readonly reason: string } => {
  const error = e as NodeJS.ErrnoException
  const code = typeof error?.code === "string" ? error.code : "EUNKNOWN"
  const message = typeof error?.message === "string" ? error.message : String(e)
  const match = /^[A-Z0-9_]+: ([^,]+)/.exec(message)
  return { code, reason: match?.[1] ?? message }
}

/**
 * A rolling window of time stamps kept in a file, shared by every process that opens it, so a budget
 * survives restarts and holds across concurrent runs. Each `take` runs under a lock file (`<path>.lock`,
 * taken over once older than `staleLockMs`), reads what others appended since, and appends its own
 * stamp if the window has room. The lock is tried, never waited for: held by another process, `take`
 * answers "try again in a few ms" and `settle` false, and the caller sleeps (asynchronously) before
 * trying again. Under the lock the work is a few small reads and one append.
 */
export class StampFile {
  private stamps: Array<number> = []
  private offset = 0
  private ino = -1
  private partial = ""

  constructor(
    /** The file that keeps the stamps of the window, shared by every run that names it. */
    readonly path: string,
    /** Slots per window. */
    readonly limit: number,
    /** The window, in milliseconds. */
    readonly windowMs: number
  ) {}

  /**
   * Takes a slot at `now` (epoch ms) and returns undefined; or returns when to try again: when the
   * next slot frees up, or a few ms on when another process holds the file's lock.
   */
  take(now: number): PollResult {
    const taken = this.locked(() => {
      this.refresh(now)
      if (this.stamps.length < this.limit) {
        this.append(now)
        return { until: undefined }
      }
      return { until: this.stamps[0]! + this.windowMs }
    })
    return taken === undefined ? now + lockedRetryMs : taken.until
  }

  /**
   * Moves a stamp `take` returned to a later time, e.g. to when the answer came back: the server
   * counted the request somewhere in between, so the slot is surely free only a window after that.
   * Returns false, having changed nothing, when another process holds the lock (try again).
   */
  settle(stamp: number, later: number): boolean {
    const done = this.locked(() => {
      this.refresh(later)
      this.write(`-${stamp}\n${later}\n`)
      const at = this.stamps.indexOf(stamp)
      if (at >= 0) this.stamps.splice(at, 1)
      this.stamps.push(later)
      this.stamps.sort((a, b) => a - b)
      return true
    })
    return done === true
  }

  /** Stamps in the window now (for tests and reports); read without the lock when another process holds it. */
  used(now: number): number {
    const count = () => {
      this.refresh(now)
      return this.stamps.length
    }
    return this.locked(count) ?? count()
  }

  /** Runs `f` under the lock file, or returns undefined at once when another live process holds it. */
  private locked<A>(f: () => A): A | undefined {
    const lock = `${this.path}.lock`
    if (!this.tryLock(lock)) {
      try {
        if (Date.now() - statSync(lock).mtimeMs > staleLockMs) unlinkSync(lock)
      } catch {
        // released meanwhile
      }
      if (!this.tryLock(lock)) return undefined
    }
    try {
      return f()
    } finally {
      try {
        unlinkSync(lock)
      } catch {
        // taken as stale by another process: nothing to release
      }
    }
  }

  private tryLock(lock: string): boolean {
    try {
      closeSync(openSync(lock, "wx"))
      return true
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e
      return false
    }
  }

  /** Reads what was appended since the last read (all of it if the file was replaced), and drops expired stamps. */
  private refresh(now: number): void {
    let fd: number
    try {
      fd = openSync(this.path, "r")
    } catch {
      this.stamps = []
      this.offset = 0
      this.ino = -1
      this.partial = ""
      return
    }
    try {
      const stat = fstatSync(fd)
      if (stat.ino !== this.ino || stat.size < this.offset) {
        this.stamps = []
        this.offset = 0
        this.partial = ""
        this.ino = stat.ino
      }
      if (stat.size > this.offset) {
        const buffer = Buffer.alloc(stat.size - this.offset)
        readSync(fd, buffer, 0, buffer.length, this.offset)
        this.offset = stat.size
        const lines = (this.partial + buffer.toString("utf8")).split("\n")
        this.partial = lines.pop() ?? ""
        for (const line of lines) {
          const stamp = Number(line)
          if (line === "" || !Number.isFinite(stamp)) continue
          if (stamp >= 0) this.stamps.push(stamp)
          else {
            // `-t`: the stamp t was moved (see `settle`).
            const at = this.stamps.lastIndexOf(-stamp)
            if (at >= 0) this.stamps.splice(at, 1)
          }
        }
        this.stamps.sort((a, b) => a - b)
      }
    } finally {
      closeSync(fd)
    }
    const first = this.stamps.findIndex((s) => s > now - this.windowMs)
    // A stamp more than a window ahead of `now` was taken on a clock since set back (or on a test's
    // clock): it would hold its slot for ever, so it is forgotten.
    const past = this.stamps.findIndex((s) => s > now + this.windowMs)
    this.stamps = first < 0 ? [] : this.stamps.slice(first, past < 0 ? undefined : Math.max(first, past))
  }

  private append(now: number): void {
    this.stamps.push(now)
    if (this.offset > 64 * 1024 && this.offset > this.stamps.length * 64) {
      // Compact: a new file with the stamps still in the window, renamed over the old one.
      const tmp = `${this.path}.${process.pid}.tmp`
      writeFileSync(tmp, this.stamps.map((s) => `${s}\n`).join(""))
      renameSync(tmp, this.path)
      const stat = statSync(this.path)
      this.ino = stat.ino
      this.offset = stat.size
      return
    }
    this.write(`${now}\n`)
  }

  /** Appends lines (the lock is held, and what others wrote is read): the offset moves past them. */
  private write(text: string): void {
    const fd = openSync(this.path, "a")
    try {
      // In full, or not at all: a torn stamp would read as another, older one and free a slot too early.
      appendFully(fd, text)
      const stat = fstatSync(fd)
      this.offset = stat.size
      this.ino = stat.ino
    } finally {
      closeSync(fd)
    }
  }
}

/**
 * A window kept by a `StampFile` (an exact rolling window, settled at each answer). Its errors name the
 * store `file:<path>`, or, given `within`, the store of files it belongs to and the file it could not use.
 */
export const stampFileWindow = (stamps: StampFile, within?: { readonly store: string; readonly file: string }): SharedWindow =>
  polledWindow({
    take: (now) => stamps.take(now),
    settle: (stamp, now) => stamps.settle(stamp, now),
    failure: (e) => {
      const { code, reason } = systemError(e)
      return within === undefined
        ? new BudgetStoreError({ store: `file:${stamps.path}`, reason: `${code} (${reason})` })
        : new BudgetStoreError({ store: within.store, reason: `cannot use ${within.file}: ${code} (${reason})` })
    }
  })

/**
 * A store of files: one `StampFile` per key in `dir`, shared by every process of the machine that uses
 * the folder, and surviving restarts. An exact rolling window: at most `limit` slots in any `windowMs`.
 * Nothing to start; it coordinates one machine only.
 */
export const fileRateLimitStore = (dir: string): RateLimitStore => {
  const description = `file:${dir}`
  const files = new Map<string, StampFile>()
  let made = false
  const pathOf = (key: string) => path.resolve(dir, key.replace(/[^A-Za-z0-9._-]/g, "_"))
  const fileOf = (spec: WindowSpec) => {
    if (!made) {
      try {
        mkdirSync(dir, { recursive: true })
        made = true
      } catch {
        // each take then fails with the reason
      }
    }
    const file = pathOf(spec.key)
    const id = `${file}\n${spec.limit}\n${spec.windowMs}`
    let stamps = files.get(id)
    if (stamps === undefined) files.set(id, (stamps = new StampFile(file, spec.limit, spec.windowMs)))
    return stamps
  }
  return {
    description,
    window: (spec) => stampFileWindow(fileOf(spec), { store: description, file: path.join(dir, spec.key) }),
    fileOf: pathOf,
    hold: Effect.try({
      try: () => void mkdirSync(dir, { recursive: true }),
      catch: (e) => new BudgetStoreError({ store: description, reason: `cannot create the folder: ${systemError(e).code} (${systemError(e).reason})` })
    })
  }
}
