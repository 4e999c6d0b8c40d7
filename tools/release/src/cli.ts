/**
 * `openapi-release [--dry-run] [--skip-publish] [--verbose]`, what `npm run release` runs.
 * Exit codes: 0 released (or nothing to release); 1 a publish failed; 2 bad input or usage (unknown
 * option, not at the workspace root, a spec the contract diff refuses).
 *
 * @module
 */
import { parseArgs } from "node:util"
import { ReleaseInputError } from "./plan.js"
import { release } from "./release.js"

const usage = `usage: openapi-release [--dry-run] [--skip-publish] [--verbose]
  --dry-run       show the versions, changelog entries and packages a release would publish; change nothing
  --skip-publish  version, changelog, commit and tag, but do not publish
  --verbose       Nx's detailed logs
Run from the workspace root. Exit 0: released or nothing to release; 1: a publish failed; 2: bad input.`

const main = async (): Promise<number> => {
  let values: { "dry-run"?: boolean; "skip-publish"?: boolean; verbose?: boolean; help?: boolean }
  try {
    values = parseArgs({ args: process.argv.slice(2), options: { "dry-run": { type: "boolean" }, "skip-publish": { type: "boolean" }, verbose: { type: "boolean" }, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: false }).values
  } catch (e) {
    console.error(`openapi-release: ${(e as Error).message}\n${usage}`)
    return 2
  }
  if (values.help === true) {
    console.log(usage)
    return 0
  }
  try {
    const outcome = await release({ workspaceRoot: process.cwd(), dryRun: values["dry-run"] === true, skipPublish: values["skip-publish"] === true, verbose: values.verbose === true })
    return Object.values(outcome.published).some((code) => code !== 0) ? 1 : 0
  } catch (e) {
    if (e instanceof ReleaseInputError) {
      console.error(`openapi-release: ${e.message}`)
      return 2
    }
    throw e
  }
}

process.exitCode = await main()
