import { harFiles, readHar, toExchange } from "./har.js"
import type { SpecIndex } from "./spec-index.js"

/** One cell of the coverage table: an operation, a documented status, and the fixtures that exercise it. */
export interface CoverageCell {
  readonly operationId: string
  readonly status: string
  readonly fixtures: ReadonlyArray<string>
}

/** Operations × documented statuses, with the fixture entries (`file#index`) that exercise each. */
export const coverage = (index: SpecIndex, target: string): ReadonlyArray<CoverageCell> => {
  const hits = new Map<string, Array<string>>()
  for (const file of harFiles(target)) {
    readHar(file).log.entries.forEach((entry, i) => {
      const exchange = toExchange(entry)
      const matched = index.match(exchange.method, new URL(exchange.url).pathname)
      if (matched === undefined) return
      const key = `${matched.operation.operationId} ${exchange.status}`
      hits.set(key, [...(hits.get(key) ?? []), `${file.split("/").pop()}#${i}`])
    })
  }
  return index.operations.flatMap((op) =>
    [...op.responses.keys()].map((status) => ({ operationId: op.operationId, status, fixtures: hits.get(`${op.operationId} ${status}`) ?? [] }))
  )
}

/** The table as Markdown. */
export const formatCoverage = (cells: ReadonlyArray<CoverageCell>): string =>
  ["| operation | status | fixtures |", "|---|---|---|", ...cells.map((c) => `| ${c.operationId} | ${c.status} | ${c.fixtures.length === 0 ? "**none**" : c.fixtures.join(", ")} |`)].join("\n")
