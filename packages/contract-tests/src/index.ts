/**
 * Contract tests for any OpenAPI spec: lint it, verify recorded HAR traffic against it, record and
 * replay that traffic through a client, and report breaking changes between two versions.
 *
 * @module
 */
export * from "./check.js"
export * from "./config.js"
export * from "./har.js"
export * from "./report.js"
export * from "./spec-index.js"
export * from "./validator.js"
export * from "./verify.js"
export * from "./coverage.js"
export * from "./diff.js"
export * from "./replay.js"
export { replayEntry } from "./replay-deprecated.js"
export * from "./diff-format.js"
export * from "./input-error.js"
export * from "./json-position.js"
export * from "./pointer.js"
export * from "./spec-source.js"
export * from "./xml.js"
export * from "./redact.js"
export * from "./safe-write.js"
export * from "./har-recorder.js"
