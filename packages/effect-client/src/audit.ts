import type { PurgeOutcome } from "./outcomes.js"

/** One line of a purge's audit log: ids, outcomes and error codes only, no personal data of the purged users. */
export interface AuditRecord {
  readonly at: string
  readonly id: number
  readonly outcome: PurgeOutcome["_tag"]
  readonly status?: number
  readonly code?: string
  readonly requestId?: string
}

/** The audit record of an outcome, at a time (epoch ms). */
export const auditRecord = (outcome: PurgeOutcome, at: number): AuditRecord => {
  const base = { at: new Date(at).toISOString(), id: outcome.id, outcome: outcome._tag }
  if (outcome._tag !== "AlreadyGone" && outcome._tag !== "Refused") return base
  const error = outcome.error
  if (error._tag === "InvalidInput") return { ...base, code: "InvalidInput" }
  return {
    ...base,
    status: error.status,
    ...(error.code === undefined ? {} : { code: error.code }),
    ...(error.requestId === undefined ? {} : { requestId: error.requestId })
  }
}

/** The audit record as one NDJSON line. */
export const auditLine = (outcome: PurgeOutcome, at: number): string => `${JSON.stringify(auditRecord(outcome, at))}\n`
