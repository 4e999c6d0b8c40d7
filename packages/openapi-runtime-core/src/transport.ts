/**
 * What the runtimes' `node:http` transports share: request targets parsed once per origin, and the
 * deadlines of a transport's requests on one timer.
 *
 * @module transport
 */
export * from "./deadlines.js"
export * from "./request-target.js"
