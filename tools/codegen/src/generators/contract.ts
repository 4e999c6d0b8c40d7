/**
 * The `contract` target of a project added by `nx g @effect-openapi/codegen:api`:
 * `node tools/codegen/dist/generators/contract.js --spec FILE --fixtures DIR [--base REF]`, run from the
 * workspace root. Three checks with the contract tool (`openapi-contract`, from
 * `@effect-openapi/contract`), each run even when one before failed:
 *
 * 1. `lint FILE`: the spec is valid OpenAPI, every `$ref` resolves.
 * 2. `verify DIR --strict --spec FILE`, when DIR holds `.har` files (the API's recorded traffic,
 *    `<project>/fixtures/recorded` by convention); skipped, with a note, when it holds none.
 * 3. `diff --base REF FILE`, when a base is given (`--base`, else `CONTRACT_BASE`, else
 *    `GITHUB_BASE_REF`, as CI sets them; the merge base with `origin/<ref>` or `<ref>`) and the spec
 *    exists there; a breaking change fails. Without a base (a local run) it is skipped, with a note.
 *
 * Exit 0 when every check that ran passed, 1 when one found a problem, 2 on bad usage.
 *
 * @module
 */
import { execFileSync, spawnSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"

/** The `openapi-contract` command, from the installed `@effect-openapi/contract`'s `bin`. */
export const contractBin = (): string => {
  let dir = path.dirname(fileURLToPath(import.meta.resolve("@effect-openapi/contract")))
  for (let i = 0; i < 4; i++) {
    const file = path.join(dir, "package.json")
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; bin?: Record<string, string> }
      const bin = pkg.name === "@effect-openapi/contract" ? pkg.bin?.["openapi-contract"] : undefined
      if (bin !== undefined) return path.join(dir, bin)
    }
    dir = path.dirname(dir)
  }
  throw new Error("@effect-openapi/contract: no openapi-contract command found (npm install -D @effect-openapi/contract)")
}

/** The `.har` files directly in `dir` (none when it does not exist). */
export const harFiles = (dir: string): Array<string> => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".har")) : [])

const git = (args: ReadonlyArray<string>): string | undefined => {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim()
  } catch {
    return undefined
  }
}

/** The commit to diff against: the merge base of HEAD with `origin/<ref>` or `<ref>`; `undefined` when neither resolves. */
export const mergeBase = (ref: string): string | undefined => {
  for (const candidate of [`origin/${ref}`, ref]) {
    const base = git(["merge-base", "HEAD", candidate])
    if (base !== undefined && base !== "") return base
  }
  return undefined
}

const main = (): number => {
  let values: { spec?: string; fixtures?: string; base?: string }
  try {
    values = parseArgs({ args: process.argv.slice(2), options: { spec: { type: "string" }, fixtures: { type: "string" }, base: { type: "string" } }, strict: true }).values
  } catch (e) {
    console.error(`contract: ${(e as Error).message}`)
    return 2
  }
  const { spec, fixtures } = values
  if (spec === undefined || fixtures === undefined) {
    console.error("usage: contract --spec FILE --fixtures DIR [--base REF]")
    return 2
  }
  const bin = contractBin()
  const run = (args: ReadonlyArray<string>): boolean => {
    console.log(`> openapi-contract ${args.join(" ")}`)
    return spawnSync(process.execPath, [bin, ...args], { stdio: "inherit" }).status === 0
  }
  const results: Array<boolean> = [run(["lint", spec])]
  const hars = harFiles(fixtures)
  if (hars.length > 0) results.push(run(["verify", fixtures, "--strict", "--spec", spec]))
  else console.log(`note: no recorded traffic (no .har file in ${fixtures}): verify skipped`)
  const wanted = values.base ?? (process.env["CONTRACT_BASE"] || process.env["GITHUB_BASE_REF"] || undefined)
  // GitHub's `before` of a branch's first push is all zeros: no base.
  if (wanted === undefined || /^0+$/.test(wanted)) console.log("note: no base (--base, CONTRACT_BASE or GITHUB_BASE_REF): diff skipped")
  else {
    const base = mergeBase(wanted)
    if (base === undefined) {
      console.error(`contract: no merge base with ${wanted} (fetch it: git fetch origin ${wanted})`)
      results.push(false)
    } else if (git(["cat-file", "-e", `${base}:./${spec}`]) === undefined) console.log(`note: ${spec} does not exist at ${wanted} (a new API): diff skipped`)
    else results.push(run(["diff", "--base", base, spec]))
  }
  return results.every(Boolean) ? 0 : 1
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main()
