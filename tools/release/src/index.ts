/**
 * The release tool: `nx release` with spec-driven bumps. See {@link release} and {@link planRelease}.
 *
 * @module
 */
export * from "./dependents.js"
export * from "./plan.js"
export * from "./release.js"
