import { decodeCursor, encodeCursor } from "./cursor.js"
import type { Principal } from "./credentials.js"
import { envelopes } from "./envelopes.js"
import type { SimulatorState } from "./state.js"
import { render } from "./users.js"

/** What a route answers: a status, a JSON body, and headers of its own. */
export interface Reply {
  readonly status: number
  readonly body: unknown
  readonly headers?: Record<string, string>
}

/** A request as the routes see it. */
export interface RouteRequest {
  readonly state: SimulatorState
  readonly query: URLSearchParams
  readonly id: string | undefined
  readonly principal: Principal
  readonly now: number
}

const ok = (body: unknown): Reply => ({ status: 200, body })
const notFound: Reply = { status: 404, body: envelopes.recordNotFound }
const maxOffsetRecords = 10_000

/** A path id as Zendesk reads it: digits only, else the record is not found. */
const parseId = (raw: string | undefined): number | undefined =>
  raw !== undefined && /^\d{1,16}$/.test(raw) ? Number(raw) : undefined

const bracketQuery = (params: Record<string, string | number>) =>
  Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join("&")

/** GET /api/v2/deleted_users: cursor pagination when `page[size]` (or a cursor) is sent, else offset. */
export const listDeletedUsers = ({ state, query }: RouteRequest): Reply => {
  const cursorMode = query.has("page[size]") || query.has("page[after]") || query.has("page[before]")
  return cursorMode ? listByCursor(state, query) : listByOffset(state, query)
}

const listByCursor = (state: SimulatorState, query: URLSearchParams): Reply => {
  const rawSize = query.get("page[size]") ?? "100"
  const size = Number(rawSize)
  if (!/^\d+$/.test(rawSize) || size < 1 || size > 100) {
    return { status: 400, body: envelopes.invalidPaginationParameter("page[size] must be between 1 and 100") }
  }
  const after = query.get("page[after]")
  const before = query.get("page[before]")
  if (after !== null && before !== null) {
    return { status: 400, body: envelopes.invalidPaginationParameter("page[after] and page[before] cannot be used together") }
  }
  const ids = state.deletedIds()
  let start: number
  let end: number
  let hasMore: boolean
  if (before !== null) {
    const id = decodeCursor(before, "before")
    if (id === undefined) return { status: 400, body: envelopes.invalidPaginationParameter("page[before] is not valid") }
    end = state.indexOf(id)
    start = Math.max(0, end - size)
    hasMore = start > 0
  } else {
    const id = after === null ? undefined : decodeCursor(after, "after")
    if (after !== null && id === undefined) return { status: 400, body: envelopes.invalidPaginationParameter("page[after] is not valid") }
    start = id === undefined ? 0 : state.indexAfter(id)
    end = Math.min(ids.length, start + size)
    hasMore = end < ids.length
  }
  const page = ids.slice(start, end)
  if (page.length === 0) {
    return ok({ deleted_users: [], meta: { has_more: false, after_cursor: null, before_cursor: null }, links: { next: null, prev: null } })
  }
  const afterCursor = encodeCursor("after", page[page.length - 1]!)
  const beforeCursor = encodeCursor("before", page[0]!)
  const link = (params: Record<string, string | number>) => `${state.baseUrl}/api/v2/deleted_users?${bracketQuery(params)}`
  return ok({
    deleted_users: page.map((id) => render(state.user(id)!, state.baseUrl, "deleted_users")),
    meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
    // Zendesk's quirk: the last non-empty page still carries links.next.
    links: { next: link({ "page[after]": afterCursor, "page[size]": size }), prev: link({ "page[before]": beforeCursor, "page[size]": size }) }
  })
}

const listByOffset = (state: SimulatorState, query: URLSearchParams): Reply => {
  const rawPage = query.get("page") ?? "1"
  const rawPer = query.get("per_page") ?? "100"
  const page = Number(rawPage)
  const perPage = Number(rawPer)
  if (!/^\d+$/.test(rawPage) || !/^\d+$/.test(rawPer) || page < 1 || perPage < 1 || perPage > 100) {
    return { status: 400, body: { error: "InvalidPaginationParameter", description: "page and per_page must be positive; per_page at most 100" } }
  }
  const offset = (page - 1) * perPage
  if (offset >= maxOffsetRecords) return { status: 400, body: envelopes.invalidPaginationDepth }
  const ids = state.deletedIds()
  const slice = ids.slice(offset, offset + perPage)
  const link = (p: number) => `${state.baseUrl}/api/v2/deleted_users?page=${p}&per_page=${perPage}`
  return ok({
    deleted_users: slice.map((id) => render(state.user(id)!, state.baseUrl, "deleted_users")),
    next_page: offset + perPage < ids.length ? link(page + 1) : null,
    previous_page: page > 1 ? link(page - 1) : null,
    count: ids.length
  })
}

/** GET /api/v2/deleted_users/count: capped at 100,000 with a null `refreshed_at` above it. */
export const countDeletedUsers = ({ state, now }: RouteRequest): Reply => {
  const total = state.deletedIds().length
  const refreshing = total > 100_000
  return ok({
    count: {
      value: Math.min(total, 100_000),
      refreshed_at: refreshing ? null : new Date(now).toISOString().replace(/\.\d{3}Z$/, "+00:00")
    }
  })
}

/** GET /api/v2/deleted_users/{id}: only users deleted but not yet permanently deleted. */
export const showDeletedUser = ({ state, id }: RouteRequest): Reply => {
  const user = state.user(parseId(id) ?? -1)
  return user?.status === "soft-deleted" ? ok({ deleted_user: render(user, state.baseUrl, "deleted_users") }) : notFound
}

/** DELETE /api/v2/deleted_users/{id}: 200 with the user (not 204); 404 unless soft-deleted; 403 for agents. */
export const permanentlyDeleteUser = ({ state, id, principal }: RouteRequest): Reply => {
  if (principal !== "admin") return { status: 403, body: envelopes.forbidden }
  const numeric = parseId(id)
  const before = numeric === undefined ? undefined : state.purge(numeric)
  return before === undefined ? notFound : ok({ deleted_user: render(before, state.baseUrl, "deleted_users") })
}

/** DELETE /api/v2/users/{id}: soft-deletes an active user (200, `active: false`). */
export const deleteUser = ({ state, id, principal, now }: RouteRequest): Reply => {
  if (principal !== "admin") return { status: 403, body: envelopes.forbidden }
  const user = state.softDelete(parseId(id) ?? -1, now)
  return user === undefined ? notFound : ok({ user: render(user, state.baseUrl, "users") })
}
