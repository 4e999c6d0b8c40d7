// Starts the simulator CLI in a child process; resolves with its URL, some soft-deleted ids, and close().
import { spawn } from "node:child_process"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"

const bin = fileURLToPath(new URL("../tools/simulator/dist/cli.js", import.meta.url))
const authorization = `Basic ${Buffer.from("admin@example.com/token:sim-api-token").toString("base64")}`

export const spawnSimulator = async (args) => {
  const child = spawn(process.execPath, [bin, "--port", "0", ...args], { stdio: ["ignore", "pipe", "inherit"] })
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve)
    child.once("exit", (code) => reject(new Error(`simulator exited ${code}`)))
  })
  const page = await (await fetch(`${url}/api/v2/deleted_users?page%5Bsize%5D=100`, { headers: { authorization } })).json()
  const softDeleted = page.deleted_users.filter((u) => u.name !== "Permanently Deleted User").map((u) => u.id)
  return { url, softDeleted, close: () => new Promise((resolve) => { child.once("exit", resolve); child.kill("SIGTERM") }) }
}
