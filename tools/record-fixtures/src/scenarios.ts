/** One request of a scenario. `fault` is sent to the simulator only (as `x-simulator-fault`), never recorded. */
export interface Step {
  readonly method: "GET" | "DELETE"
  readonly path: string
  readonly auth?: "admin" | "agent" | "wrong"
  readonly fault?: string
}

/** What a scenario may ask of the account it runs against. */
export interface Account {
  readonly softDeleted: ReadonlyArray<number>
  readonly purged: ReadonlyArray<number>
  /** The simulator takes faults and an agent; a real account does not. */
  readonly simulator: boolean
}

/** A scenario: one HAR file. Steps may depend on earlier answers (cursor paging). */
export interface Scenario {
  readonly name: string
  readonly description: string
  readonly needsSimulator: boolean
  readonly steps: (account: Account, previous: ReadonlyArray<{ readonly status: number; readonly body: unknown }>) => Step | undefined
}

const list = "/api/v2/deleted_users"
const seq = (steps: (account: Account) => ReadonlyArray<Step>) => (account: Account, previous: ReadonlyArray<unknown>) => steps(account)[previous.length]

/** The recorded scenarios: every operation and every documented status. */
export const scenarios: ReadonlyArray<Scenario> = [
  {
    name: "list-cursor",
    description: "Cursor pagination to the end: the last page still carries links.next; then a page past the end.",
    needsSimulator: false,
    steps: (_account, previous) => {
      if (previous.length === 0) return { method: "GET", path: `${list}?page%5Bsize%5D=100` }
      const last = previous[previous.length - 1]!.body as { meta?: { has_more: boolean; after_cursor: string | null } }
      if (previous.length > 200 || last.meta?.after_cursor == null) return undefined
      // After the last page (has_more false) one more request shows the empty page past the end,
      // whose null cursor ends the scenario.
      return { method: "GET", path: `${list}?page%5Bsize%5D=100&page%5Bafter%5D=${encodeURIComponent(last.meta.after_cursor)}` }
    }
  },
  {
    name: "list-offset",
    description: "Offset pagination, and the 400 InvalidPaginationDepth past 10,000 records.",
    needsSimulator: false,
    steps: seq(() => [
      { method: "GET", path: `${list}?page=1&per_page=100` },
      { method: "GET", path: `${list}?page=2&per_page=100` },
      { method: "GET", path: `${list}?page=101&per_page=100` }
    ])
  },
  {
    name: "list-errors",
    description: "A bad cursor (400 InvalidPaginationParameter), and the errors every operation may meet.",
    needsSimulator: true,
    steps: seq(() => [
      { method: "GET", path: `${list}?page%5Bsize%5D=10&page%5Bafter%5D=bm90LWEtY3Vyc29y` },
      { method: "GET", path: `${list}?page%5Bsize%5D=10`, fault: "status=400" },
      { method: "GET", path: `${list}?page%5Bsize%5D=10`, auth: "wrong" },
      { method: "GET", path: `${list}?page%5Bsize%5D=10`, fault: "status=403" },
      { method: "GET", path: `${list}?page%5Bsize%5D=10`, fault: "status=404" },
      { method: "GET", path: `${list}?page%5Bsize%5D=10`, fault: "status=429;retry-after=12" },
      { method: "GET", path: `${list}?page%5Bsize%5D=10`, fault: "status=500" },
      { method: "GET", path: `${list}?page%5Bsize%5D=10`, fault: "status=503;retry-after=3" },
      { method: "GET", path: `${list}?page%5Bsize%5D=10`, fault: "status=503" }
    ])
  },
  {
    name: "show",
    description: "A soft-deleted user, a permanently deleted one (404), and the errors.",
    needsSimulator: false,
    steps: seq((a) => [
      { method: "GET", path: `${list}/${a.softDeleted[0]}` },
      { method: "GET", path: `${list}/${a.purged[0]}` },
      ...(a.simulator
        ? ([
            { method: "GET", path: `${list}/${a.softDeleted[0]}`, fault: "status=400" },
            { method: "GET", path: `${list}/${a.softDeleted[0]}`, auth: "wrong" },
            { method: "GET", path: `${list}/${a.softDeleted[0]}`, fault: "status=403" },
            { method: "GET", path: `${list}/${a.softDeleted[0]}`, fault: "status=429;retry-after=1" },
            { method: "GET", path: `${list}/${a.softDeleted[0]}`, fault: "status=500" },
            { method: "GET", path: `${list}/${a.softDeleted[0]}`, fault: "status=503;retry-after=2" }
          ] as const)
        : [])
    ])
  },
  {
    name: "count",
    description: "The approximate count, and the errors.",
    needsSimulator: false,
    steps: seq((a) => [
      { method: "GET", path: `${list}/count` },
      ...(a.simulator
        ? ([
            { method: "GET", path: `${list}/count`, auth: "wrong" },
            { method: "GET", path: `${list}/count`, fault: "status=403" },
            { method: "GET", path: `${list}/count`, fault: "status=404" },
            { method: "GET", path: `${list}/count`, fault: "status=429;retry-after=30" },
            { method: "GET", path: `${list}/count`, fault: "status=500" },
            { method: "GET", path: `${list}/count`, fault: "status=503" }
          ] as const)
        : [])
    ])
  },
  {
    name: "permanently-delete",
    description: "A purge (200 with the user, not 204), the same purge again (404), and every refusal.",
    needsSimulator: true,
    steps: seq((a) => [
      { method: "DELETE", path: `${list}/${a.softDeleted[1]}` },
      { method: "DELETE", path: `${list}/${a.softDeleted[1]}` },
      { method: "DELETE", path: `${list}/${a.softDeleted[2]}`, auth: "agent" },
      { method: "DELETE", path: `${list}/${a.softDeleted[2]}`, auth: "wrong" },
      { method: "DELETE", path: `${list}/${a.softDeleted[2]}`, fault: "status=400" },
      { method: "DELETE", path: `${list}/${a.softDeleted[2]}`, fault: "status=409" },
      { method: "DELETE", path: `${list}/${a.softDeleted[2]}`, fault: "status=422" },
      { method: "DELETE", path: `${list}/${a.softDeleted[2]}`, fault: "status=429;retry-after=93" },
      { method: "DELETE", path: `${list}/${a.softDeleted[2]}`, fault: "status=500" },
      { method: "DELETE", path: `${list}/${a.softDeleted[2]}`, fault: "status=503;retry-after=5" },
      { method: "DELETE", path: `${list}/${a.softDeleted[2]}` }
    ])
  }
]
