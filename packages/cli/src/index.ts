/**
 * The `deleted-users` command line, for embedding and tests.
 *
 * @module
 */
export { command } from "./commands.js"
export { parseBudget, parseDuration } from "./duration.js"
export { hoistGlobalOptions } from "./argv.js"
export { ExitCode, OutputError, PurgeIncomplete, UsageError } from "./errors.js"
export { describeFailure, type Described } from "./failure.js"
export { accountDeletedUsers, cappedTransport, maxResponseBytes } from "./pacing.js"
export { checkWritableFile } from "./paths.js"
export { redactCredentials, stripUrlSecrets } from "./secrets.js"
export { escapeInvisible, quote } from "./text.js"
export { badPunycodeLabel, baseUrlProblem } from "./base-url.js"
export { parseIds, readIdsFile, scanIds, type BadLine } from "./ids.js"
export { exitCodeOf, main, noteSignal } from "./main.js"
export { otlpEndpointProblem, telemetryLayer } from "./telemetry.js"
export { renderProgress, type ProgressState } from "./progress.js"
export type { ListFormat } from "./output.js"
