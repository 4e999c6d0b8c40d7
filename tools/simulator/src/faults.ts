/** The statuses a fault can answer with, each with the envelope Zendesk sends for it. */
export type FaultStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500 | 502 | 503 | 504

/** A fault the simulator can inject into one response. */
export type Fault =
  | { readonly _tag: "Latency"; readonly ms: number }
  | { readonly _tag: "Status"; readonly status: FaultStatus; readonly retryAfter?: number | string }
  | { readonly _tag: "Reset" }
  | { readonly _tag: "Truncate" }
  | { readonly _tag: "BadBody" }
  /**
   * A cursor page's meta, rewritten: `hasMore`, and `afterCursor` as given, or `"same"` (the cursor this
   * page was fetched with: a loop), or `"rewind"` (a new cursor back to the first page: a page that goes backwards).
   */
  | { readonly _tag: "PageMeta"; readonly hasMore?: boolean; readonly afterCursor?: string | null }

/** Which requests a queued fault applies to. */
export interface FaultMatch {
  readonly method?: string
  /** Matched against the path (without the query). */
  readonly path?: RegExp
  /** Skip this many matching requests first (e.g. fail the 6th page of a listing). */
  readonly after?: number
}

interface Queued {
  readonly match: FaultMatch
  readonly fault: Fault
  skip: number
  times: number
}

/** Faults queued by tests: each one applies to the next matching request(s). */
export class FaultQueue {
  private queued: Array<Queued> = []

  /** Queues a fault for the next `times` (default 1) requests that match, after skipping `match.after`. */
  add(fault: Fault, match: FaultMatch = {}, times = 1): void {
    this.queued.push({ match, fault, skip: match.after ?? 0, times })
  }

  clear(): void {
    this.queued = []
  }

  /** The faults for this request, consumed. */
  take(method: string, path: string): Array<Fault> {
    const out: Array<Fault> = []
    for (const q of this.queued) {
      if (q.times <= 0) continue
      if (q.match.method !== undefined && q.match.method !== method) continue
      if (q.match.path !== undefined && !q.match.path.test(path)) continue
      if (q.skip > 0) {
        q.skip--
        continue
      }
      q.times--
      out.push(q.fault)
    }
    this.queued = this.queued.filter((q) => q.times > 0)
    return out
  }
}

/** Where one fault of a header ends: a comma followed by the next fault's name (an HTTP date has commas of its own). */
const faultSeparator = /,(?=\s*(?:latency|status|reset|truncate|bad-body|page-meta)\b)/

/**
 * Parses the per-request fault header `x-simulator-fault`, e.g. `latency=20`, `status=503;retry-after=2`,
 * `status=429;retry-after=Wed, 21 Oct 2026 07:28:00 GMT` (seconds or an HTTP date), `reset`,
 * `truncate`, `bad-body` (several separated by `,`).
 */
export const parseFaultHeader = (value: string | undefined): Array<Fault> => {
  if (value === undefined || value.trim() === "") return []
  return value.split(faultSeparator).flatMap((part): Array<Fault> => {
    const fields = Object.fromEntries(
      part.split(";").map((kv) => {
        const at = kv.indexOf("=")
        return (at < 0 ? [kv.trim(), undefined] : [kv.slice(0, at).trim(), kv.slice(at + 1).trim()]) as [string, string?]
      })
    )
    if ("latency" in fields) return [{ _tag: "Latency", ms: Number(fields.latency) }]
    if ("status" in fields) {
      const status = Number(fields.status) as FaultStatus
      const retryAfter = fields["retry-after"]
      return [retryAfter === undefined ? { _tag: "Status", status } : { _tag: "Status", status, retryAfter: /^\d+$/.test(retryAfter) ? Number(retryAfter) : retryAfter }]
    }
    if ("reset" in fields) return [{ _tag: "Reset" }]
    if ("truncate" in fields) return [{ _tag: "Truncate" }]
    if ("bad-body" in fields) return [{ _tag: "BadBody" }]
    if ("page-meta" in fields) {
      const after = fields["after-cursor"]
      return [{
        _tag: "PageMeta",
        ...(fields["has-more"] === undefined ? {} : { hasMore: fields["has-more"] === "true" }),
        ...(after === undefined ? {} : { afterCursor: after === "null" ? null : after })
      }]
    }
    return []
  })
}
