/**
 * A rolling window kept in a file, shared by the processes of one machine: the runtime's `StampFile`
 * (`@effect-openapi/runtime/stamp-file`), re-exported under its old name. It never waits: a file
 * locked by another process is "try again soon", and the windows over it sleep with `Effect.sleep`.
 */
export { StampFile } from "@effect-openapi/runtime/stamp-file"
