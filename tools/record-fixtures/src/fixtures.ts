import { start } from "@deleted-users/simulator"
import { makeRedactor, recorderMarker, writeFolders, type Har } from "@effect-openapi/contract"
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import { writeBadFixtures } from "./bad-fixtures.js"
import { RecordingError, recordScenario, type RecordTarget } from "./record.js"
import { scenarios, type Account } from "./scenarios.js"

/** The simulated account the committed fixtures are recorded from: small, seeded, at a fixed time. */
export const fixtureAccount = { users: 250, seed: 42, now: Date.parse("2026-01-15T12:00:00Z") } as const

export { recorderMarker }

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

/** Records from an embedded simulator (the default): reproducible, byte for byte (the fakes come from a fixed seed). */
export const recordFromSimulator = async (outDir: string): Promise<Array<string>> => {
  const sim = await start({ ...fixtureAccount, clock: () => fixtureAccount.now })
  try {
    const basic = (user: string) => `Basic ${Buffer.from(`${user}/token:sim-api-token`).toString("base64")}`
    const account: Account = { softDeleted: sim.state.idsWhere("soft-deleted"), purged: sim.state.idsWhere("purged"), simulator: true }
    const target: RecordTarget = {
      baseUrl: sim.url,
      authorization: { admin: basic("admin@example.com"), agent: basic("agent@example.com") },
      account,
      fixedTime: fixtureAccount.now,
      redactor: makeRedactor({ seed: fixtureAccount.seed })
    }
    return await recordAll(target, outDir)
  } finally {
    await sim.close()
  }
}

/**
 * Checks a finished recording: every file a HAR with entries, no first answer a 401 or 403 (a
 * recording made with wrong credentials is all 401s, and is not a recording of the API), and 2xx
 * answers in it.
 */
export const validateRecording = (files: ReadonlyArray<string>): void => {
  if (files.length === 0) throw new RecordingError({ message: "no scenario was recorded; nothing was written" })
  let succeeded = 0
  for (const file of files) {
    const har = JSON.parse(readFileSync(file, "utf8")) as Har
    const first = har.log.entries[0]
    if (first === undefined) throw new RecordingError({ message: `${path.basename(file)} recorded no request; nothing was written` })
    const status = first.response.status
    if (status === 401 || status === 403) {
      throw new RecordingError({ message: `the account answered ${status} to ${first.request.method} ${new URL(first.request.url).pathname}: check ZENDESK_EMAIL with ZENDESK_API_TOKEN (an admin's), or ZENDESK_OAUTH_TOKEN; nothing was written` })
    }
    if (har.log.entries.some((e) => e.response.status >= 200 && e.response.status <= 299)) succeeded++
  }
  if (succeeded === 0) throw new RecordingError({ message: "no request of the recording answered 2xx; nothing was written" })
}

/** Where a recording goes: the recorded fixtures, the known-bad ones derived from them (simulator only), and whether to replace folders the recorder did not make. */
export interface Destination {
  readonly recorded: string
  readonly bad?: string
  readonly force?: boolean
}

/**
 * Records into a temporary folder beside the destination, checks the recording, and only then
 * moves it into place (replacing what was there): a failed or invalid recording writes nothing.
 * A folder the recorder did not make is replaced only with `force` (`writeFolders` of the contract tools).
 */
export const recordFixtures = async (record: (dir: string) => Promise<ReadonlyArray<string>>, destination: Destination): Promise<Array<string>> => {
  const targets = [destination.recorded, ...(destination.bad === undefined ? [] : [destination.bad])]
  return writeFolders(targets, destination.force === true, async ([recordedDir, badDir]) => {
    const recorded = await record(recordedDir!)
    validateRecording(recorded)
    return [...recorded, ...(badDir === undefined ? [] : writeBadFixtures(recordedDir!, badDir))]
  })
}
