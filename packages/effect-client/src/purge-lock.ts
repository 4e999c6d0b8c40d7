import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import { randomUUID } from "node:crypto"
import { closeSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from "node:fs"
import * as os from "node:os"
import { fileError } from "./file-io.js"
import { PurgeLocked, type PurgeFileError, type PurgeFileRole } from "./purge-errors.js"

/** How often a holder touches its lock file, and how old a touch may be before the lock counts as abandoned. */
const heartbeat = Duration.seconds(5)
const abandonedAfterMs = 30_000

/** What a lock file holds: who holds it, since when, and a token only its holder knows. */
interface LockInfo {
  readonly pid: number
  readonly host: string
  readonly since: string
  readonly token: string
}

const readLock = (lockPath: string): LockInfo | undefined => {
  try {
    const info = JSON.parse(readFileSync(lockPath, "utf8")) as Partial<LockInfo>
    return typeof info.pid === "number" && typeof info.host === "string" && typeof info.since === "string" && typeof info.token === "string"
      ? (info as LockInfo)
      : undefined
  } catch {
    return undefined
  }
}

/** Whether a process of this host is alive (signal 0 reaches it, or it is someone else's). */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"
  }
}

/**
 * Whether a lock was left by a purge that is gone: its process is dead (same host), or it has not
 * touched the lock for 30 s (any host: a killed process, or a pid since reused), or it is unreadable
 * and as old (a crash between creating and writing it).
 */
const abandoned = (lockPath: string, info: LockInfo | undefined): boolean => {
  let age: number
  try {
    age = Date.now() - statSync(lockPath).mtimeMs
  } catch {
    return true
  }
  if (info === undefined) return age > abandonedAfterMs
  if (info.host === os.hostname() && !alive(info.pid)) return true
  return age > abandonedAfterMs
}

/**
 * Locks a purge's file for the scope: creates `<path>.lock` (pid, host, time) or fails with
 * `PurgeLocked` when a live purge holds it. A lock left by a purge that died (`kill -9`, a crash) is
 * taken over: its process is gone, or it stopped touching the lock (every 5 s) 30 s ago. Released
 * (deleted) when the scope closes.
 */
export const lockPurgeFile = (file: PurgeFileRole, path: string): Effect.Effect<void, PurgeLocked | PurgeFileError, Scope.Scope> => {
  const lockPath = `${path}.lock`
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), token: randomUUID() }
  const isMine = () => readLock(lockPath)?.token === mine.token

  const acquire = Effect.suspend((): Effect.Effect<void, PurgeLocked | PurgeFileError> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = openSync(lockPath, "wx")
        try {
          writeSync(fd, JSON.stringify(mine))
        } finally {
          closeSync(fd)
        }
        return Effect.void
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") return Effect.fail(fileError(file, path, "lock", e))
      }
      const holder = readLock(lockPath)
      if (!abandoned(lockPath, holder)) {
        return Effect.fail(new PurgeLocked({ file, path, pid: holder?.pid ?? 0, host: holder?.host ?? "?", since: holder?.since ?? "?" }))
      }
      try {
        // Taken over only if it is still the abandoned one (another run may have taken it meanwhile).
        if (readLock(lockPath)?.token === holder?.token) unlinkSync(lockPath)
      } catch {
        // gone meanwhile
      }
    }
    const holder = readLock(lockPath)
    return Effect.fail(new PurgeLocked({ file, path, pid: holder?.pid ?? 0, host: holder?.host ?? "?", since: holder?.since ?? "?" }))
  })

  // Two runs that took over the same abandoned lock at once: the one whose lock was replaced steps back.
  // (A real-time pause, not the Effect clock: a test clock must not hold a purge at its start.)
  const confirm = Effect.andThen(
    Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 20))),
    Effect.suspend(() => {
      if (isMine()) return Effect.void
      const holder = readLock(lockPath)
      return Effect.fail(new PurgeLocked({ file, path, pid: holder?.pid ?? 0, host: holder?.host ?? "?", since: holder?.since ?? "?" }))
    })
  )

  const touch = Effect.sync(() => {
    try {
      if (isMine()) utimesSync(lockPath, new Date(), new Date())
    } catch {
      // the next touch tries again
    }
  })

  const release = Effect.sync(() => {
    try {
      if (isMine()) unlinkSync(lockPath)
    } catch {
      // already gone
    }
  })

  return Effect.acquireRelease(acquire, () => release).pipe(
    Effect.andThen(confirm),
    Effect.andThen(Effect.forkScoped(Effect.repeat(touch, Schedule.spaced(heartbeat)))),
    Effect.asVoid
  )
}
