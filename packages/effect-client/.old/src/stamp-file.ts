import { closeSync, fstatSync, openSync, readSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from "node:fs"

/** How long a lock may be held before another process takes it as stale (a holder killed with -9). */
const staleLockMs = 2_000

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/**
 * A rolling window of time stamps kept in a file, shared by every process that opens it, so a
 * budget survives restarts and holds across concurrent runs. Each `take` runs under a lock file
 * (`<path>.lock`), reads what others appended since, and appends its own stamp if the window has room.
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

  /** Takes a slot at `now` (epoch ms) and returns undefined, or returns when the next slot frees up. */
  take(now: number): number | undefined {
    return this.locked(() => {
      this.refresh(now)
      if (this.stamps.length < this.limit) {
        this.append(now)
        return undefined
      }
      return this.stamps[0]! + this.windowMs
    })
  }

  /**
   * Moves a stamp `take` returned to a later time, e.g. to when the answer came back: the server
   * counted the request somewhere in between, so the slot is surely free only a window after that.
   */
  settle(stamp: number, later: number): void {
    this.locked(() => {
      this.refresh(later)
      this.write(`-${stamp}\n${later}\n`)
      const at = this.stamps.indexOf(stamp)
      if (at >= 0) this.stamps.splice(at, 1)
      this.stamps.push(later)
      this.stamps.sort((a, b) => a - b)
    })
  }

  /** Stamps in the window now (for tests and reports). */
  used(now: number): number {
    return this.locked(() => {
      this.refresh(now)
      return this.stamps.length
    })
  }

  private locked<A>(f: () => A): A {
    const lock = `${this.path}.lock`
    for (let attempt = 0; ; attempt++) {
      try {
        closeSync(openSync(lock, "wx"))
        break
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e
        try {
          if (Date.now() - statSync(lock).mtimeMs > staleLockMs) unlinkSync(lock)
        } catch {
          // released meanwhile
        }
        sleepSync(Math.min(20, 1 + attempt))
      }
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
    this.stamps = first < 0 ? [] : this.stamps.slice(first)
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
      writeSync(fd, text)
      const stat = fstatSync(fd)
      this.offset = stat.size
      this.ino = stat.ino
    } finally {
      closeSync(fd)
    }
  }
}
