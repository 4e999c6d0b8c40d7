import type { CursorLinks, DeletedUser, DeletedUsersPage } from "@deleted-users/types"
import * as Effect from "effect/Effect"
import { InvalidInput } from "./errors.js"
import { checkPageSize } from "./input.js"

export { PaginationError, type PaginationFault } from "./pagination-error.js"

/** Cursor pagination (recommended): `pageSize` 1..100 (default 100), and `after` or `before`, never both. */
export interface CursorParams {
  readonly pagination?: "cursor"
  readonly pageSize?: number
  readonly after?: string
  readonly before?: string
}

/** Offset pagination: `page` from 1, `perPage` 1..100. Zendesk refuses pages past 10,000 records. */
export interface OffsetParams {
  readonly pagination: "offset"
  readonly page?: number
  readonly perPage?: number
}

/** What `listPage` takes. */
export type ListPageParams = CursorParams | OffsetParams

/** A cursor page: the users, and where to go next. Stop when `hasMore` is false. */
export interface CursorPage {
  readonly _tag: "CursorPage"
  readonly users: ReadonlyArray<DeletedUser>
  readonly hasMore: boolean
  readonly afterCursor: string | null
  readonly beforeCursor: string | null
  /** As Zendesk sent them; the last page may still carry `next`, so do not stop on it. */
  readonly links: CursorLinks
  readonly requestId: string | undefined
}

/** An offset page. */
export interface OffsetPage {
  readonly _tag: "OffsetPage"
  readonly users: ReadonlyArray<DeletedUser>
  readonly page: number
  readonly perPage: number
  readonly nextPage: string | null
  readonly previousPage: string | null
  /** Total deleted users, as Zendesk counts them. */
  readonly count: number | undefined
  readonly requestId: string | undefined
}

/** One page of deleted users. */
export type Page = CursorPage | OffsetPage

/** The query a page is fetched with (keys as Zendesk names them; openapi-fetch percent-encodes them). */
export type PageQuery = {
  "page[size]"?: number
  "page[after]"?: string
  "page[before]"?: string
  page?: number
  per_page?: number
}

/** Checks page parameters before anything is sent and turns them into the query. */
export const pageQuery = (operation: string, params: ListPageParams): Effect.Effect<PageQuery, InvalidInput> => {
  if (params.pagination === "offset") {
    const page = params.page ?? 1
    if (!Number.isSafeInteger(page) || page < 1) {
      return Effect.fail(new InvalidInput({ operation, field: "page", message: `page must be a positive integer, got ${String(page)}` }))
    }
    return Effect.map(checkPageSize(operation, "perPage", params.perPage ?? 100), (perPage) => ({ page, per_page: perPage }))
  }
  if (params.after !== undefined && params.before !== undefined) {
    return Effect.fail(new InvalidInput({ operation, field: "after", message: "after and before cannot be used together" }))
  }
  for (const [field, cursor] of [["after", params.after], ["before", params.before]] as const) {
    if (cursor !== undefined && (typeof cursor !== "string" || cursor.length === 0)) {
      return Effect.fail(new InvalidInput({ operation, field, message: `${field} must be a non-empty cursor string` }))
    }
  }
  return Effect.map(checkPageSize(operation, "pageSize", params.pageSize ?? 100), (size) => ({
    "page[size]": size,
    ...(params.after === undefined ? {} : { "page[after]": params.after }),
    ...(params.before === undefined ? {} : { "page[before]": params.before })
  }))
}

/** Reads a validated body as a page. */
export const toPage = (params: ListPageParams, body: DeletedUsersPage, requestId: string | undefined): Page =>
  params.pagination === "offset"
    ? {
        _tag: "OffsetPage",
        users: body.deleted_users,
        page: params.page ?? 1,
        perPage: params.perPage ?? 100,
        nextPage: body.next_page ?? null,
        previousPage: body.previous_page ?? null,
        count: body.count,
        requestId
      }
    : {
        _tag: "CursorPage",
        users: body.deleted_users,
        hasMore: body.meta?.has_more ?? false,
        afterCursor: body.meta?.after_cursor ?? null,
        beforeCursor: body.meta?.before_cursor ?? null,
        links: body.links ?? { next: null, prev: null },
        requestId
      }
