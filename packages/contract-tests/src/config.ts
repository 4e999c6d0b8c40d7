/**
 * Which spec the commands check: the one given with `--spec`, else the one named by the nearest
 * `openapi-contract.config.json` (`{ "spec": "path/to/openapi.yml" }`, the path relative to
 * that file), looked for in the working folder and each folder above it. There is no default: with
 * neither, it is an `InputError` (exit 2) that says how to give one.
 *
 * @module
 */
import { readFileSync, statSync } from "node:fs"
import * as path from "node:path"
import { InputError, reasonOf } from "./input-error.js"

/** The name of the config file the commands look for, from the working folder up to the root. */
export const configFileName = "openapi-contract.config.json"

/** What a config file holds. */
export interface ContractConfig {
  /** The OpenAPI spec, relative to the config file's folder (or absolute). */
  readonly spec: string
}

/** The nearest config file at or above `from`, or `undefined` when there is none. */
export const findConfigFile = (from: string): string | undefined => {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const file = path.join(dir, configFileName)
    if (statSync(file, { throwIfNoEntry: false })?.isFile() === true) return file
    if (path.dirname(dir) === dir) return undefined
  }
}

/** Reads a config file; an unreadable or invalid one is an `InputError` naming it. */
export const readConfig = (file: string): ContractConfig => {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"))
  } catch (e) {
    throw new InputError(`${file}: ${e instanceof SyntaxError ? `not JSON: ${e.message}` : `cannot read: ${reasonOf(e)}`}`)
  }
  const spec = (parsed as { spec?: unknown } | null)?.spec
  if (typeof spec !== "string" || spec === "") throw new InputError(`${file}: no "spec": expected { "spec": "path/to/openapi.yml" }`)
  return { spec }
}

/**
 * The spec to check: `given` (from `--spec`, relative to `cwd`) when there is one, else the spec of
 * the nearest config file at or above `cwd` (relative to that file). Neither is an `InputError`.
 */
export const resolveSpecPath = (given: string | undefined, cwd: string = process.cwd()): string => {
  if (given !== undefined) return path.resolve(cwd, given)
  const file = findConfigFile(cwd)
  if (file === undefined) {
    throw new InputError(`no spec: give --spec FILE, or put { "spec": "path/to/openapi.yml" } in a ${configFileName} in ${path.resolve(cwd)} or a folder above it`)
  }
  return path.resolve(path.dirname(file), readConfig(file).spec)
}
