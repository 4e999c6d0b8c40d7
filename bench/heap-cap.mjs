// The heap flags of the `deleted-users` bin (old space 128 MB) on a 1,000,000-user simulated account:
// every command runs through the bin as an executable, as npx runs it, so its first line's flags
// apply, and none may run out of memory (V8 aborts: exit 134 or SIGABRT). The listings run to the end.
// A purge deletes about 100 users a second on loopback (each outcome's audit line and checkpoint are
// synced), so the purges run for a fixed time after selecting every soft-deleted user (the ids are
// held: 8 bytes each), are interrupted with SIGINT, and the real one is resumed from its checkpoint.
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { spawnSimulator } from "./simulator-process.mjs"

const bin = fileURLToPath(new URL("../packages/cli/bin/deleted-users.cjs", import.meta.url))
const gnuTime = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined

/**
 * Runs the bin with args; stdout is counted, not kept. With `seconds`, SIGINT goes to its process
 * group then (GNU time ignores it; the command handles it). Peak RSS from GNU time.
 */
const runBin = (args, env, seconds) =>
  new Promise((resolve) => {
    const argv = gnuTime === undefined ? [bin, ...args] : [gnuTime, "-f", "%M", bin, ...args]
    const t0 = performance.now()
    const child = spawn(argv[0], argv.slice(1), { env, stdio: ["ignore", "pipe", "pipe"], detached: true })
    let lines = 0
    let stderr = ""
    child.stdout.on("data", (chunk) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++
    })
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)))
    const timer = seconds === undefined ? undefined : setTimeout(() => process.kill(-child.pid, "SIGINT"), seconds * 1000)
    child.on("close", (code, signal) => {
      clearTimeout(timer)
      const last = stderr.trim().split("\n").at(-1)
      const rss = gnuTime === undefined ? undefined : Number(last) / 1024
      resolve({ code, signal, lines, seconds: (performance.now() - t0) / 1000, maxRssMb: Number.isFinite(rss) ? rss : undefined, stderr })
    })
  })

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
