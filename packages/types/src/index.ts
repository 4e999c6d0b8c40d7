/**
 * Types for the Zendesk Deleted Users API, with readable aliases: `src/generated/types.ts` is what
 * `effect-openapi generate --types-only` writes from `specs/zendesk/deleted-users.yml` (openapi-typescript's
 * `paths`, `components` and `operations`), the same module the generated `ZendeskDeletedUsers` client carries.
 *
 * @module
 */
import type { components, operations, paths } from "./generated/types.js"

export type { components, operations, paths }

/** The schemas of the spec, by name. */
export type Schemas = components["schemas"]

/** A deleted user, soft-deleted or permanently deleted (then personal fields are null). */
export type DeletedUser = Schemas["DeletedUserObject"]

/** The user's photo, an attachment. */
export type Attachment = Schemas["Attachment"]

/** A page of deleted users: cursor pages carry `meta` and `links`, offset pages `next_page`, `previous_page` and `count`. */
export type DeletedUsersPage = Schemas["DeletedUsersResponse"]

/** The body of show and permanently delete: `{ deleted_user }`. */
export type DeletedUserEnvelope = Schemas["DeletedUserResponse"]

/** The approximate count; `refreshed_at` may be null above 100,000. */
export type DeletedUsersCount = Schemas["DeletedUsersCount"]

/** The body of count: `{ count }`. */
export type DeletedUsersCountEnvelope = Schemas["CountResponse"]

/** Cursor pagination state: stop when `has_more` is false. */
export type CursorMeta = Schemas["CursorMeta"]

/** Cursor pagination links; the last page may still carry `next`. */
export type CursorLinks = Schemas["CursorLinks"]

/** Error body `{"errors":[{"code","title"}]}` (e.g. `InvalidPaginationParameter`). */
export type ErrorsListBody = Schemas["ErrorsListBody"]

/** Error body `{"error":"RecordNotFound","description":"..."}` or `{"error":{"title","message"}}`. */
export type ErrorBody = Schemas["ErrorBody"]

/** Any JSON error body Zendesk sends. */
export type ZendeskErrorBody = ErrorsListBody | ErrorBody

/** The query parameters of `ListDeletedUsers` (cursor and offset). */
export type ListDeletedUsersQuery = NonNullable<operations["ListDeletedUsers"]["parameters"]["query"]>

/** The operationIds of the spec. */
export type OperationId = keyof operations
