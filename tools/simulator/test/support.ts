import { start, type RunningSimulator, type SimulatorOptions } from "@deleted-users/simulator"
import { afterAll, beforeAll } from "vitest"

/** Basic auth header values for the simulator's default credentials. */
export const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString("base64")}`
export const admin = basic("admin@example.com/token", "sim-api-token")

/** Starts one simulator for the file, and stops it after. */
export const useSimulator = (options: SimulatorOptions = {}) => {
  const holder = {} as { sim: RunningSimulator }
  beforeAll(async () => {
    holder.sim = await start({ users: 400, seed: 42, requestsPerWindow: 1_000_000, ...options })
  })
  afterAll(() => holder.sim.close())
  return holder
}

/** A request to the simulator; returns status, headers and the raw body. */
export const call = async (base: string, path: string, init: { method?: string; auth?: string | null; headers?: Record<string, string> } = {}) => {
  const headers: Record<string, string> = { ...init.headers }
  if (init.auth !== null) headers.authorization = init.auth ?? admin
  const response = await fetch(base + path, { method: init.method ?? "GET", headers })
  const text = await response.text()
  return { status: response.status, headers: Object.fromEntries(response.headers), text, json: () => JSON.parse(text) as any }
}
