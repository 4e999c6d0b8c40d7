/**
 * The purge's own span: one `ZendeskDeletedUsers.purge` span for the run, carrying the counts by
 * outcome (and no id), with each deletion's client span under it. Against the simulator, with a
 * tracer that keeps Effect's in-memory spans.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Tracer from "effect/Tracer"
import { DeletedUsers } from "../src/index.js"
import { clientLayer, useSimulator } from "./support.js"

const sim = useSimulator({ users: 50, seed: 11 })

/** A tracer keeping every span it makes. */
const capturing = () => {
  const spans: Array<Tracer.NativeSpan> = []
  const tracer = Tracer.make({
    span: (options) => {
      const span = new Tracer.NativeSpan(options)
      spans.push(span)
      return span
    }
  })
  return { spans, tracer }
}

describe("the purge's span", () => {
  it.live("one span for the run with its counts; the deletions' client spans under it; no id in any attribute", () =>
    Effect.gen(function* () {
      const api = yield* DeletedUsers
      const ids = yield* api.list().pipe(Stream.take(3), Stream.map((user) => user.id), Stream.runCollect)
      const gone = 9_999_999_991 // no such user: Zendesk answers 404, AlreadyGone
      const { spans, tracer } = capturing()
      const outcomes = yield* api.purge([...ids, gone, -1], { concurrency: 2 }).pipe(Stream.runCollect, Effect.withTracer(tracer))
      expect(outcomes.map((o) => o._tag).sort()).toEqual(["AlreadyGone", "Purged", "Purged", "Purged", "Refused"])

      const run = spans.filter((span) => span.name === "ZendeskDeletedUsers.purge")
      expect(run).toHaveLength(1)
      const attributes = Object.fromEntries(run[0]!.attributes)
      expect(attributes).toMatchObject({ "purge.purged": 3, "purge.already_gone": 1, "purge.refused": 1, "purge.dry_run": false, "purge.concurrency": 2 })
      expect(attributes["purge.failed"]).toBeUndefined()
      const deletions = spans.filter((span) => span.name === "ZendeskDeletedUsers.PermanentlyDeleteUser")
      expect(deletions).toHaveLength(4)
      for (const span of deletions) expect(span.parent._tag === "Some" && span.parent.value.spanId).toBe(run[0]!.spanId)
      const values = JSON.stringify(run[0]!.attributes, (_, v) => (typeof v === "bigint" ? String(v) : v))
      for (const id of [...ids, gone]) expect(values).not.toContain(String(id))
    }).pipe(Effect.provide(clientLayer(sim.sim.url, { rateLimitStore: "memory" }))))
})
