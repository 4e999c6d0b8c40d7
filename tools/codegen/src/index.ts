/**
 * `effect-openapi`, the one generator of the toolkit, in process: `generateClient` (every file of a client, or the
 * types alone), `clientDrift` (the drift check), the shared spec lint, and where this workspace keeps its spec.
 */
export { clientDrift } from "./client/drift.js"
export { generateClient, generatedHeader, SpecRefused, type GenerateOptions, type GeneratedFile } from "./client/generate.js"
export * from "@effect-openapi/lint"
export * from "./paths.js"
