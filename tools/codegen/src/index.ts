/** Spec lint, type generation and drift check for the Deleted Users toolkit. */
export * from "./drift.js"
export * from "./generate.js"
export * from "@deleted-users/openapi-lint"
export * from "./paths.js"
