import { credentialsFromEnv, type Credentials } from "./credentials.js"
import { FaultQueue } from "./faults.js"
import { RollingWindow } from "./rate-limit.js"
import { erasePersonalData, generateUsers, type SimUser } from "./users.js"

/** How a simulator is started. Every field has a default. */
export interface SimulatorOptions {
  /** Users in the generated account (default 2000). */
  readonly users?: number
  /** Seed of the generated account (default 42). */
  readonly seed?: number
  /** The account's "now" in epoch ms (default: the real time at start). */
  readonly now?: number
  /** Credentials it accepts (default: from the environment, with documented defaults). */
  readonly credentials?: Credentials
  /** Emails that sign in as plain agents: they may read, and get 403 on a purge (default `agent@example.com`). */
  readonly agents?: ReadonlyArray<string>
  /** Account-wide requests per window (default 700) and the window (default 60 s). */
  readonly requestsPerWindow?: number
  readonly requestWindowMs?: number
  /** Permanent deletions per rolling window (default 700) and the window (default 10 minutes). */
  readonly purgesPerWindow?: number
  readonly purgeWindowMs?: number
  /** Latency added to every response, in ms (default 0). */
  readonly latencyMs?: number
  /** Soft-deletions spread over this many days (default 60), and the shares of soft-deleted and purged users. */
  readonly deletedWithinDays?: number
  readonly softDeletedShare?: number
  readonly purgedShare?: number
  /** The clock rate limits and timestamps read (default `Date.now`); tests pass the Effect TestClock's. */
  readonly clock?: () => number
  /** Interface and port (default 127.0.0.1 and 0, a free port). */
  readonly host?: string
  readonly port?: number
}

/** One request the simulator answered, for assertions. */
export interface LoggedRequest {
  readonly method: string
  readonly path: string
  readonly query: string
  readonly requestId: string
  /** When it arrived, on the simulator's clock (epoch ms). */
  readonly at: number
  status: number
  aborted: boolean
}

const lowerBound = (xs: ReadonlyArray<number>, x: number): number => {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (xs[mid]! < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The simulated account and everything tests may look at: users, purges, requests, limits, faults. */
export class SimulatorState {
  readonly users: ReadonlyArray<SimUser>
  private readonly byId = new Map<number, SimUser>()
  /** Ids of deleted users (soft-deleted and purged), ascending: the deleted users list. */
  private readonly deleted: Array<number> = []
  /** How many times each id was permanently deleted with a 200 (exactly once is right). */
  readonly purges = new Map<number, number>()
  readonly requests: Array<LoggedRequest> = []
  readonly faults = new FaultQueue()
  readonly requestLimiter: RollingWindow
  readonly purgeLimiter: RollingWindow
  readonly credentials: Credentials
  readonly agents: ReadonlyArray<string>
  readonly latencyMs: number
  /** 429s sent, by bucket. */
  readonly rateLimited = { account: 0, purge: 0 }
  readonly clock: () => number
  baseUrl = "http://127.0.0.1"
  private nextRequest = 0

  constructor(readonly options: SimulatorOptions = {}) {
    this.users = generateUsers({
      users: options.users ?? 2000,
      seed: options.seed ?? 42,
      now: options.now ?? (options.clock ?? Date.now)(),
      ...(options.deletedWithinDays === undefined ? {} : { deletedWithinDays: options.deletedWithinDays }),
      ...(options.softDeletedShare === undefined ? {} : { softDeletedShare: options.softDeletedShare }),
      ...(options.purgedShare === undefined ? {} : { purgedShare: options.purgedShare })
    })
    for (const user of this.users) {
      this.byId.set(user.id, user)
      if (user.status !== "active") this.deleted.push(user.id)
    }
    this.requestLimiter = new RollingWindow(options.requestsPerWindow ?? 700, options.requestWindowMs ?? 60_000)
    this.purgeLimiter = new RollingWindow(options.purgesPerWindow ?? 700, options.purgeWindowMs ?? 600_000)
    this.credentials = options.credentials ?? credentialsFromEnv()
    this.agents = options.agents ?? ["agent@example.com"]
    this.latencyMs = options.latencyMs ?? 0
    this.clock = options.clock ?? Date.now
  }

  /** Empties the request log, the 429 counters, the queued faults and the rate windows; the users stay as they are. */
  reset(): void {
    this.requests.length = 0
    this.rateLimited.account = 0
    this.rateLimited.purge = 0
    this.faults.clear()
    this.requestLimiter.clear()
    this.purgeLimiter.clear()
  }

  /** A fresh request id, as in `X-Zendesk-Request-Id`. */
  requestId(): string {
    this.nextRequest++
    return `${(this.options.seed ?? 42).toString(16).padStart(4, "0")}${this.nextRequest.toString(16).padStart(12, "0")}`
  }

  user(id: number): SimUser | undefined {
    return this.byId.get(id)
  }

  /** Ids of users in a given state, ascending. */
  idsWhere(status: SimUser["status"]): Array<number> {
    return this.users.filter((u) => u.status === status).map((u) => u.id)
  }

  /** The deleted users list (soft-deleted and purged), ascending by id. */
  deletedIds(): ReadonlyArray<number> {
    return this.deleted
  }

  /** Index of the first deleted id greater than `id`. */
  indexAfter(id: number): number {
    return lowerBound(this.deleted, id + 1)
  }

  /** Index of the first deleted id not smaller than `id`. */
  indexOf(id: number): number {
    return lowerBound(this.deleted, id)
  }

  /** Soft-deletes an active user (as `DELETE /api/v2/users/{id}` does). */
  softDelete(id: number, now: number): SimUser | undefined {
    const user = this.byId.get(id)
    if (user === undefined || user.status !== "active") return undefined
    user.status = "soft-deleted"
    user.updated_at = new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z")
    this.deleted.splice(this.indexOf(id), 0, id)
    return user
  }

  /** Permanently deletes a soft-deleted user; counts it for the exactly-once checks. */
  purge(id: number): SimUser | undefined {
    const user = this.byId.get(id)
    if (user === undefined || user.status !== "soft-deleted") return undefined
    const before = { ...user }
    user.status = "purged"
    erasePersonalData(user)
    this.purges.set(id, (this.purges.get(id) ?? 0) + 1)
    return before
  }
}
