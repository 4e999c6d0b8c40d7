/**
 * The `deleted-users` command line, for embedding and tests.
 *
 * @module
 */
export { command } from "./commands.js"
export { parseBudget, parseDuration } from "./duration.js"
export { ExitCode, UsageError } from "./errors.js"
export { parseIds } from "./ids.js"
export { exitCodeOf, main } from "./main.js"
export { renderProgress, type ProgressState } from "./progress.js"
