#!/usr/bin/env node
import * as Redacted from "effect/Redacted"
import * as path from "node:path"
import { parseArgs } from "node:util"
import { recordAll, recordFixtures, recordFromSimulator } from "./fixtures.js"
import { RecordingError } from "./record.js"
import { makeRedactor } from "@effect-openapi/contract"

const usage = "usage: deleted-users-record [--out DIR] [--base-url URL] [--force]"

/** The Authorization header from the same variables the client reads. */
const authorizationFromEnv = (): Redacted.Redacted<string> => {
  const env = process.env
  if (env.ZENDESK_OAUTH_TOKEN) return Redacted.make(`Bearer ${env.ZENDESK_OAUTH_TOKEN}`)
  if (!env.ZENDESK_EMAIL || (!env.ZENDESK_API_TOKEN && !env.ZENDESK_PASSWORD)) {
    throw new RecordingError({ message: "no credentials: set ZENDESK_OAUTH_TOKEN, or ZENDESK_EMAIL with ZENDESK_API_TOKEN or ZENDESK_PASSWORD; nothing was written" })
  }
  const secret = env.ZENDESK_API_TOKEN ? `${env.ZENDESK_EMAIL}/token:${env.ZENDESK_API_TOKEN}` : `${env.ZENDESK_EMAIL}:${env.ZENDESK_PASSWORD}`
  return Redacted.make(`Basic ${Buffer.from(secret).toString("base64")}`)
}

/** Records a real account: only the read-only scenarios run, nothing is deleted, no fault is injected. */
const recordAccount = (baseUrl: string, admin: Redacted.Redacted<string>) => async (dir: string) => {
  const origin = new URL(baseUrl).origin
  const response = await fetch(`${baseUrl}/api/v2/deleted_users?page%5Bsize%5D=100`, { headers: { authorization: Redacted.value(admin) } }).catch((e: unknown) => {
    throw new RecordingError({ message: `cannot reach ${origin} (${(e as { cause?: { code?: string; message?: string } }).cause?.code ?? (e as { cause?: { message?: string } }).cause?.message ?? String(e)}): check --base-url and the network; nothing was written` })
  })
  if (response.status === 401 || response.status === 403) {
    throw new RecordingError({ message: `${origin} answered ${response.status}: check ZENDESK_EMAIL with ZENDESK_API_TOKEN (an admin's), or ZENDESK_OAUTH_TOKEN; nothing was written` })
  }
  if (!response.ok) throw new RecordingError({ message: `${origin} answered ${response.status} to the first listing; nothing was written` })
  const page = (await response.json()) as { deleted_users: Array<{ id: number; name: string }> }
  const softDeleted = page.deleted_users.filter((u) => u.name !== "Permanently Deleted User").map((u) => u.id)
  const purged = page.deleted_users.filter((u) => u.name === "Permanently Deleted User").map((u) => u.id)
  // The fakes of a real account come from random bytes that are never stored.
  return recordAll({ baseUrl, authorization: { admin: Redacted.value(admin) }, account: { softDeleted, purged, simulator: false }, redactor: makeRedactor("random") }, dir)
}

const main = async (): Promise<number> => {
  let values: { out?: string; "base-url"?: string; force?: boolean }
  try {
    values = parseArgs({ options: { out: { type: "string" }, "base-url": { type: "string" }, force: { type: "boolean" } }, strict: true, allowPositionals: false }).values
  } catch (e) {
    process.stderr.write(`deleted-users-record: ${e instanceof Error ? e.message : String(e)}; ${usage}\n`)
    return 2
  }
  const out = values.out ?? "packages/contract-tests/fixtures/recorded"
  const baseUrl = values["base-url"]
  try {
    const files = baseUrl === undefined
      ? await recordFixtures(recordFromSimulator, { recorded: out, bad: path.join(path.dirname(out), "bad"), force: values.force === true })
      : await recordFixtures(recordAccount(baseUrl.replace(/\/+$/, ""), authorizationFromEnv()), { recorded: out, force: values.force === true })
    for (const file of files) process.stderr.write(`recorded ${file}\n`)
    return 0
  } catch (e) {
    const message = e instanceof RecordingError ? e.message : `unexpected error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} (a bug: please report this line); nothing was written`
    process.stderr.write(`deleted-users-record: ${message.replace(/\s*\n\s*/g, " ")}\n`)
    return e instanceof RecordingError && /--force|no credentials/.test(message) ? 2 : 1
  }
}

main().then((code) => process.exit(code))
