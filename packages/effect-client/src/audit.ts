import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { closeSync, fstatSync, openSync, readSync } from "node:fs"
import type { FinishedAs } from "./checkpoint.js"
import { appendDurably, appendFullySync, fileError, readLinesSync } from "./file-io.js"
import type { PurgeOutcome } from "./outcomes.js"
import type { PurgeFileError } from "./purge-errors.js"

/**
 * One line of a purge's audit log: ids, outcomes and error codes only, no personal data of the
 * purged users. `Sending` is written (and synced) before a deletion is sent, so a rerun after a
 * crash knows which ids an earlier run may have purged.
 */
export interface AuditRecord {
  /** When, as an ISO 8601 timestamp. */
  readonly at: string
  /** The user's id. */
  readonly id: number
  /** The outcome's tag, or `Sending` just before the deletion is sent. */
  readonly outcome: PurgeOutcome["_tag"] | "Sending"
  /** The HTTP status of the error, for an outcome that carries one. */
  readonly status?: number
  /** Zendesk's error code, or `InvalidInput`, `Transport<reason>`, `DecodeError`. */
  readonly code?: string
  /** The request id of the error, when Zendesk sent one. */
  readonly requestId?: string
  /** For `Purged`: an earlier run sent the deletion and was stopped before it recorded the answer. */
  readonly afterRestart?: true
}

/** The audit record of an outcome, at a time (epoch ms). */
export const auditRecord = (outcome: PurgeOutcome, at: number): AuditRecord => {
  const base = { at: new Date(at).toISOString(), id: outcome.id, outcome: outcome._tag }
  if (outcome._tag === "Purged") return outcome.afterRestart === true ? { ...base, afterRestart: true } : base
  if (outcome._tag !== "AlreadyGone" && outcome._tag !== "Refused" && outcome._tag !== "Failed") return base
  const error = outcome.error
  if (error._tag === "InvalidInput") return { ...base, code: "InvalidInput" }
  if (error._tag === "TransportError") return { ...base, code: `Transport${error.reason}` }
  if (error._tag === "PaginationError") return { ...base, code: `Pagination${error.reason ?? ""}` }
  return {
    ...base,
    status: error.status,
    ...(error._tag === "DecodeError" ? { code: "DecodeError" } : error.code === undefined ? {} : { code: error.code }),
    ...(error.requestId === undefined ? {} : { requestId: error.requestId })
  }
}

/** The audit record as one NDJSON line. */
export const auditLine = (outcome: PurgeOutcome, at: number): string => `${JSON.stringify(auditRecord(outcome, at))}\n`

/** What an audit log held when it was opened: how ids finished, and the ids sent but never answered. */
export interface AuditHistory {
  /** Ids with a `Purged` or `AlreadyGone` line. */
  readonly finished: ReadonlyMap<number, FinishedAs>
  /** Ids with a `Sending` line and no `Purged` or `AlreadyGone` line: an earlier run may have purged them. */
  readonly unanswered: ReadonlySet<number>
}

/** What a line of an audit log says, for a reader that goes through the log once: the id and its `outcome` (or `Sending`). */
export interface AuditEntry {
  /** The user's id. */
  readonly id: number
  /** The outcome's tag, or `Sending`. */
  readonly outcome: AuditRecord["outcome"]
}

/** An append-only audit log; every line is written in full and synced to disk before the call returns. */
export interface AuditLog {
  /**
   * What the log held when it was opened, read whole into memory when first asked for (a purge
   * does not: it goes through the log once with `scan`, in flat memory).
   */
  readonly history: AuditHistory
  /**
   * Goes through the whole lines the log held when it was opened, in order, a batch per 64 KiB read
   * (flat memory at any size), running `f` on each batch.
   */
  readonly scan: <E>(f: (entries: ReadonlyArray<AuditEntry>) => Effect.Effect<void, E>) => Effect.Effect<void, E | PurgeFileError>
  /** Records that a deletion of `id` is about to be sent; fails if the line cannot be written in full and synced. */
  readonly sending: (id: number, at: number) => Effect.Effect<void, PurgeFileError>
  /** Records an outcome; fails if the line cannot be written in full and synced. */
  readonly write: (outcome: PurgeOutcome, at: number) => Effect.Effect<void, PurgeFileError>
}

/** The entry of one line, or undefined for a line that is not a whole record (a torn line, garbage). */
const entryOf = (line: string): AuditEntry | undefined => {
  if (line.length === 0) return undefined
  let record: { id?: unknown; outcome?: unknown }
  try {
    record = JSON.parse(line) as typeof record
  } catch {
    return undefined
  }
  return typeof record.id === "number" && typeof record.outcome === "string" ? { id: record.id, outcome: record.outcome as AuditEntry["outcome"] } : undefined
}

/** Folds entries into a history: the first `Purged` or `AlreadyGone` of each id, and the ids sent and never finished. */
const historyOf = (feed: (f: (entry: AuditEntry) => void) => void): AuditHistory => {
  const finished = new Map<number, FinishedAs>()
  const sent = new Set<number>()
  feed((entry) => {
    if (entry.outcome === "Sending") sent.add(entry.id)
    else if ((entry.outcome === "Purged" || entry.outcome === "AlreadyGone") && !finished.has(entry.id)) finished.set(entry.id, entry.outcome)
  })
  const unanswered = new Set([...sent].filter((id) => !finished.has(id)))
  return { finished, unanswered }
}

/** Reads an audit log's lines (a torn last line, from a crash mid-write, is ignored). */
export const readAuditHistory = (text: string): AuditHistory =>
  historyOf((f) => {
    for (const line of text.split("\n")) {
      const entry = entryOf(line)
      if (entry !== undefined) f(entry)
    }
  })

/**
 * An audit log in an append-only NDJSON file, each line written in full and synced to disk (`fsync`)
 * before the call returns; a write that cannot be completed (`ENOSPC`, `EIO`) is cut off again and
 * fails with a `PurgeFileError`, so the purge stops before it records or sends anything more. A purge
 * writes it before its checkpoint, so after any crash the audit log knows at least what the checkpoint knows.
 */
export const fileAuditLog = (path: string): Effect.Effect<AuditLog, PurgeFileError, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.suspend(() => {
      let fd: number
      let size: number
      try {
        fd = openSync(path, "a")
        size = fstatSync(fd).size
      } catch (e) {
        return Effect.fail(fileError("audit log", path, "open", e))
      }
      // A torn last line is ended first, so the next record starts a line of its own.
      let endsWithNewline: boolean
      try {
        endsWithNewline = size === 0 || readLastByte(path, size) === 10
      } catch (e) {
        closeSync(fd)
        return Effect.fail(fileError("audit log", path, "read", e))
      }
      const fixed = endsWithNewline ? undefined : appendFullySync(fd, "\n")
      if (fixed !== undefined) {
        closeSync(fd)
        return Effect.fail(fileError("audit log", path, fixed.operation, fixed.cause))
      }
      const scan = <E>(f: (entries: ReadonlyArray<AuditEntry>) => Effect.Effect<void, E>): Effect.Effect<void, E | PurgeFileError> =>
        size === 0
          ? Effect.void
          : Effect.suspend(() => {
              let lines: Generator<Array<string>, boolean>
              try {
                lines = readLinesSync(path, size)
              } catch (e) {
                return Effect.fail(fileError("audit log", path, "read", e))
              }
              return Effect.gen(function* () {
                for (;;) {
                  const next = yield* Effect.try({ try: () => lines.next(), catch: (e) => fileError("audit log", path, "read", e) })
                  if (next.done === true) return
                  const entries: Array<AuditEntry> = []
                  for (const line of next.value) {
                    const entry = entryOf(line)
                    if (entry !== undefined) entries.push(entry)
                  }
                  yield* f(entries)
                }
              }).pipe(Effect.ensuring(Effect.sync(() => void lines.return(true))))
            })
      let history: AuditHistory | undefined
      const log: AuditLog = {
        get history() {
          return (history ??= historyOf((f) => Effect.runSync(Effect.orDie(scan((entries) => Effect.sync(() => entries.forEach(f)))))))
        },
        scan,
        sending: (id, at) => appendDurably("audit log", path, fd, `${JSON.stringify({ at: new Date(at).toISOString(), id, outcome: "Sending" })}\n`),
        write: (outcome, at) => appendDurably("audit log", path, fd, auditLine(outcome, at))
      }
      return Effect.succeed({ log, fd })
    }),
    ({ fd }) => Effect.sync(() => closeSync(fd))
  ).pipe(Effect.map(({ log }) => log))

/** The last byte of the first `size` bytes of a file. */
const readLastByte = (path: string, size: number): number => {
  const fd = openSync(path, "r")
  try {
    const byte = Buffer.alloc(1)
    return readSync(fd, byte, 0, 1, size - 1) === 1 ? byte[0]! : 10
  } finally {
    closeSync(fd)
  }
}
