import { mkdtempSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { StampFile } from "../src/index.js"

const fresh = () => path.join(mkdtempSync(path.join(os.tmpdir(), "stamps-")), "budget")

describe("a rolling window kept in a file", () => {
  it("is shared by every holder of the file, and survives a restart", () => {
    const file = fresh()
    const a = new StampFile(file, 3, 1_000)
    const b = new StampFile(file, 3, 1_000)
    expect(a.take(10_000)).toBeUndefined()
    expect(b.take(10_100)).toBeUndefined()
    expect(a.take(10_200)).toBeUndefined()
    // Full for both: the next slot frees when the first stamp leaves the window.
    expect(b.take(10_300)).toBe(11_000)
    expect(a.take(10_300)).toBe(11_000)
    // A restart (a new holder) sees the same window; past it, room again.
    const restarted = new StampFile(file, 3, 1_000)
    expect(restarted.used(10_500)).toBe(3)
    expect(restarted.take(11_001)).toBeUndefined()
  })

  it("settle moves a stamp later, for every holder", () => {
    const file = fresh()
    const a = new StampFile(file, 1, 1_000)
    const b = new StampFile(file, 1, 1_000)
    expect(a.take(0 + 5_000)).toBeUndefined()
    a.settle(5_000, 5_700)
    expect(b.take(6_100)).toBe(6_700)
    expect(b.take(6_701)).toBeUndefined()
  })

  it("ignores a torn last line and lines that are not stamps", () => {
    const file = fresh()
    writeFileSync(file, "1000\ngarbage\n12")
    const s = new StampFile(file, 5, 10_000)
    expect(s.used(1_500)).toBe(1)
  })

  it("forgets stamps more than a window ahead of now (a clock set back), which would hold their slots for ever", () => {
    const file = fresh()
    writeFileSync(file, "1000\n500000\n")
    const s = new StampFile(file, 1, 10_000)
    expect(s.used(2_000)).toBe(1)
    expect(s.take(11_001)).toBeUndefined()
  })
})
