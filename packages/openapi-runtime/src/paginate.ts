/**
 * Streams over paginated operations, driven by an operation's `x-pagination` annotation: cursor,
 * offset (or page number), next link in the body, or `Link` header. Pages are read ahead by a
 * bounded buffer; a repeated cursor, a promise of more pages with no way to them, or `maxEmptyPages`
 * empty pages in a row that each promise more fail with `PaginationError` instead of looping or ending
 * early.
 *
 * @module
 */
import { unescapeToken } from "@effect-openapi/json-pointer"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { Received } from "./decode.js"
import { PaginationError, type OperationError } from "./errors.js"
import type { OperationInput } from "@effect-openapi/runtime-core"
import { serviceNameOf } from "./telemetry.js"

/**
 * The `x-pagination` annotation of an operation. Pointers are RFC 6901 JSON pointers into the body.
 * - `cursor`: `cursorParam` (query parameter) takes the value at `nextCursor`; `hasMore`, when given, says whether to go on.
 * - `offset`: `offsetParam` goes up by the number of items (or `pageParam` by one from `start`, default 1); stops on a short or empty page.
 * - `next-link`: the URL at `next` is the next page.
 * - `link-header`: the `Link` header's `rel="next"` is the next page.
 */
export type PaginationSpec =
  | {
      /** Cursor pagination. */
      readonly style: "cursor"
      /** Pointer to the array of items in a page. */
      readonly items: string
      /** The query parameter that takes the cursor. */
      readonly cursorParam: string
      /** Pointer to the next cursor in a page. */
      readonly nextCursor: string
      /** Pointer to a boolean saying whether more pages follow. */
      readonly hasMore?: string
    }
  | {
      /** Offset or page-number pagination. */
      readonly style: "offset"
      /** Pointer to the array of items in a page. */
      readonly items: string
      /** The query parameter that takes the offset of the first item. */
      readonly offsetParam?: string
      /** The query parameter that takes the page number. */
      readonly pageParam?: string
      /** The query parameter that takes the page size. */
      readonly limitParam?: string
      /** The first page number (default 1). */
      readonly start?: number
    }
  | {
      /** A next link in the body. */
      readonly style: "next-link"
      /** Pointer to the array of items in a page. */
      readonly items: string
      /** Pointer to the URL of the next page. */
      readonly next: string
    }
  | {
      /** The `Link` header's `rel="next"`. */
      readonly style: "link-header"
      /** Pointer to the array of items in a page. */
      readonly items: string
    }

/** How many empty pages in a row that each promise more a stream reads before it fails with `PaginationError`: 10. */
export const maxEmptyPages = 10

/** Stream options: pages fetched ahead of the consumer (default 1), empty pages tolerated in a row (default 10). */
export interface StreamOptions {
  /**
   * How many pages to fetch ahead of the consumer (default 1): the size of the buffer of pages. The
   * consumer takes every buffered page at once, so while it works through them the buffer fills
   * again; at most about twice this many pages are ever held ahead of it.
   */
  readonly readAhead?: number
  /**
   * How many empty pages in a row, each with a way to a next page, end the stream in `PaginationError`
   * (default `maxEmptyPages`, 10): a server that keeps handing out fresh cursors with no items would
   * otherwise never let the stream end.
   */
  readonly maxEmptyPages?: number
}

/** The value at an RFC 6901 pointer. */
export const valueAt = (body: unknown, pointer: string): unknown => {
  let node = body
  for (const raw of pointer.split("/").slice(1)) {
    if (node === null || typeof node !== "object") return undefined
    node = (node as Record<string, unknown>)[unescapeToken(raw)]
  }
  return node
}

/** The `rel="next"` URL of a `Link` header. */
export const nextLink = (header: string | undefined): string | undefined => {
  for (const part of (header ?? "").split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part)
    if (match !== null && /;\s*rel="?([^";]*\s)?next(\s[^";]*)?"?/i.test(match[2]!)) return match[1]
  }
  return undefined
}

type State = { readonly input: OperationInput; readonly url: string | undefined }

/**
 * A link as errors show it: its query values masked (`?page=…&api_key=…`), since a server's next link
 * may echo a key sent in the query.
 */
const shownLink = (link: string | URL): string => {
  if (typeof link === "string") {
    const query = link.indexOf("?")
    return query < 0 ? link.slice(0, 80) : `${link.slice(0, Math.min(query, 80))}?…`
  }
  const names = [...new Set(link.searchParams.keys())]
  return `${link.origin}${link.pathname}${names.length === 0 ? "" : `?${names.map((name) => `${name}=…`).join("&")}`}`
}

/**
 * Streams the items of every page. `fetch` sends the operation (with a URL that replaces the built
 * one for link styles); a next link must stay on the base URL's origin, so credentials never leave it.
 * The listing is one span, `<ServiceName>.<operation> pages` (its pages and items counted in
 * `pagination.pages` and `pagination.items`), with each page's operation span under it.
 */
export const paginate = <E>(
  operation: string,
  spec: PaginationSpec,
  baseUrl: string,
  fetch: (input: OperationInput, url: string | undefined) => Effect.Effect<Received<unknown>, E>,
  first: OperationInput,
  options: StreamOptions = {}
): Stream.Stream<unknown, E | PaginationError> => {
  const origin = new URL(baseUrl).origin
  const fail = (cursor: string | undefined, message: string) => Effect.fail(new PaginationError({ operation, cursor, message: `${operation}: ${message}` }))
  const follow = (state: State, link: unknown, seen: Set<string>): Effect.Effect<Option.Option<State>, PaginationError> => {
    if (link === null || link === undefined || link === "") return Effect.succeed(Option.none())
    if (typeof link !== "string") return fail(undefined, "the next link is not a string")
    let url: URL
    try {
      url = new URL(link, baseUrl)
    } catch {
      return fail(shownLink(link), `the next link ${JSON.stringify(shownLink(link))} is not a URL`)
    }
    if (url.origin !== origin) return fail(undefined, "the next link leaves the API's origin; not followed")
    if (seen.has(url.href)) return fail(shownLink(url), "the next link repeats an earlier one")
    seen.add(url.href)
    return Effect.succeed(Option.some({ input: state.input, url: url.href }))
  }
  const next = (state: State, page: Received<unknown>, items: ReadonlyArray<unknown>, seen: Set<string>): Effect.Effect<Option.Option<State>, PaginationError> => {
    switch (spec.style) {
      case "cursor": {
        const cursor = valueAt(page.body, spec.nextCursor)
        const more = spec.hasMore === undefined ? undefined : valueAt(page.body, spec.hasMore)
        const hasCursor = typeof cursor === "string" ? cursor !== "" : typeof cursor === "number"
        if (more === false || (more === undefined && (!hasCursor || items.length === 0))) return Effect.succeed(Option.none())
        if (!hasCursor) return fail(undefined, `the page says there is more (${spec.hasMore}) but gives no cursor at ${spec.nextCursor}`)
        const value = String(cursor)
        if (seen.has(value)) return fail(value, `the cursor ${JSON.stringify(value.slice(0, 80))} repeats an earlier one`)
        seen.add(value)
        return Effect.succeed(Option.some({ input: { ...state.input, query: { ...state.input.query, [spec.cursorParam]: value } }, url: undefined }))
      }
      case "offset": {
        const limit = spec.limitParam === undefined ? undefined : state.input.query?.[spec.limitParam]
        if (items.length === 0 || (typeof limit === "number" && items.length < limit)) return Effect.succeed(Option.none())
        const query = { ...state.input.query }
        if (spec.offsetParam !== undefined) query[spec.offsetParam] = Number(query[spec.offsetParam] ?? 0) + items.length
        else if (spec.pageParam !== undefined) query[spec.pageParam] = Number(query[spec.pageParam] ?? spec.start ?? 1) + 1
        return Effect.succeed(Option.some({ input: { ...state.input, query }, url: undefined }))
      }
      case "next-link":
        return follow(state, valueAt(page.body, spec.next), seen)
      case "link-header":
        return follow(state, nextLink(page.headers["link"]), seen)
    }
  }
  // One element per page, so that the buffer reads ahead whole pages; the items are flattened after it.
  const emptyLimit = Math.max(1, options.maxEmptyPages ?? maxEmptyPages)
  const pages = Stream.suspend(() => {
    // Cursors and links met so far, and empty pages in a row, per run of the stream (not copied per page).
    const seen = new Set<string>()
    let empty = 0
    let pageCount = 0
    let itemCount = 0
    return Stream.paginate({ input: first, url: undefined } as State, (state) =>
      Effect.flatMap(fetch(state.input, state.url), (page) => {
        const items = valueAt(page.body, spec.items)
        if (!Array.isArray(items)) return fail(undefined, `the page has no array at ${spec.items}`)
        pageCount++
        itemCount += items.length
        return Effect.flatMap(next(state, page, items, seen), (following) => {
          if (items.length > 0 || Option.isNone(following)) empty = 0
          else if (++empty >= emptyLimit) {
            const link = following.value.url
            const cursor = link !== undefined ? shownLink(new URL(link)) : spec.style === "cursor" ? String(following.value.input.query?.[spec.cursorParam]) : undefined
            return fail(cursor, `${emptyLimit} empty pages in a row, each promising more; stopped`)
          }
          return Effect.as(
            Effect.annotateCurrentSpan({ "pagination.pages": pageCount, "pagination.items": itemCount }),
            [[items as ReadonlyArray<unknown>], following] as const
          )
        })
      })
    )
  })
  return pages.pipe(
    Stream.buffer({ capacity: Math.max(1, options.readAhead ?? 1) }),
    Stream.flattenIterable,
    Stream.withSpan(`${serviceNameOf(baseUrl)}.${operation} pages`, { attributes: { "pagination.style": spec.style } })
  )
}

/** `OperationError` widened with pagination failures, for stream signatures. */
export type StreamError<E extends OperationError> = E | PaginationError
