// Streaming: list 1,000 and 100,000 users (each in its own process, for its peak RSS); read-ahead vs sequential.
import { start } from "@deleted-users/simulator"
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"

const child = fileURLToPath(new URL("./list-child.mjs", import.meta.url))
const run = promisify(execFile)
const list = async (url, readAhead = 1, workMs = 0, nodeFlags = []) =>
  JSON.parse((await run(process.execPath, [...nodeFlags, child, url, String(readAhead), String(workMs)], { maxBuffer: 1 << 20 })).stdout)

const account = (deleted) => ({ users: deleted, seed: 5, softDeletedShare: 0.85, purgedShare: 0.15, requestsPerWindow: 10_000_000 })

export const streaming = async ({ small = 1_000, large = 100_000, latencyMs = 20, pagesForReadAhead = 50 } = {}) => {
  const result = {}
  for (const size of [small, large]) {
    const sim = await start(account(size))
    try {
      const r = await list(sim.url)
      if (r.users !== size) throw new Error(`listed ${r.users} of ${size}`)
      result[size] = { ...r, usersPerSecond: (r.users * 1000) / r.ms }
      if (size === large) {
        // Again with a full GC every 100 pages: the heap the listing retains, first and last sample.
        const gc = await list(sim.url, 1, 0, ["--expose-gc"])
        result.retainedHeapMb = { first: gc.retainedHeapMb[0], last: gc.retainedHeapMb.at(-1), samples: gc.retainedHeapMb.length }
      }
    } finally {
      await sim.close()
    }
  }
  const sim = await start({ ...account(pagesForReadAhead * 100), latencyMs })
  try {
    const sequential = await list(sim.url, 0, latencyMs)
    const readAhead = await list(sim.url, 1, latencyMs)
    return { lists: result, rssDeltaMb: result[large].maxRssMb - result[small].maxRssMb, latencyMs, pages: pagesForReadAhead, sequentialMs: sequential.ms, readAheadMs: readAhead.ms, readAheadSpeedup: sequential.ms / readAhead.ms }
  } finally {
    await sim.close()
  }
}
