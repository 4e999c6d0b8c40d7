import * as Data from "effect/Data"

/** How a cursor listing went wrong: no cursor to go on with, a cursor seen before, or a page behind the previous one. */
export type PaginationFault = "MissingCursor" | "RepeatedCursor" | "Backwards"

/**
 * A cursor listing that cannot go on safely: `has_more` with no `after_cursor` (it would end early),
 * an `after_cursor` seen before (it would loop), or a page whose first id is not past the previous
 * page's last (it would repeat users). Nothing after that page is listed.
 */
export class PaginationError extends Data.TaggedError("PaginationError")<{
  /** The listing, e.g. `list`. */
  readonly operation: string
  /** What went wrong. */
  readonly reason: PaginationFault
  /** The cursor the bad page was fetched with (undefined for the first page). */
  readonly cursor: string | undefined
  /** The `after_cursor` the bad page sent, if any. */
  readonly nextCursor: string | null
  /** The bad page's number in this listing, from 1. */
  readonly page: number
  /** The request id of the bad page, when Zendesk sent one. */
  readonly requestId: string | undefined
}> {
  /** The operation, the bad page and its cursor, and why the listing cannot go on. */
  override get message() {
    const at = `page ${this.page} (fetched with ${this.cursor === undefined ? "no cursor" : `cursor ${JSON.stringify(this.cursor)}`}${this.requestId === undefined ? "" : `, request id ${this.requestId}`})`
    switch (this.reason) {
      case "MissingCursor":
        return `${this.operation}: ${at} says has_more but has no after_cursor: the listing would end early`
      case "RepeatedCursor":
        return `${this.operation}: ${at} sent after_cursor ${JSON.stringify(this.nextCursor)} a second time: the listing would loop`
      case "Backwards":
        return `${this.operation}: ${at} goes backwards (its first id is not past the previous page's last): the listing would repeat users`
    }
  }
}
