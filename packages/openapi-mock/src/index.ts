/**
 * A mock HTTP server from any OpenAPI 3.0 or 3.1 spec, as Stoplight Prism does: each operation
 * answers with its examples first, else with values generated from its schemas; requests are
 * validated (parameters, JSON body, credentials present) and an invalid one gets a problem+json
 * naming each JSON pointer; `Prefer: code=404` or `Prefer: example=name` picks the answer; an
 * undocumented path is a 404, an undocumented method a 405.
 *
 * ```ts
 * const mock = await startMock({ spec: "openapi.yaml" })
 * await fetch(`${mock.url}/pets/1`, { headers: { prefer: "code=404" } })
 * await mock.close()
 * ```
 *
 * @module
 */
export { makeHandler, type Handler } from "./handler.js"
export { type MockOptions, type RunningMock, startMock } from "./server.js"
export { loadSpec, type Spec, SpecError } from "./spec.js"
export type { Document, Example, Header, MediaType, Operation, Parameter, PathItem, RequestBody, Response, Schema, SecurityRequirement, SecurityScheme } from "./openapi.js"
export type { Problem } from "./problem.js"
export type { Violation } from "./violation.js"
