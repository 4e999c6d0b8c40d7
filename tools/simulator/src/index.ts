/**
 * A local Zendesk for the Deleted Users API: deterministic state, Zendesk's pagination quirks,
 * auth, rate limits and opt-in faults, on a real HTTP server bound to 127.0.0.1.
 *
 * @module
 */
export * from "./admin.js"
export * from "./admin-client.js"
export * from "./credentials.js"
export * from "./cursor.js"
export * from "./envelopes.js"
export * from "./faults.js"
export * from "./rate-limit.js"
export * from "./server.js"
export * from "./state.js"
export * from "./users.js"
export * from "./process.js"
