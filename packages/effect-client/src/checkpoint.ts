import * as Effect from "effect/Effect"
import * as KeyValueStore from "effect/persistence/KeyValueStore"
import type * as Scope from "effect/Scope"
import { closeSync, existsSync, openSync } from "node:fs"
import { appendDurably, appendFullySync, fileError, forEachLineSync } from "./file-io.js"
import type { PurgeFileError } from "./purge-errors.js"

/** How an id finished, as the checkpoint keeps it (refusals are not kept: a rerun tries them again). */
export type FinishedAs = "Purged" | "AlreadyGone"

/**
 * Where a purge records each finished id, so a restart skips what is done. A crash between a
 * deletion and its record only means the id is tried again, and Zendesk answers 404 (`AlreadyGone`):
 * nobody is purged twice, and nobody is skipped.
 */
export interface Checkpoint {
  /** Whether `id` was recorded as finished. */
  readonly isDone: (id: number) => Effect.Effect<boolean>
  /** Records that `id` finished, durably before the effect completes; fails if that cannot be done (a full disk). */
  readonly record: (id: number, outcome: FinishedAs) => Effect.Effect<void, PurgeFileError>
  /** Records many at once, durably before the effect completes (optional: `record` one by one otherwise). */
  readonly recordMany?: (entries: ReadonlyArray<readonly [id: number, outcome: FinishedAs]>) => Effect.Effect<void, PurgeFileError>
}

/**
 * A set of ids in flat memory: those loaded, sorted in a `Float64Array` (8 bytes an id, searched in
 * O(log n)), and those added since in a `Set`. A checkpoint of 1,000,000 ids takes 8 MB.
 */
class IdSet {
  private sorted = new Float64Array(0)
  private readonly added = new Set<number>()

  /** Builds the set from ids given one at a time (in any order, repeats allowed). */
  static build(feed: (add: (id: number) => void) => void): IdSet {
    let ids = new Float64Array(1024)
    let n = 0
    feed((id) => {
      if (n === ids.length) {
        const grown = new Float64Array(ids.length * 2)
        grown.set(ids)
        ids = grown
      }
      ids[n++] = id
    })
    const sorted = ids.subarray(0, n).sort()
    let unique = 0
    for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[unique - 1]) sorted[unique++] = sorted[i]!
    const set = new IdSet()
    set.sorted = sorted.slice(0, unique)
    return set
  }

  /** Whether `id` is in the set. */
  has(id: number): boolean {
    if (this.added.has(id)) return true
    let lo = 0
    let hi = this.sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const value = this.sorted[mid]!
      if (value === id) return true
      if (value < id) lo = mid + 1
      else hi = mid
    }
    return false
  }

  /** Adds `id`. */
  add(id: number): void {
    if (!this.has(id)) this.added.add(id)
  }

  /** How many ids the set holds. */
  get size(): number {
    return this.sorted.length + this.added.size
  }
}

/** The ids a checkpoint file records, read line by line (a torn line from a crash mid-write is ignored). */
const loadIds = (path: string): { readonly done: IdSet; readonly endsWithNewline: boolean } => {
  let endsWithNewline = true
  const done = IdSet.build((add) => {
    if (!existsSync(path)) return
    endsWithNewline = forEachLineSync(path, (line) => {
      if (line.length === 0) return
      try {
        const entry = JSON.parse(line) as { id?: unknown }
        if (typeof entry.id === "number") add(entry.id)
      } catch {
        // a torn line from a crash mid-write: that id was not recorded, so it is tried again
      }
    })
  })
  return { done, endsWithNewline }
}

/**
 * A checkpoint in an append-only NDJSON file (`{"id":…,"outcome":…}` a line), synced to disk on
 * every record. It is read line by line into a flat id set (8 bytes an id), so a checkpoint of
 * millions of ids loads in little memory. A torn last line (a crash mid-write) is ignored on load.
 * Every record is written in full and synced, or the effect fails with a `PurgeFileError` (and no
 * torn line stays behind).
 */
export const fileCheckpoint = (path: string): Effect.Effect<Checkpoint, PurgeFileError, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.suspend(() => {
      let loaded: ReturnType<typeof loadIds>
      try {
        loaded = loadIds(path)
      } catch (e) {
        return Effect.fail(fileError("checkpoint", path, "read", e))
      }
      let fd: number
      try {
        fd = openSync(path, "a")
      } catch (e) {
        return Effect.fail(fileError("checkpoint", path, "open", e))
      }
      // A torn last line (a crash mid-write) is ended first, so the next record starts a line of its own.
      const fixed = loaded.endsWithNewline ? undefined : appendFullySync(fd, "\n")
      if (fixed !== undefined) {
        closeSync(fd)
        return Effect.fail(fileError("checkpoint", path, fixed.operation, fixed.cause))
      }
      const { done } = loaded
      const checkpoint: Checkpoint = {
        isDone: (id) => Effect.sync(() => done.has(id)),
        record: (id, outcome) =>
          Effect.tap(appendDurably("checkpoint", path, fd, `${JSON.stringify({ id, outcome })}\n`), () => Effect.sync(() => done.add(id))),
        recordMany: (entries) =>
          entries.length === 0
            ? Effect.void
            : Effect.tap(
                appendDurably("checkpoint", path, fd, entries.map(([id, outcome]) => `${JSON.stringify({ id, outcome })}\n`).join("")),
                () => Effect.sync(() => entries.forEach(([id]) => done.add(id)))
              )
      }
      return Effect.succeed({ checkpoint, fd })
    }),
    ({ fd }) => Effect.sync(() => closeSync(fd))
  ).pipe(Effect.map(({ checkpoint }) => checkpoint))

/**
 * A checkpoint file read once (line by line, as `fileCheckpoint` does), neither locked nor written:
 * what a dry run needs. `record` keeps ids in memory only.
 */
export const readOnlyFileCheckpoint = (path: string): Effect.Effect<Checkpoint, PurgeFileError> =>
  Effect.suspend(() => {
    let done: IdSet
    try {
      done = loadIds(path).done
    } catch (e) {
      return Effect.fail(fileError("checkpoint", path, "read", e))
    }
    return Effect.succeed<Checkpoint>({
      isDone: (id) => Effect.sync(() => done.has(id)),
      record: (id) => Effect.sync(() => done.add(id))
    })
  })

/** A checkpoint in an Effect `KeyValueStore` (one key per finished id, under `prefix`); `KeyValueStore` is marked unstable in Effect 4. */
export const keyValueCheckpoint = (prefix = "purged:"): Effect.Effect<Checkpoint, never, KeyValueStore.KeyValueStore> =>
  Effect.map(KeyValueStore.KeyValueStore, (store) => ({
    isDone: (id) => store.get(`${prefix}${id}`).pipe(Effect.map((value) => value !== undefined), Effect.orDie),
    record: (id, outcome) => store.set(`${prefix}${id}`, outcome).pipe(Effect.orDie)
  }))

/** A checkpoint in memory: for tests and for purges that need no resume. */
export const memoryCheckpoint = (): Effect.Effect<Checkpoint & {
  /** The ids recorded so far, with how each finished. */
  readonly done: ReadonlyMap<number, FinishedAs>
}> =>
  Effect.sync(() => {
    const done = new Map<number, FinishedAs>()
    return {
      done,
      isDone: (id) => Effect.sync(() => done.has(id)),
      record: (id, outcome) => Effect.sync(() => void done.set(id, outcome))
    }
  })
