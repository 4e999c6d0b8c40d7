import { start } from "@deleted-users/simulator"
import { mkdirSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import { recordScenario, type RecordTarget } from "./record.js"
import { scenarios, type Account } from "./scenarios.js"

/** The simulated account the committed fixtures are recorded from: small, seeded, at a fixed time. */
export const fixtureAccount = { users: 250, seed: 42, now: Date.parse("2026-01-15T12:00:00Z") } as const

/** Records every scenario that the target can serve into `outDir`, one HAR file each; returns the files. */
export const recordAll = async (target: RecordTarget, outDir: string): Promise<Array<string>> => {
  mkdirSync(outDir, { recursive: true })
  const files: Array<string> = []
  for (const scenario of scenarios) {
    if (scenario.needsSimulator && !target.account.simulator) continue
    const har = await recordScenario(scenario, target)
    const file = path.join(outDir, `${scenario.name}.har`)
    writeFileSync(file, `${JSON.stringify(har, null, 2)}\n`)
    files.push(file)
  }
  return files
}

/** Records from an embedded simulator (the default): reproducible, byte for byte. */
export const recordFromSimulator = async (outDir: string): Promise<Array<string>> => {
  const sim = await start({ ...fixtureAccount, clock: () => fixtureAccount.now })
  try {
    const basic = (user: string) => `Basic ${Buffer.from(`${user}/token:sim-api-token`).toString("base64")}`
    const account: Account = { softDeleted: sim.state.idsWhere("soft-deleted"), purged: sim.state.idsWhere("purged"), simulator: true }
    return await recordAll({ baseUrl: sim.url, authorization: { admin: basic("admin@example.com"), agent: basic("agent@example.com") }, account, fixedTime: fixtureAccount.now }, outDir)
  } finally {
    await sim.close()
  }
}
