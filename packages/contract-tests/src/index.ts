/**
 * Contract tests for the Zendesk Deleted Users API: lint the spec, verify recorded HAR traffic
 * against it, replay fixtures through the client, and report breaking changes between specs.
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
