import type { DeletedUser } from "@deleted-users/types"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { BadRequest, type ZendeskError } from "./errors.js"
import { PaginationError, type CursorPage, type ListPageParams, type OffsetPage, type Page, type PaginationFault } from "./pagination.js"

/** Options of `list` and `listPages`: page size (default 100) and where to resume (an `after` cursor). */
export interface ListOptions {
  /** Users per page, 1..100 (default 100). */
  readonly pageSize?: number
  /** Resume after this cursor (a page's `afterCursor`). */
  readonly after?: string
  /** Pages fetched ahead of the consumer (default 1; 0 fetches strictly on demand): bounded, so memory stays flat. */
  readonly readAhead?: number
}

/** Options of `listOffset`: page size (default 100) and the first page (default 1). */
export interface ListOffsetOptions {
  /** Users per page, 1..100 (default 100). */
  readonly perPage?: number
  /** The first page to read, from 1 (default 1). */
  readonly page?: number
}

type ListPage = (params: ListPageParams) => Effect.Effect<Page, ZendeskError>

/** What a `PaginationError` of a cursor listing says: the bad page, its cursor, and why the listing cannot go on. */
const faultMessage = (reason: PaginationFault, cursor: string | undefined, next: string | null, page: number, requestId: string | undefined): string => {
  const at = `ListDeletedUsers: page ${page} (fetched with ${cursor === undefined ? "no cursor" : `cursor ${JSON.stringify(cursor)}`}${requestId === undefined ? "" : `, request id ${requestId}`})`
  switch (reason) {
    case "MissingCursor":
      return `${at} says has_more but has no after_cursor: the listing would end early`
    case "RepeatedCursor":
      return `${at} sent after_cursor ${JSON.stringify(next)} a second time: the listing would loop`
    case "Backwards":
      return `${at} goes backwards (its first id is not past the previous page's last): the listing would repeat users`
  }
}

/**
 * Cursor pages until `meta.has_more` is false (not until `links.next` is null: Zendesk's last page
 * still carries one). Each page is retried on its own, so a 429 mid-listing loses and repeats nothing.
 * A page with `has_more` and no cursor, a cursor seen before, or a page that goes backwards fails
 * with a `PaginationError` naming the cursor: never a silent end or a loop.
 */
export const cursorPages = (listPage: ListPage, options: ListOptions = {}): Stream.Stream<CursorPage, ZendeskError> =>
  Stream.suspend(() => {
    const seen = new Set<string>(options.after === undefined ? [] : [options.after])
    let pageNumber = 0
    let lastId: number | undefined
    return Stream.paginate(options.after, (after) =>
      Effect.flatMap(listPage({ pageSize: options.pageSize ?? 100, ...(after === undefined ? {} : { after }) }), (page) => {
        const cursor = page as CursorPage
        pageNumber++
        const fault = (reason: PaginationFault) =>
          Effect.fail(new PaginationError({ operation: "ListDeletedUsers", reason, cursor: after, page: pageNumber, requestId: cursor.requestId, message: faultMessage(reason, after, cursor.afterCursor, pageNumber, cursor.requestId) }))
        const firstId = cursor.users[0]?.id
        if (firstId !== undefined && lastId !== undefined && firstId <= lastId) return fault("Backwards")
        if (cursor.users.length > 0) lastId = cursor.users[cursor.users.length - 1]!.id
        if (!cursor.hasMore) return Effect.succeed([[cursor], Option.none<string>()] as const)
        if (cursor.afterCursor === null || cursor.afterCursor === "") return fault("MissingCursor")
        if (seen.has(cursor.afterCursor)) return fault("RepeatedCursor")
        seen.add(cursor.afterCursor)
        return Effect.succeed([[cursor], Option.some(cursor.afterCursor)] as const)
      })
    )
  }).pipe((pages) => ((options.readAhead ?? 1) > 0 ? Stream.buffer(pages, { capacity: options.readAhead ?? 1 }) : pages))

/** Every deleted user, in order, over cursor pagination with one page of read-ahead. */
export const listUsers = (listPage: ListPage, options: ListOptions = {}): Stream.Stream<DeletedUser, ZendeskError> =>
  cursorPages(listPage, options).pipe(Stream.map((page) => page.users), Stream.flattenIterable)

const depthHint = "Offset pagination stops at 10,000 records: use list() (cursor pagination) to list a large account."

/** Every deleted user over offset pagination; past 10,000 records Zendesk refuses, and the error says to use `list`. */
export const listUsersByOffset = (listPage: ListPage, options: ListOffsetOptions = {}): Stream.Stream<DeletedUser, ZendeskError> =>
  Stream.paginate(options.page ?? 1, (page) =>
    Effect.map(listPage({ pagination: "offset", page, perPage: options.perPage ?? 100 }), (result) => {
      const offset = result as OffsetPage
      // One element per page, so the read-ahead below is one page.
      return [[offset.users], offset.nextPage !== null && offset.users.length > 0 ? Option.some(page + 1) : Option.none()] as const
    }).pipe(
      Effect.mapError((error) =>
        error._tag === "BadRequest" && error.code === "InvalidPaginationDepth"
          ? new BadRequest({ ...error, description: `${error.description ?? "Too deep"} ${depthHint}` }) as ZendeskError
          : error
      )
    )
  ).pipe(Stream.buffer({ capacity: 1 }), Stream.flattenIterable)
