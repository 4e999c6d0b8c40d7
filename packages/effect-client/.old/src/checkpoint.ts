import * as Effect from "effect/Effect"
import * as KeyValueStore from "effect/persistence/KeyValueStore"
import type * as Scope from "effect/Scope"
import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync } from "node:fs"

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
  /** Records that `id` finished, durably before the effect completes. */
  readonly record: (id: number, outcome: FinishedAs) => Effect.Effect<void>
}

/**
 * A checkpoint in an append-only NDJSON file (`{"id":…,"outcome":…}` a line), synced to disk on
 * every record. A torn last line (a crash mid-write) is ignored on load.
 */
export const fileCheckpoint = (path: string): Effect.Effect<Checkpoint, never, Scope.Scope> =>
  Effect.acquireRelease(Effect.sync(() => {
    const done = new Set<number>()
    const existing = existsSync(path) ? readFileSync(path, "utf8") : ""
    for (const line of existing.split("\n")) {
      if (line.length > 0) {
        try {
          const entry = JSON.parse(line) as { id?: unknown }
          if (typeof entry.id === "number") done.add(entry.id)
        } catch {
          // a torn line from a crash mid-write: that id was not recorded, so it is tried again
        }
      }
    }
    const fd = openSync(path, "a")
    // A torn last line (a crash mid-write) is ended first, so the next record starts a line of its own.
    if (existing.length > 0 && !existing.endsWith("\n")) appendFileSync(fd, "\n")
    const checkpoint: Checkpoint = {
      isDone: (id) => Effect.sync(() => done.has(id)),
      record: (id, outcome) =>
        Effect.sync(() => {
          appendFileSync(fd, `${JSON.stringify({ id, outcome })}\n`)
          fsyncSync(fd)
          done.add(id)
        })
    }
    return { checkpoint, fd }
  }), ({ fd }) => Effect.sync(() => closeSync(fd))).pipe(Effect.map(({ checkpoint }) => checkpoint))

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
