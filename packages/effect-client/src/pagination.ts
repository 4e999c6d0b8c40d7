import type { CursorLinks, DeletedUser, DeletedUsersPage } from "@deleted-users/types"
import { InvalidInput, PaginationError } from "@effect-openapi/runtime"
import * as Effect from "effect/Effect"

export { PaginationError }

/** How a cursor listing went wrong (a `PaginationError`'s `reason`): no cursor to go on with, a cursor seen before, or a page behind the previous one. */
export type PaginationFault = "MissingCursor" | "RepeatedCursor" | "Backwards"

/** Cursor pagination (recommended): `pageSize` 1..100 (default 100), and `after` or `before`, never both. */
export interface CursorParams {
  /** Cursor pagination (the default). */
  readonly pagination?: "cursor"
  /** Users per page, 1..100 (default 100). */
  readonly pageSize?: number
  /** The page after this cursor (a previous page's `afterCursor`). */
  readonly after?: string
  /** The page before this cursor (a previous page's `beforeCursor`). */
  readonly before?: string
}

/** Offset pagination: `page` from 1, `perPage` 1..100. Zendesk refuses pages past 10,000 records. */
export interface OffsetParams {
  /** Offset pagination. */
  readonly pagination: "offset"
  /** The page number, from 1 (default 1). */
  readonly page?: number
  /** Users per page, 1..100 (default 100). */
  readonly perPage?: number
}

/** What `listPage` takes. */
export type ListPageParams = CursorParams | OffsetParams

/** A cursor page: the users, and where to go next. Stop when `hasMore` is false. */
export interface CursorPage {
  /** Tells a cursor page from an offset page. */
  readonly _tag: "CursorPage"
  /** The users of this page. */
  readonly users: ReadonlyArray<DeletedUser>
  /** Zendesk's `meta.has_more`: whether another page follows. */
  readonly hasMore: boolean
  /** The cursor of the next page (`meta.after_cursor`). */
  readonly afterCursor: string | null
  /** The cursor of the previous page (`meta.before_cursor`). */
  readonly beforeCursor: string | null
  /** As Zendesk sent them; the last page may still carry `next`, so do not stop on it. */
  readonly links: CursorLinks
  /** The request id of this page, when Zendesk sent one. */
  readonly requestId: string | undefined
}

/** An offset page. */
export interface OffsetPage {
  /** Tells an offset page from a cursor page. */
  readonly _tag: "OffsetPage"
  /** The users of this page. */
  readonly users: ReadonlyArray<DeletedUser>
  /** The page number that was asked for. */
  readonly page: number
  /** The page size that was asked for. */
  readonly perPage: number
  /** The URL of the next page, null on the last. */
  readonly nextPage: string | null
  /** The URL of the previous page, null on the first. */
  readonly previousPage: string | null
  /** Total deleted users, as Zendesk counts them. */
  readonly count: number | undefined
  /** The request id of this page, when Zendesk sent one. */
  readonly requestId: string | undefined
}

/** One page of deleted users. */
export type Page = CursorPage | OffsetPage

/** The query a page is fetched with (keys as Zendesk names them; openapi-fetch percent-encodes them). */
export type PageQuery = {
  /** Cursor pagination: users per page. */
  "page[size]"?: number
  /** Cursor pagination: the page after this cursor. */
  "page[after]"?: string
  /** Cursor pagination: the page before this cursor. */
  "page[before]"?: string
  /** Offset pagination: the page number. */
  page?: number
  /** Offset pagination: users per page. */
  per_page?: number
}

/**
 * Turns page parameters into the query; the generated client checks sizes and page numbers against
 * the spec before anything is sent. What the spec cannot say is checked here: `after` with `before`,
 * and an empty cursor.
 */
export const pageQuery = (operation: string, params: ListPageParams): Effect.Effect<PageQuery, InvalidInput> => {
  if (params.pagination === "offset") return Effect.succeed({ page: params.page ?? 1, per_page: params.perPage ?? 100 })
  if (params.after !== undefined && params.before !== undefined) {
    return Effect.fail(new InvalidInput({ operation, pointer: "/query/page[before]", message: `${operation}: after and before cannot be used together` }))
  }
  for (const [field, cursor] of [["after", params.after], ["before", params.before]] as const) {
    if (cursor !== undefined && (typeof cursor !== "string" || cursor.length === 0)) {
      return Effect.fail(new InvalidInput({ operation, pointer: `/query/page[${field}]`, message: `${operation}: ${field} must be a non-empty cursor string` }))
    }
  }
  return Effect.succeed({
    "page[size]": params.pageSize ?? 100,
    ...(params.after === undefined ? {} : { "page[after]": params.after }),
    ...(params.before === undefined ? {} : { "page[before]": params.before })
  })
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
