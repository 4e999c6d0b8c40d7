import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { mkdtempSync, readFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { gdprPurge } from "../examples/gdpr-purge.js"
import { clientLayer, useSimulator } from "./support.js"

const holder = useSimulator({ users: 500, seed: 31, now: Date.parse("2026-11-01T00:00:00Z") })

describe("the GDPR example", () => {
  it.live("purges exactly the users soft-deleted over 30 days ago and writes one audit line each, without personal data", () =>
    Effect.gen(function* () {
      const dir = mkdtempSync(path.join(os.tmpdir(), "gdpr-"))
      const auditLog = path.join(dir, "audit.ndjson")
      const cutoff = Date.now() - 30 * 86_400_000
      const due = holder.sim.state.users.filter((u) => u.status === "soft-deleted" && Date.parse(u.updated_at) < cutoff).map((u) => u.id)
      const emails = holder.sim.state.users.filter((u) => due.includes(u.id) && u.email !== null).map((u) => u.email!)
      expect(due.length).toBeGreaterThan(50)

      const tally = yield* gdprPurge({ olderThan: "30 days", auditLog, checkpoint: path.join(dir, "checkpoint") })
      expect(tally).toEqual({ Purged: due.length })
      expect([...holder.sim.state.purges.keys()].sort()).toEqual([...due].sort())

      const audit = readFileSync(auditLog, "utf8")
      const lines = audit.trim().split("\n").map((l) => JSON.parse(l))
      expect(lines.map((l) => l.id).sort()).toEqual([...due].sort())
      expect(lines.every((l) => l.outcome === "Purged")).toBe(true)
      for (const email of emails) expect(audit).not.toContain(email)

      // Run again with the same checkpoint: everything is skipped, nothing is sent.
      const deletes = holder.sim.state.requests.filter((r) => r.method === "DELETE").length
      const again = yield* gdprPurge({ olderThan: "30 days", auditLog: path.join(dir, "audit2.ndjson"), checkpoint: path.join(dir, "checkpoint") })
      expect(again).toEqual({})
      expect(holder.sim.state.requests.filter((r) => r.method === "DELETE")).toHaveLength(deletes)
    }).pipe(Effect.provide(clientLayer(holder.sim.url))))
})
