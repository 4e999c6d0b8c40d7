/**
 * The `openapi-mock` command: starts the mock, prints its URL as the first line on stdout, and closes
 * it on SIGINT or SIGTERM. Bad usage or a spec it can't serve: one line on stderr, exit code 2.
 *
 * @module
 */
import { parseCommand, USAGE } from "./cli.js"
import { startMock } from "./server.js"
import { SpecError } from "./spec.js"

const fail = (message: string, code: number) => {
  process.stderr.write(`openapi-mock: ${message.replace(/\s*\n\s*/g, " ")}\n`)
  process.exitCode = code
}

const main = async () => {
  const command = parseCommand(process.argv.slice(2))
  if (command._tag === "Help") return void process.stdout.write(`${USAGE}\n`)
  if (command._tag === "BadUsage") return fail(command.message, 2)
  try {
    const mock = await startMock({ spec: command.spec, port: command.port, host: command.host })
    process.stdout.write(`${mock.url}\n`)
    const stop = () => void mock.close().then(() => process.exit(0), () => process.exit(1))
    process.once("SIGINT", stop)
    process.once("SIGTERM", stop)
  } catch (error) {
    fail(error instanceof SpecError ? error.message : String((error as Error)?.message ?? error), error instanceof SpecError ? 2 : 1)
  }
}

// No top-level await: the CommonJS build (dual-build) has this module too.
void main()
