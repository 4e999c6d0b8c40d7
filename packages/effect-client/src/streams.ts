import type { DeletedUser } from "@deleted-users/types"
import { Effect, Option, Stream } from "effect"
import { BadRequest, type ZendeskError } from "./errors.js"
import type { CursorPage, ListPageParams, OffsetPage, Page } from "./pagination.js"

/** Options of `list` and `listPages`: page size (default 100) and where to resume (an `after` cursor). */
export interface ListOptions {
  readonly pageSize?: number
  readonly after?: string
  /** Pages fetched ahead of the consumer (default 1; 0 fetches strictly on demand): bounded, so memory stays flat. */
  readonly readAhead?: number
}

/** Options of `listOffset`: page size (default 100) and the first page (default 1). */
export interface ListOffsetOptions {
  readonly perPage?: number
  readonly page?: number
}

type ListPage = (params: ListPageParams) => Effect.Effect<Page, ZendeskError>

/**
 * Cursor pages until `meta.has_more` is false (not until `links.next` is null: Zendesk's last page
 * still carries one). Each page is retried on its own, so a 429 mid-listing loses and repeats nothing.
 */
export const cursorPages = (listPage: ListPage, options: ListOptions = {}): Stream.Stream<CursorPage, ZendeskError> =>
  Stream.paginateEffect(options.after, (after) =>
    Effect.map(
      listPage({ pageSize: options.pageSize ?? 100, ...(after === undefined ? {} : { after }) }),
      (page) => {
        const cursor = page as CursorPage
        return [cursor, cursor.hasMore && cursor.afterCursor !== null ? Option.some(cursor.afterCursor) : Option.none()] as const
      }
    )
  ).pipe((pages) => ((options.readAhead ?? 1) > 0 ? Stream.buffer(pages, { capacity: options.readAhead ?? 1 }) : pages))

/** Every deleted user, in order, over cursor pagination with one page of read-ahead. */
export const listUsers = (listPage: ListPage, options: ListOptions = {}): Stream.Stream<DeletedUser, ZendeskError> =>
  cursorPages(listPage, options).pipe(Stream.mapConcat((page) => page.users))

const depthHint = "Offset pagination stops at 10,000 records: use list() (cursor pagination) to list a large account."

/** Every deleted user over offset pagination; past 10,000 records Zendesk refuses, and the error says to use `list`. */
export const listUsersByOffset = (listPage: ListPage, options: ListOffsetOptions = {}): Stream.Stream<DeletedUser, ZendeskError> =>
  Stream.paginateEffect(options.page ?? 1, (page) =>
    Effect.map(listPage({ pagination: "offset", page, perPage: options.perPage ?? 100 }), (result) => {
      const offset = result as OffsetPage
      return [offset.users, offset.nextPage !== null && offset.users.length > 0 ? Option.some(page + 1) : Option.none()] as const
    }).pipe(
      Effect.mapError((error) =>
        error._tag === "BadRequest" && error.code === "InvalidPaginationDepth"
          ? new BadRequest({ ...error, description: `${error.description ?? "Too deep"} ${depthHint}` })
          : error
      )
    )
  ).pipe(Stream.buffer({ capacity: 1 }), Stream.mapConcat((users) => users))
