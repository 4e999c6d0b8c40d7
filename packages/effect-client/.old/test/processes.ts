// Helpers for tests that run real processes: a redis-server of the test's own, and purges in child processes.
import { spawn, type ChildProcess } from "node:child_process"
import { createServer } from "node:net"
import { fileURLToPath } from "node:url"

/** A free TCP port of 127.0.0.1. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))))
    })
  })

/** A redis-server started for a test: its URL, and how to stop it (always call it; it waits for the exit). */
export interface RedisServer {
  readonly url: string
  readonly pid: number
  readonly stop: () => Promise<void>
}

const running = new Set<ChildProcess>()
// A safety net: a test process that ends for any reason leaves no redis-server behind.
process.once("exit", () => {
  for (const proc of running) proc.kill("SIGKILL")
})

/** Starts `redis-server` on a free port of 127.0.0.1, no persistence; resolves once it accepts connections (or fails within 10 s). */
export const startRedis = async (): Promise<RedisServer> => {
  const port = await freePort()
  const proc = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] })
  running.add(proc)
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()))
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM")
    const timer = setTimeout(() => proc.kill("SIGKILL"), 5_000)
    await exited
    clearTimeout(timer)
    running.delete(proc)
  }
  try {
    await new Promise<void>((resolve, reject) => {
      let out = ""
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000)
      proc.stdout!.on("data", (d) => {
        out += d
        if (out.includes("Ready to accept connections")) {
          clearTimeout(timer)
          resolve()
        }
      })
      proc.once("exit", (code) => {
        clearTimeout(timer)
        reject(new Error(`redis-server exited with ${code}: ${out}`))
      })
    })
  } catch (e) {
    await stop()
    throw e
  }
  return { url: `redis://127.0.0.1:${port}`, pid: proc.pid!, stop }
}

/** What a child process ended with. */
export interface ChildResult {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** Options of `runFixture`. */
export interface FixtureOptions {
  readonly nodeFlags?: ReadonlyArray<string>
  readonly env?: Record<string, string>
  readonly timeoutMs?: number
}

/**
 * Runs a fixture of `test/fixtures` in a child Node process (it loads the built dist), with Node flags;
 * killed after `timeoutMs`. The tree is shared with builds that remove and write `dist/` folders: a child
 * that could not load a module (it sent nothing) is run again once the build is done (for up to a minute).
 */
export const runFixture = async (fixture: string, args: ReadonlyArray<string>, options: FixtureOptions = {}): Promise<ChildResult> => {
  for (let attempt = 0; ; attempt++) {
    const result = await runFixtureOnce(fixture, args, options)
    if (result.code === 0 || !result.stderr.includes("ERR_MODULE_NOT_FOUND") || attempt >= 30) return result
    await new Promise((resolve) => setTimeout(resolve, 2_000))
  }
}

const runFixtureOnce = (fixture: string, args: ReadonlyArray<string>, options: FixtureOptions) =>
  new Promise<ChildResult>((resolve) => {
    const file = fileURLToPath(new URL(`./fixtures/${fixture}`, import.meta.url))
    const proc = spawn(process.execPath, [...(options.nodeFlags ?? []), file, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...options.env } })
    let stdout = ""
    let stderr = ""
    proc.stdout.on("data", (d) => (stdout += d))
    proc.stderr.on("data", (d) => (stderr += d))
    const timer = setTimeout(() => proc.kill("SIGKILL"), options.timeoutMs ?? 120_000)
    proc.on("exit", (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
  })

/** The most events of `times` (epoch ms) in any rolling window of `windowMs`, (t − window, t]. */
export const maxInRollingWindow = (times: ReadonlyArray<number>, windowMs: number): number => {
  const sorted = [...times].sort((a, b) => a - b)
  let most = 0
  let first = 0
  for (let i = 0; i < sorted.length; i++) {
    while (sorted[first]! <= sorted[i]! - windowMs) first++
    most = Math.max(most, i - first + 1)
  }
  return most
}
