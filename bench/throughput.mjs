// Simulator throughput: wrk (a second process, Debian's package) against the simulator CLI on loopback.
import { execFileSync } from "node:child_process"
import { spawnSimulator } from "./simulator-process.mjs"

const hasWrk = () => {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" })
    return true
  } catch (e) {
    return e.status === 1 // wrk --version exits 1 after printing its version
  }
}

/** Requests per second for a small response (count) and a 100-user page; undefined without wrk. */
export const throughput = async ({ seconds = 8, connections = 32 } = {}) => {
  if (!hasWrk()) return undefined
  const sim = await spawnSimulator(["--users", "2000", "--seed", "42", "--requests-per-window", "100000000"])
  const auth = `Authorization: Basic ${Buffer.from("admin@example.com/token:sim-api-token").toString("base64")}`
  const rate = (path) => {
    const out = execFileSync("wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, "-H", auth, `${sim.url}${path}`], { encoding: "utf8" })
    if (/Non-2xx/.test(out)) throw new Error(`non-2xx answers under load:\n${out}`)
    return Number(/Requests\/sec:\s+([\d.]+)/.exec(out)[1])
  }
  try {
    rate("/api/v2/deleted_users/count") // warm-up: the JIT, and the first connections
    return { count: rate("/api/v2/deleted_users/count"), page: rate("/api/v2/deleted_users?page%5Bsize%5D=100"), connections, seconds }
  } finally {
    await sim.close()
  }
}
