// Runs the `deleted-users` bin as an executable, as npx runs it (its first line's heap flags apply),
// for the benchmarks: lines of output counted, not kept; peak RSS from GNU time when installed.
import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"

const bin = fileURLToPath(new URL("../packages/cli/bin/deleted-users.cjs", import.meta.url))
const gnuTime = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined

/**
 * Runs the bin with args; stdout is counted, not kept. With `seconds`, SIGINT goes to its process
 * group then (GNU time ignores it; the command handles it). Peak RSS from GNU time.
 */
export const runBin = (args, env, seconds) =>
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

