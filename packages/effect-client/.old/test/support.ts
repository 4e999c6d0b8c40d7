import { start, type RunningSimulator, type SimulatorOptions } from "@deleted-users/simulator"
import { Effect, Layer } from "effect"
import { FetchHttpClient } from "effect/http"
import { mkdtempSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll } from "vitest"
import { Auth, DeletedUsers, ZendeskConfig, type DeletedUsersOptions } from "../src/index.js"

// The default rate-limit store keeps its files in $DELETED_USERS_STATE_DIR: a folder of this test file's own,
// so that tests never share budgets with each other or with the user's runs.
process.env.DELETED_USERS_STATE_DIR = mkdtempSync(path.join(os.tmpdir(), "budget-state-"))

/** The simulator's default credentials (see the README). */
export const adminAuth = Auth.apiToken("admin@example.com", "sim-api-token")

/** Starts one simulator for the file on 127.0.0.1, and stops it after. */
export const useSimulator = (options: SimulatorOptions = {}) => {
  const holder: { sim: RunningSimulator } = {} as never
  beforeAll(async () => {
    holder.sim = await start({ users: 400, seed: 7, requestsPerWindow: 100_000, ...options })
  })
  afterAll(async () => {
    await holder.sim.close()
  })
  return holder
}

/** `DeletedUsers` against a base URL, over real `fetch`. */
export const clientLayer = (url: string, options: DeletedUsersOptions = {}, auth = adminAuth) =>
  DeletedUsers.layerWith(options).pipe(Layer.provide(ZendeskConfig.layer({ baseUrl: url }, auth)), Layer.provide(FetchHttpClient.layer))

/** Waits in real time (not the TestClock) until a condition holds; fails after `ms`. */
export const waitUntil = (condition: () => boolean, ms = 5_000) =>
  Effect.promise(async () => {
    const deadline = Date.now() + ms
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  })

/** Sleeps in real time (the TestClock does not move it): lets real I/O happen between virtual steps. */
export const realSleep = (ms: number) => Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, ms)))
