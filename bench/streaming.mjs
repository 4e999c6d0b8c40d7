// Streaming: list 1,000 and 100,000 users (each in its own process, for its peak RSS), through the
// library and through the `deleted-users` bin as npx runs it (its first line's heap flags included);
// read-ahead vs sequential.
import { start } from "@deleted-users/simulator"
import { execFile } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { runBin } from "./bin-run.mjs"

const child = fileURLToPath(new URL("./list-child.mjs", import.meta.url))
const run = promisify(execFile)
const list = async (url, readAhead = 1, workMs = 0, nodeFlags = []) =>
  JSON.parse((await run(process.execPath, [...nodeFlags, child, url, String(readAhead), String(workMs)], { maxBuffer: 1 << 20 })).stdout)

/** `deleted-users list --format FORMAT` through the bin (see `runBin`): lines printed, ms and peak RSS. */
export const listWithBin = async (url, format = "ndjson") => {
  const state = mkdtempSync(join(tmpdir(), "bench-state-"))
  try {
    const env = { ...process.env, ZENDESK_BASE_URL: url, ZENDESK_EMAIL: "admin@example.com", ZENDESK_API_TOKEN: "sim-api-token", DELETED_USERS_STATE_DIR: state }
    // The simulator runs in this process: the child is awaited, never waited for synchronously.
    const r = await runBin(["--rate-limit", "100000000/1m", "--quiet", "list", "--format", format], env)
    if (r.code !== 0) throw new Error(`deleted-users list exited ${r.code ?? r.signal}: ${r.stderr}`)
    return { lines: r.lines, ms: r.seconds * 1000, maxRssMb: r.maxRssMb }
  } finally {
    rmSync(state, { recursive: true, force: true })
  }
}

const account = (deleted) => ({ users: deleted, seed: 5, softDeletedShare: 0.85, purgedShare: 0.15, requestsPerWindow: 10_000_000 })

export const streaming = async ({ small = 1_000, large = 100_000, latencyMs = 20, pagesForReadAhead = 50 } = {}) => {
  const result = {}
  for (const size of [small, large]) {
    const sim = await start(account(size))
    try {
      const r = await list(sim.url)
      if (r.users !== size) throw new Error(`listed ${r.users} of ${size}`)
      // Again with a full GC every 100 pages and at the end: the heap the listing retains.
      const gc = await list(sim.url, 1, 0, ["--expose-gc"])
      result[size] = { users: r.users, ms: r.ms, maxRssMb: r.maxRssMb, usersPerSecond: (r.users * 1000) / r.ms, finalHeapMb: gc.finalHeapMb, cli: await listWithBin(sim.url) }
      if (size === large) result.retainedHeapMb = { first: gc.retainedHeapMb[0], last: gc.retainedHeapMb.at(-1), samples: gc.retainedHeapMb.length }
    } finally {
      await sim.close()
    }
  }
  const sim = await start({ ...account(pagesForReadAhead * 100), latencyMs })
  try {
    const sequential = await list(sim.url, 0, latencyMs)
    const readAhead = await list(sim.url, 1, latencyMs)
    return {
      lists: result,
      rssDeltaMb: result[large].maxRssMb - result[small].maxRssMb,
      cliRssDeltaMb: result[large].cli.maxRssMb === undefined ? undefined : result[large].cli.maxRssMb - result[small].cli.maxRssMb,
      finalHeapDeltaMb: result[large].finalHeapMb - result[small].finalHeapMb,
      latencyMs,
      pages: pagesForReadAhead,
      sequentialMs: sequential.ms,
      readAheadMs: readAhead.ms,
      readAheadSpeedup: sequential.ms / readAhead.ms
    }
  } finally {
    await sim.close()
  }
}
