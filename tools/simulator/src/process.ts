/** The simulator as a process of its own, for tests that kill or load it from outside. */
import { adminClient, type AdminClient } from "./admin-client.js"
import { spawn, type ChildProcess } from "node:child_process"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"

// The built command, from src/ (tests) or dist/ alike.
const simulatorBin = fileURLToPath(new URL("../dist/cli.js", import.meta.url))

/** A simulator in a process of its own (the built CLI), driven through its admin API. */
export interface SimulatorProcess {
  readonly url: string
  readonly admin: AdminClient
  readonly stop: () => Promise<void>
}

/** Starts `deleted-users-simulator` with these flags on a free port of 127.0.0.1. */
export const startSimulatorProcess = (flags: ReadonlyArray<string>): Promise<SimulatorProcess> =>
  new Promise((resolve, reject) => {
    const proc: ChildProcess = spawn(process.execPath, [simulatorBin, "--port", "0", ...flags], { stdio: ["ignore", "pipe", "inherit"] })
    proc.once("exit", (code) => reject(new Error(`the simulator exited with ${code}`)))
    createInterface({ input: proc.stdout! }).once("line", (url) =>
      resolve({
        url,
        admin: adminClient(url),
        stop: () =>
          new Promise<void>((done) => {
            proc.removeAllListeners("exit")
            proc.once("exit", () => done())
            proc.kill("SIGTERM")
          })
      })
    )
  })
