/**
 * The `deleted-users` command line, for embedding and tests.
 *
 * @module
 */
export { command } from "./commands.js"
export { parseBudget, parseDuration } from "./duration.js"
export { hoistGlobalOptions } from "./argv.js"
export { ExitCode, PurgeIncomplete, UsageError } from "./errors.js"
export { describeFailure, type Described } from "./failure.js"
export { pacedDeletedUsers, pacedTransport, stateFileFor } from "./pacing.js"
export { checkWritableFile } from "./paths.js"
export { stripUrlSecrets } from "./secrets.js"
export { parseIds, readIdsFile, scanIds, type BadLine } from "./ids.js"
export { exitCodeOf, main, noteSignal } from "./main.js"
export { renderProgress, type ProgressState } from "./progress.js"
