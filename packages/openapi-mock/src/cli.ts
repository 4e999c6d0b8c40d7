/**
 * The `openapi-mock` command line: `openapi-mock --spec FILE [--port N] [--host 127.0.0.1]`.
 *
 * @module
 */
import { parseArgs } from "node:util"

/** How to call the command. */
export const USAGE = "usage: openapi-mock --spec FILE [--port N] [--host 127.0.0.1]"

/** What the command line asks for: a mock to start, the usage, or a mistake (one line). */
export type Command =
  | { readonly _tag: "Start"; readonly spec: string; readonly port: number; readonly host: "127.0.0.1" }
  | { readonly _tag: "Help" }
  | { readonly _tag: "BadUsage"; readonly message: string }

/** Reads the arguments after the command's name. */
export const parseCommand = (argv: ReadonlyArray<string>): Command => {
  let values: { spec?: string; port?: string; host?: string; help?: boolean }
  try {
    values = parseArgs({
      args: [...argv],
      options: { spec: { type: "string" }, port: { type: "string" }, host: { type: "string" }, help: { type: "boolean", short: "h" } },
      allowPositionals: false,
      strict: true
    }).values
  } catch (error) {
    return { _tag: "BadUsage", message: `${String((error as Error).message).split("\n")[0]}; ${USAGE}` }
  }
  if (values.help === true) return { _tag: "Help" }
  if (values.spec === undefined || values.spec === "") return { _tag: "BadUsage", message: `--spec is required; ${USAGE}` }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!/^\d+$/.test(values.port ?? "0") || port > 65535) return { _tag: "BadUsage", message: `--port must be 0..65535, not ${values.port ?? ""}` }
  if (values.host !== undefined && values.host !== "127.0.0.1") return { _tag: "BadUsage", message: `--host may only be 127.0.0.1, not ${values.host}` }
  return { _tag: "Start", spec: values.spec, port, host: "127.0.0.1" }
}
