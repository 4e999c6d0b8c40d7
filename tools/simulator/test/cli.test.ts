import { spawn } from "node:child_process"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { admin } from "./support.js"

const bin = fileURLToPath(new URL("../dist/cli.js", import.meta.url))

describe("npx deleted-users-simulator", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("prints its base URL first, serves, and stops cleanly on %s", async (signal) => {
    const proc = spawn(process.execPath, [bin, "--port", "0", "--users", "200", "--seed", "42"], { stdio: ["ignore", "pipe", "pipe"] })
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: proc.stdout }).once("line", resolve)
      proc.once("exit", (code) => reject(new Error(`exited ${code}`)))
    })
    expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const res = await fetch(`${first}/api/v2/deleted_users/count`, { headers: { authorization: admin } })
    expect(res.status).toBe(200)
    expect((await res.json()).count.value).toBeGreaterThan(0)
    const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)))
    proc.kill(signal)
    const code = await exited
    expect(code === 0 || code === 130 || code === 143 || code === null).toBe(true)
    // Nothing listens any more: no orphan process.
    await expect(fetch(`${first}/api/v2/deleted_users/count`)).rejects.toThrow()
  })
})
