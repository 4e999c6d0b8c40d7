/** Spec lint, type generation and drift check for the Deleted Users toolkit. */
export * from "./drift.js"
export * from "./generate.js"
export * from "./lint.js"
export * from "./paths.js"
