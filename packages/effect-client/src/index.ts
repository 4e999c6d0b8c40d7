/**
 * An Effect client for the Zendesk Deleted Users API: the generated `ZendeskDeletedUsers` client (the
 * runtime's errors, retries and pagination, with Zendesk's error envelope read into them), and the
 * recipes that are Zendesk's own: `PurgeConfirmed`, pages, and rate-limited purges that resume from a
 * checkpoint.
 *
 * @module index
 */
export * from "./audit.js"
export * from "./budget-store.js"
export * from "./checkpoint.js"
export * from "./config.js"
export * from "./deleted-users.js"
export * from "./errors.js"
export { checkId, parseId } from "./input.js"
export * from "./outcomes.js"
export * from "./pagination.js"
export { isPurgeError, type PurgeOptions } from "./purge.js"
export * from "./purge-errors.js"
export * from "./rate-limit.js"
export { parseEnvelope, zendeskEnvelope, type ParsedEnvelope } from "./envelope.js"
export type { HeaderReader } from "./headers.js"
export * from "./retry.js"
export * from "./selection.js"
export type { ListOffsetOptions, ListOptions } from "./streams.js"
export type { Attachment, DeletedUser, DeletedUsersCount, DeletedUsersPage } from "@deleted-users/types"
