// Lists every deleted user from BASE_URL in this process; prints users, ms and peak RSS as JSON.
import { Auth, DeletedUsers, ZendeskConfig } from "@deleted-users/effect-client"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Stream from "effect/Stream"

const [baseUrl, readAhead, workMs] = [process.argv[2], Number(process.argv[3] ?? 1), Number(process.argv[4] ?? 0)]
const layer = DeletedUsers.layer.pipe(Layer.provide(ZendeskConfig.layer({ baseUrl }, Auth.apiToken("admin@example.com", "sim-api-token"))))
const program = Effect.gen(function* () {
  const api = yield* DeletedUsers
  let users = 0
  let pages = 0
  // The consumer works `workMs` per page (as a real job would): read-ahead overlaps that with fetching.
  yield* Stream.runForEach(api.listPages({ readAhead }), (page) =>
    Effect.sync(() => {
      users += page.users.length
      // With --expose-gc: the heap still in use after a full GC, every 100 pages (what the listing retains).
      if (globalThis.gc !== undefined && ++pages % 100 === 0) {
        globalThis.gc()
        retained.push(process.memoryUsage().heapUsed / 2 ** 20)
      }
    }).pipe(Effect.andThen(workMs > 0 ? Effect.sleep(workMs) : Effect.void))
  )
  return users
})
const retained = []
// Build the client and compile its validators before the clock starts: the figure is the listing.
const runtime = ManagedRuntime.make(layer)
await runtime.runPromise(Effect.flatMap(DeletedUsers, (api) => api.count()))
const t0 = performance.now()
const users = await runtime.runPromise(program)
const ms = performance.now() - t0
// With --expose-gc: the heap in use after a full GC once the listing is done (what it left behind).
globalThis.gc?.()
const finalHeapMb = globalThis.gc === undefined ? undefined : process.memoryUsage().heapUsed / 2 ** 20
process.stdout.write(JSON.stringify({ users, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, retainedHeapMb: retained, finalHeapMb }))
