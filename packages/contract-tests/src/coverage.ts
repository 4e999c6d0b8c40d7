import { harFiles, readHar, toExchange } from "./har.js"
import { parseRequestUrl } from "./request-url.js"
import type { SpecIndex } from "./spec-index.js"

/** One cell of the coverage table: an operation, a documented status, and the fixtures that exercise it. */
export interface CoverageCell {
  /** The operation. */
  readonly operationId: string
  /** A status it documents (`200`, `4XX`, `default`, ...). */
  readonly status: string
  /** The fixture files with an exchange of that operation and status (none: not covered). */
  readonly fixtures: ReadonlyArray<string>
}

/**
 * Operations × documented statuses, with the fixture entries (`file#index`) that exercise each. URLs
 * are read as `verify` reads them (relative ones included); an entry that is no request counts for nothing.
 */
export const coverage = (index: SpecIndex, target: string): ReadonlyArray<CoverageCell> => {
  const hits = new Map<string, Array<string>>()
  for (const file of harFiles(target)) {
    readHar(file).log.entries.forEach((entry, i) => {
      let exchange
      try {
        exchange = toExchange(entry)
      } catch {
        return
      }
      const url = parseRequestUrl(exchange.url)
      const matched = url === undefined ? undefined : index.match(exchange.method, url.pathname)
      if (matched === undefined) return
      const key = `${matched.operation.operationId} ${exchange.status}`
      const list = hits.get(key)
      const name = `${file.split("/").pop()}#${i}`
      if (list === undefined) hits.set(key, [name])
      else list.push(name)
    })
  }
  return index.operations.flatMap((op) =>
    [...op.responses.keys()].map((status) => ({ operationId: op.operationId, status, fixtures: hits.get(`${op.operationId} ${status}`) ?? [] }))
  )
}

/** The table as Markdown. */
export const formatCoverage = (cells: ReadonlyArray<CoverageCell>): string =>
  ["| operation | status | fixtures |", "|---|---|---|", ...cells.map((c) => `| ${c.operationId} | ${c.status} | ${c.fixtures.length === 0 ? "**none**" : c.fixtures.join(", ")} |`)].join("\n")
