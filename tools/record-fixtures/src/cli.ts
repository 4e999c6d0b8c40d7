#!/usr/bin/env node
import { Command, Options } from "@effect/cli"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Console, Effect, Option, Redacted } from "effect"
import * as path from "node:path"
import { writeBadFixtures } from "./bad-fixtures.js"
import { recordAll, recordFromSimulator } from "./fixtures.js"

const baseUrl = Options.text("base-url").pipe(Options.optional, Options.withDescription("A real account (credentials from ZENDESK_*); default: an embedded simulator"))
const out = Options.directory("out").pipe(Options.withDefault("packages/contract-tests/fixtures/recorded"), Options.withDescription("Where the HAR files go"))

/** The Authorization header from the same variables the client reads. */
const authorizationFromEnv = () => {
  const env = process.env
  if (env.ZENDESK_OAUTH_TOKEN) return Redacted.make(`Bearer ${env.ZENDESK_OAUTH_TOKEN}`)
  const secret = env.ZENDESK_API_TOKEN ? `${env.ZENDESK_EMAIL}/token:${env.ZENDESK_API_TOKEN}` : `${env.ZENDESK_EMAIL}:${env.ZENDESK_PASSWORD}`
  if (!env.ZENDESK_EMAIL || (!env.ZENDESK_API_TOKEN && !env.ZENDESK_PASSWORD)) throw new Error("Set ZENDESK_OAUTH_TOKEN, or ZENDESK_EMAIL with ZENDESK_API_TOKEN or ZENDESK_PASSWORD")
  return Redacted.make(`Basic ${Buffer.from(secret).toString("base64")}`)
}

const command = Command.make("deleted-users-record", { baseUrl, out }, ({ baseUrl, out }) =>
  Effect.gen(function* () {
    const files = yield* Effect.promise(async () => {
      if (Option.isNone(baseUrl)) {
        const recorded = await recordFromSimulator(out)
        return [...recorded, ...writeBadFixtures(out, path.join(path.dirname(out), "bad"))]
      }
      const admin = Redacted.value(authorizationFromEnv())
      const page = (await (await fetch(`${baseUrl.value}/api/v2/deleted_users?page%5Bsize%5D=100`, { headers: { authorization: admin } })).json()) as { deleted_users: Array<{ id: number; name: string }> }
      const softDeleted = page.deleted_users.filter((u) => u.name !== "Permanently Deleted User").map((u) => u.id)
      const purged = page.deleted_users.filter((u) => u.name === "Permanently Deleted User").map((u) => u.id)
      // Against a real account only the read-only scenarios run: nothing is deleted, no fault is injected.
      return recordAll({ baseUrl: baseUrl.value, authorization: { admin }, account: { softDeleted, purged, simulator: false } }, out)
    })
    for (const file of files) yield* Console.error(`recorded ${file}`)
  })
).pipe(Command.withDescription("Record HAR fixtures, redacted by allow-list."))

Command.run(command, { name: "deleted-users-record", version: "0.1.0" })(process.argv).pipe(Effect.provide(NodeContext.layer), NodeRuntime.runMain)
