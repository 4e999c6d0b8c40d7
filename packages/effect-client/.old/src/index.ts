/**
 * An Effect client for the Zendesk Deleted Users API: typed errors, retries that honour
 * `Retry-After`, streams over pagination, and rate-limited purges that resume from a checkpoint.
 *
 * @module index
 */
export * from "./audit.js"
export * from "./checkpoint.js"
export * from "./config.js"
export * from "./deleted-users.js"
export * from "./errors.js"
export { checkId, parseId } from "./input.js"
export * from "./outcomes.js"
export * from "./pagination.js"
export type { PurgeOptions } from "./purge.js"
export * from "./rate-limit.js"
export { parseEnvelope, type ParsedEnvelope } from "./response.js"
export type { HeaderReader } from "./headers.js"
export * from "./retry.js"
export * from "./selection.js"
export type { ListOffsetOptions, ListOptions } from "./streams.js"
export type { Attachment, DeletedUser, DeletedUsersCount, DeletedUsersPage } from "@deleted-users/types"
