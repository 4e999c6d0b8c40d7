/** `paced` on the Effect 3 runtime: the rolling window holds, a failing store sends nothing, and waiting leaves the event loop free. */
import { describe, expect, it } from "vitest"
import * as Effect from "effect/Effect"
import { mkdtempSync, unlinkSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { BudgetStoreError, memoryRateLimitStore, paced, testTransport, type HttpRequest, type SharedWindow } from "@effect-openapi/runtime-effect3"
import { fileRateLimitStore } from "@effect-openapi/runtime-effect3/stamp-file"

const request = (n: number): HttpRequest => ({ operation: "probe", method: "get", url: `http://api.test/items/${n}`, headers: {}, body: undefined })

const maxInWindow = (times: ReadonlyArray<number>, windowMs: number) => {
  const sorted = [...times].sort((a, b) => a - b)
  let most = 0
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++
    most = Math.max(most, i - j + 1)
  }
  return most
}

describe("paced (Effect 3)", () => {
  it.each([
    ["memory", () => memoryRateLimitStore()],
    ["files", () => fileRateLimitStore(mkdtempSync(path.join(os.tmpdir(), "paced3-")))]
  ] as const)("%s: at most `limit` requests in any rolling window, timers firing while it waits", async (_name, store) => {
    const arrivals: Array<number> = []
    let ticks = 0
    const timer = setInterval(() => ticks++, 5)
    try {
      const client = paced(testTransport(() => (arrivals.push(Date.now()), { status: 200 })), store(), { key: `acct-${Math.random()}`, limit: 2, windowMs: 300 })
      await Effect.runPromise(Effect.forEach([1, 2, 3, 4, 5], (n) => client.send(request(n), undefined), { concurrency: "unbounded" }))
    } finally {
      clearInterval(timer)
    }
    expect(arrivals).toHaveLength(5)
    expect(maxInWindow(arrivals, 300)).toBeLessThanOrEqual(2)
    expect(ticks).toBeGreaterThanOrEqual(20)
  })

  it("a file locked by another process: the request waits with the event loop free, and goes once it is released", async () => {
    const store = fileRateLimitStore(mkdtempSync(path.join(os.tmpdir(), "paced3-")))
    const lock = `${store.fileOf!("acct")}.lock`
    writeFileSync(lock, "")
    let sent = 0
    let ticks = 0
    const timer = setInterval(() => ticks++, 5)
    try {
      const pending = Effect.runPromise(paced(testTransport(() => (sent++, { status: 200 })), store, { key: "acct", limit: 5, windowMs: 60_000 }).send(request(1), undefined))
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(ticks).toBeGreaterThanOrEqual(10)
      expect(sent).toBe(0)
      unlinkSync(lock)
      expect((await pending).status).toBe(200)
      expect(sent).toBe(1)
    } finally {
      clearInterval(timer)
    }
  })

  it("a store that fails: TransportError Refused, nothing sent", async () => {
    let sent = 0
    const broken: SharedWindow = { take: Effect.fail(new BudgetStoreError({ store: "memory", reason: "broken" })), settle: () => Effect.void }
    const error = await Effect.runPromise(Effect.flip(paced(testTransport(() => (sent++, { status: 200 })), broken).send(request(1), undefined)))
    expect(error).toMatchObject({ _tag: "TransportError", reason: "Refused" })
    expect(sent).toBe(0)
  })
})
