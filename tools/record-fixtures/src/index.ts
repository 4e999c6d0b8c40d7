/**
 * Records HAR fixtures from the simulator or a real account, redacted by allow-list.
 *
 * @module
 */
export * from "./bad-fixtures.js"
export * from "./fixtures.js"
export * from "./record.js"
export * from "./redact.js"
export * from "./scenarios.js"
