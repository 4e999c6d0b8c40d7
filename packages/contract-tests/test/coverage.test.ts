import { specPath } from "./paths.js"
import { describe, expect, it } from "vitest"
import { fileURLToPath } from "node:url"
import { coverage, formatCoverage, loadSpec } from "../src/index.js"

describe("coverage", () => {
  it("every operation × documented status has a fixture that exercises it", () => {
    const cells = coverage(loadSpec(specPath), fileURLToPath(new URL("../fixtures/recorded", import.meta.url)))
    const missing = cells.filter((c) => c.fixtures.length === 0)
    expect(missing, formatCoverage(cells)).toEqual([])
    expect(cells.length).toBe(33)
  })
})
