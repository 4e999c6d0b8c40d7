// Cold start of the command line: `deleted-users count` (the published bundle, and the unbundled
// dist for comparison) beside `node -e ''` and curl, against one loopback simulator, interleaved;
// medians of wall time and peak RSS (GNU time's %M), reported as ratios to `node -e ''`.
import { execFileSync, spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { spawnSimulator } from "./simulator-process.mjs"
import { median } from "./stats.mjs"

const root = fileURLToPath(new URL("..", import.meta.url))
const gnuTime = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined
const has = (command) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0

/** Runs a command once; wall ms, and peak RSS in MiB when GNU time is there. */
const measure = (argv, env) => {
  const t0 = performance.now()
  const result = gnuTime === undefined
    ? spawnSync(argv[0], argv.slice(1), { env, encoding: "utf8" })
    : spawnSync(gnuTime, ["-f", "%M", ...argv], { env, encoding: "utf8" })
  const ms = performance.now() - t0
  if (result.status !== 0) throw new Error(`${argv.join(" ")} exited ${result.status}: ${result.stderr}`)
  const kb = gnuTime === undefined ? undefined : Number(result.stderr.trim().split("\n").at(-1))
  return { ms, rssMiB: kb === undefined ? undefined : kb / 1024 }
}

export const coldStart = async ({ runs = 10 } = {}) => {
  const sim = await spawnSimulator(["--users", "200", "--seed", "1", "--requests-per-window", "100000000"])
  const env = { ...process.env, ZENDESK_BASE_URL: sim.url, ZENDESK_EMAIL: "admin@example.com", ZENDESK_API_TOKEN: "sim-api-token", DELETED_USERS_STATE_DIR: execFileSync("mktemp", ["-d"], { encoding: "utf8" }).trim() }
  const auth = `admin@example.com/token:sim-api-token`
  const commands = {
    "node -e ''": [process.execPath, "-e", ""],
    ...(has("curl") ? { curl: ["curl", "-s", "-o", "/dev/null", "-u", auth, `${sim.url}/api/v2/deleted_users/count`] } : {}),
    // Run as an executable, as npx runs it: the heap flags of the bin's first line apply.
    "deleted-users count (bundle)": [`${root}packages/cli/bin/deleted-users.cjs`, "count"],
    "deleted-users count (unbundled dist)": [process.execPath, `${root}packages/cli/dist/bin.js`, "count"]
  }
  const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]))
  try {
    for (const argv of Object.values(commands)) measure(argv, env) // warm the file cache
    for (let i = 0; i < runs; i++) for (const [name, argv] of Object.entries(commands)) samples[name].push(measure(argv, env))
  } finally {
    await sim.close()
  }
  const result = Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, {
    ms: median(xs.map((x) => x.ms)),
    rssMiB: xs[0].rssMiB === undefined ? undefined : median(xs.map((x) => x.rssMiB))
  }]))
  const base = result["node -e ''"]
  const bundle = result["deleted-users count (bundle)"]
  return { runs, result, bundleToNode: bundle.ms / base.ms, rssToNode: bundle.rssMiB === undefined ? undefined : bundle.rssMiB / base.rssMiB }
}
