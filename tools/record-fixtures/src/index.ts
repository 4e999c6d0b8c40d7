/**
 * Records HAR fixtures from the simulator or a real account, redacted by allow-list.
 *
 * @module
 */
export * from "./bad-fixtures.js"
export * from "./fixtures.js"
export * from "./record.js"
export { keepHeaders, makeRedactor, redactJson, requestHeaderAllowList, responseHeaderAllowList, type FakeSource, type Redactor } from "@effect-openapi/contract"
export * from "./scenarios.js"
