// The heap flags of the `deleted-users` bin (old space 128 MB) on a 1,000,000-user simulated account:
// every command runs through the bin as an executable, as npx runs it, so its first line's flags
// apply, and none may run out of memory (V8 aborts: exit 134 or SIGABRT). The listings run to the end.
// A purge deletes about 100 users a second on loopback (each outcome's audit line and checkpoint are
// synced), so the purges run for a fixed time after selecting every soft-deleted user (the ids are
// held: 8 bytes each), are interrupted with SIGINT, and the real one is resumed from its checkpoint.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { runBin } from "./bin-run.mjs"
import { spawnSimulator } from "./simulator-process.mjs"

export const heapCap = async ({ users = 1_000_000, purgeSeconds = 150, resumeSeconds = 100, dryRunSeconds = 100 } = {}) => {
  const sim = await spawnSimulator(["--users", String(users), "--seed", "11", "--requests-per-window", "1000000000", "--purges-per-window", "1000000000"])
  const state = mkdtempSync(join(tmpdir(), "bench-heap-cap-"))
  const env = { ...process.env, ZENDESK_BASE_URL: sim.url, ZENDESK_EMAIL: "admin@example.com", ZENDESK_API_TOKEN: "sim-api-token", DELETED_USERS_STATE_DIR: state }
  const common = ["--rate-limit", "100000000/1m", "--quiet"]
  const purge = ["purge", "--older-than", "0d", "--yes", "--concurrency", "16", "--budget", "100000000/1m", "--checkpoint", join(state, "checkpoint"), "--audit-log", join(state, "audit.ndjson")]
  const runs = {}
  try {
    runs.count = await runBin([...common, "count"], env)
    for (const format of ["ndjson", "json", "table"]) runs[`list --format ${format}`] = await runBin([...common, "list", "--format", format], env)
    runs["purge --dry-run (interrupted)"] = await runBin([...common, ...purge.filter((a, i) => i < 4), "--dry-run"], env, dryRunSeconds)
    runs["purge (interrupted)"] = await runBin([...common, ...purge], env, purgeSeconds)
    runs["purge, resumed (interrupted)"] = await runBin([...common, ...purge], env, resumeSeconds)
    const audit = join(state, "audit.ndjson")
    const purged = (existsSync(audit) ? readFileSync(audit, "utf8") : "").split("\n").filter((l) => l.includes('"Purged"')).map((l) => JSON.parse(l).id)
    const outOfMemory = Object.entries(runs).filter(([, r]) => r.code === 134 || r.signal === "SIGABRT" || /heap out of memory/i.test(r.stderr)).map(([k]) => k)
    const maxRssMb = Math.max(...Object.values(runs).map((r) => r.maxRssMb ?? 0))
    return { users, runs, purged: purged.length, purgedTwice: purged.length - new Set(purged).size, outOfMemory, maxRssMb }
  } finally {
    await sim.close()
    rmSync(state, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await heapCap()
  for (const [k, v] of Object.entries(r.runs)) console.log(k.padEnd(32), `exit ${v.code ?? v.signal}`, `${v.lines} lines`, `${v.seconds.toFixed(1)} s`, `peak RSS ${v.maxRssMb?.toFixed(1)} MB`)
  console.log({ purged: r.purged, purgedTwice: r.purgedTwice, outOfMemory: r.outOfMemory, maxRssMb: r.maxRssMb })
}
