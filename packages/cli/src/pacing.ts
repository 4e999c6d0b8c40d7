import { FetchHttpClient, HttpClient } from "@effect/platform"
import { StampFile, withSharedSlot } from "@deleted-users/effect-client"
import { Duration, Effect, Layer } from "effect"
import { createHash } from "node:crypto"
import { mkdirSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

/**
 * Where the `requests` (or `purges`) sent to an account in the last window are kept, shared by every
 * run of this user: `$DELETED_USERS_STATE_DIR` (default `~/.cache/deleted-users`), one file per
 * account. Undefined when no such folder can be made (then each run paces itself alone).
 */
export const stateFileFor = (baseUrl: string, kind: "requests" | "purges"): string | undefined => {
  const dir = process.env.DELETED_USERS_STATE_DIR ?? path.join(os.homedir(), ".cache", "deleted-users")
  try {
    mkdirSync(dir, { recursive: true })
  } catch {
    return undefined
  }
  return path.join(dir, `${kind}-${createHash("sha256").update(new URL(baseUrl).origin).digest("hex").slice(0, 16)}`)
}

/**
 * `fetch`, paced: each request (and each retry) first takes a slot of the account's rate limit,
 * shared through `file` with every concurrent and later run, so that together they stay under it
 * and meet no 429. A slot counts from when the answer came back (the server counted the request
 * before that), and the window is 2% (at least 1 s) longer than the server's, for clocks.
 */
export const pacedHttpClient = (file: string | undefined, limit: number, window: Duration.Duration): Layer.Layer<HttpClient.HttpClient> => {
  const span = Duration.toMillis(window)
  const stamps = new StampFile(file ?? path.join(os.tmpdir(), `deleted-users-${process.pid}-requests`), limit, span + Math.max(1_000, span / 50))
  return Layer.effect(
    HttpClient.HttpClient,
    Effect.map(HttpClient.HttpClient, (client) => HttpClient.transform(client, (response) => withSharedSlot(stamps, response)))
  ).pipe(Layer.provide(FetchHttpClient.layer))
}
