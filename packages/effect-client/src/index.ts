/**
 * An Effect client for the Zendesk Deleted Users API.
 *
 * @module
 */
export * from "./config.js"
export * from "./deleted-users.js"
export * from "./errors.js"
export { checkId, parseId } from "./input.js"
export * from "./pagination.js"
export { parseEnvelope } from "./response.js"
export * from "./retry.js"
