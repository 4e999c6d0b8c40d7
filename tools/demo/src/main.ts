/**
 * `npm start`: starts the simulator with a seeded account, runs a compliance purge through the
 * built `deleted-users` binary (count, select users soft-deleted over 30 days ago, purge with
 * progress, summary), then stops the simulator. The purge window is scaled to seconds so the demo is
 * quick and still runs into the rate limiter.
 */
import { defaultCredentials, start } from "@deleted-users/simulator"
import { spawn } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { createRequire } from "node:module"
import * as os from "node:os"
import * as path from "node:path"

const purgesPerWindow = 150
const purgeWindowSeconds = 4
const bin = path.join(path.dirname(createRequire(import.meta.url).resolve("@deleted-users/cli/package.json")), "bin/deleted-users.cjs")

const run = (args: Array<string>, env: NodeJS.ProcessEnv) =>
  new Promise<number>((resolve) => {
    console.error(`\n$ deleted-users ${args.join(" ")}`)
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: "inherit" })
    child.on("exit", (code) => resolve(code ?? 1))
  })

const sim = await start({ users: 2000, seed: 42, purgesPerWindow, purgeWindowMs: purgeWindowSeconds * 1000 })
let code = 0
try {
  console.error(`simulator on ${sim.url}: 2000 users, ${purgesPerWindow} permanent deletions per ${purgeWindowSeconds} s`)
  const work = mkdtempSync(path.join(os.tmpdir(), "deleted-users-demo-"))
  // The same variables the client and the simulator read; the defaults are the simulator's.
  const env = {
    ...process.env,
    ZENDESK_BASE_URL: sim.url,
    ZENDESK_EMAIL: process.env.ZENDESK_EMAIL || defaultCredentials.email,
    ZENDESK_API_TOKEN: process.env.ZENDESK_API_TOKEN || defaultCredentials.apiToken
  }
  code = await run(["count"], env)
  if (code === 0) {
    code = await run(
      ["purge", "--older-than", "30d", "--yes", "--budget", `${purgesPerWindow}/${purgeWindowSeconds}s`, "--checkpoint", path.join(work, "purge.checkpoint"), "--audit-log", path.join(work, "audit.ndjson")],
      env
    )
    console.error(`\naudit log: ${path.join(work, "audit.ndjson")}`)
    console.error(`simulator saw ${sim.state.purges.size} permanent deletions, ${sim.state.rateLimited.purge} purge 429s`)
  }
} finally {
  await sim.close()
}
process.exit(code)
