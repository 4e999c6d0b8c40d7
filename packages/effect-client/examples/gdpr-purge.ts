/**
 * A GDPR job composed from the client's streams: users soft-deleted more than N days ago are
 * permanently deleted within Zendesk's limits, and every outcome goes to an NDJSON audit log.
 * Run it again with the same checkpoint after a crash: nobody is purged twice or skipped.
 */
import { Clock, Duration, Effect, Stream } from "effect"
import { appendFileSync } from "node:fs"
import { DeletedUsers, auditLine, softDeletedBefore, type PurgeOutcome } from "@deleted-users/effect-client"

/** What the job is asked to do. */
export interface GdprPurgeOptions {
  /** Purge users soft-deleted more than this long ago (Zendesk's `updated_at` is the deletion time). */
  readonly olderThan: Duration.Input
  /** Where the NDJSON audit log goes (appended). */
  readonly auditLog: string
  /** A checkpoint file, so a restart resumes. */
  readonly checkpoint: string
  readonly dryRun?: boolean
}

/** The job: list → select → purge → audit. Returns the number of outcomes by kind. */
export const gdprPurge = (options: GdprPurgeOptions) =>
  Effect.gen(function* () {
    const api = yield* DeletedUsers
    const cutoff = (yield* Clock.currentTimeMillis) - Duration.toMillis(options.olderThan)
    const due = api.list().pipe(Stream.filter(softDeletedBefore(cutoff)), Stream.map((user) => user.id))
    return yield* api.purge(due, { checkpoint: options.checkpoint, dryRun: options.dryRun ?? false }).pipe(
      Stream.mapEffect((outcome) =>
        Effect.map(Clock.currentTimeMillis, (now) => {
          appendFileSync(options.auditLog, auditLine(outcome, now))
          return outcome
        })
      ),
      Stream.runFold(() => ({}) as Record<PurgeOutcome["_tag"], number>, (tally, o) => ({ ...tally, [o._tag]: (tally[o._tag] ?? 0) + 1 }))
    )
  })
