import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs"
import type { FinishedAs } from "./checkpoint.js"
import type { PurgeOutcome } from "./outcomes.js"

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
  if (error._tag === "PaginationError") return { ...base, code: `Pagination${error.reason}` }
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

/** An append-only audit log; every line is synced to disk before the call returns. */
export interface AuditLog {
  /** What the log held when it was opened. */
  readonly history: AuditHistory
  /** Records that a deletion of `id` is about to be sent. */
  readonly sending: (id: number, at: number) => Effect.Effect<void>
  /** Records an outcome. */
  readonly write: (outcome: PurgeOutcome, at: number) => Effect.Effect<void>
}

/** Reads an audit log's lines (a torn last line, from a crash mid-write, is ignored). */
export const readAuditHistory = (text: string): AuditHistory => {
  const finished = new Map<number, FinishedAs>()
  const sent = new Set<number>()
  for (const line of text.split("\n")) {
    if (line.length === 0) continue
    let record: { id?: unknown; outcome?: unknown }
    try {
      record = JSON.parse(line) as typeof record
    } catch {
      continue
    }
    if (typeof record.id !== "number") continue
    if (record.outcome === "Sending") sent.add(record.id)
    else if ((record.outcome === "Purged" || record.outcome === "AlreadyGone") && !finished.has(record.id)) finished.set(record.id, record.outcome)
  }
  const unanswered = new Set([...sent].filter((id) => !finished.has(id)))
  return { finished, unanswered }
}

/**
 * An audit log in an append-only NDJSON file, each line synced to disk (`fsync`) before the call
 * returns. A purge writes it before its checkpoint, so after any crash the audit log knows at least
 * what the checkpoint knows.
 */
export const fileAuditLog = (path: string): Effect.Effect<AuditLog, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const existing = existsSync(path) ? readFileSync(path, "utf8") : ""
      const history = readAuditHistory(existing)
      const fd = openSync(path, "a")
      const append = (text: string) => {
        writeSync(fd, text)
        fsyncSync(fd)
      }
      // A torn last line is ended first, so the next record starts a line of its own.
      if (existing.length > 0 && !existing.endsWith("\n")) append("\n")
      const log: AuditLog = {
        history,
        sending: (id, at) => Effect.sync(() => append(`${JSON.stringify({ at: new Date(at).toISOString(), id, outcome: "Sending" })}\n`)),
        write: (outcome, at) => Effect.sync(() => append(auditLine(outcome, at)))
      }
      return { log, fd }
    }),
    ({ fd }) => Effect.sync(() => closeSync(fd))
  ).pipe(Effect.map(({ log }) => log))
