// Lists every deleted user from BASE_URL in this process; prints users, ms and peak RSS as JSON.
import { FetchHttpClient } from "@effect/platform"
import { Auth, DeletedUsers, ZendeskConfig } from "@deleted-users/effect-client"
import { Effect, Layer, Stream } from "effect"

const [baseUrl, readAhead, workMs] = [process.argv[2], Number(process.argv[3] ?? 1), Number(process.argv[4] ?? 0)]
const layer = DeletedUsers.layer.pipe(Layer.provide(ZendeskConfig.layer({ baseUrl }, Auth.apiToken("admin@example.com", "sim-api-token"))))
const program = Effect.gen(function* () {
  const api = yield* DeletedUsers
  let users = 0
  // The consumer works `workMs` per page (as a real job would): read-ahead overlaps that with fetching.
  yield* Stream.runForEach(api.listPages({ readAhead }), (page) =>
    Effect.sync(() => (users += page.users.length)).pipe(Effect.zipRight(workMs > 0 ? Effect.sleep(workMs) : Effect.void))
  )
  return users
})
const t0 = performance.now()
const users = await Effect.runPromise(Effect.provide(program, layer))
process.stdout.write(JSON.stringify({ users, ms: performance.now() - t0, maxRssMb: process.resourceUsage().maxRSS / 1024 }))
