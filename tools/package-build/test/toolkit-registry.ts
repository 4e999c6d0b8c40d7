/**
 * The toolkit as a team installs it: the packages of this workspace that a given package needs (itself and
 * its workspace dependencies, transitively), packed by `npm pack` and published to a Verdaccio that proxies
 * everything else to the npm registry. And a runner for commands in a workspace outside this repository.
 */
import { execFile } from "node:child_process"
import { readFile, readdir, stat } from "node:fs/promises"
import * as path from "node:path"
import { promisify } from "node:util"
import { startRegistry, type Registry } from "./verdaccio.js"

const root = path.resolve(import.meta.dirname, "../../..")
const exec = promisify(execFile)

/** A workspace package: its folder, name and dependencies. */
export interface WorkspacePackage {
  readonly dir: string
  readonly name: string
  readonly dependencies: Record<string, string>
}

/** Every package of this workspace (packages/* and tools/*). */
export const workspacePackages = async (): Promise<Map<string, WorkspacePackage>> => {
  const found = new Map<string, WorkspacePackage>()
  for (const group of ["packages", "tools"]) {
    for (const dir of await readdir(path.join(root, group))) {
      const file = path.join(root, group, dir, "package.json")
      if (!(await stat(file).catch(() => undefined))) continue
      const m = JSON.parse(await readFile(file, "utf8")) as { name: string; dependencies?: Record<string, string> }
      found.set(m.name, { dir: path.join(root, group, dir), name: m.name, dependencies: m.dependencies ?? {} })
    }
  }
  return found
}

/** The named packages and every workspace package they depend on, transitively: what a registry must hold to install them. */
export const closureOf = (packages: Map<string, WorkspacePackage>, names: ReadonlyArray<string>): Array<WorkspacePackage> => {
  const seen = new Map<string, WorkspacePackage>()
  const visit = (n: string) => {
    const pkg = packages.get(n)
    if (pkg === undefined || seen.has(n)) return
    seen.set(n, pkg)
    for (const dep of Object.keys(pkg.dependencies)) visit(dep)
  }
  for (const name of names) visit(name)
  return [...seen.values()]
}

/** A registry holding the toolkit packages `names` need, and the names it holds. */
export interface ToolkitRegistry {
  readonly registry: Registry
  readonly published: ReadonlyArray<string>
}

/** Starts Verdaccio (proxying to the npm registry) and publishes the closure of `names`, packed as `npm pack` packs them. */
export const publishToolkit = async (names: ReadonlyArray<string>, prefix: string): Promise<ToolkitRegistry> => {
  const registry = await startRegistry({ proxy: true, prefix })
  const closure = closureOf(await workspacePackages(), names)
  for (const pkg of closure) {
    const { stdout } = await exec("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", registry.dir], { cwd: pkg.dir })
    const [packed] = JSON.parse(stdout) as Array<{ filename: string }>
    await exec("npm", ["publish", path.join(registry.dir, packed!.filename), "--userconfig", registry.userconfig], { cwd: registry.dir })
  }
  return { registry, published: closure.map((pkg) => pkg.name).sort() }
}

/** Nx in a test: no daemon, no cloud, no terminal UI, no cache between runs. */
export const nxEnv: NodeJS.ProcessEnv = { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true", NX_TUI: "false", NX_SKIP_NX_CACHE: "true", CI: "true" }

/** What a command printed, and its exit code (0 when it succeeded). */
export interface Outcome {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs a command in `cwd`, whatever its exit code, within `timeout` ms. */
export const runIn = (cwd: string, command: string, args: ReadonlyArray<string>, env: NodeJS.ProcessEnv = nxEnv, timeout = 300_000): Promise<Outcome> =>
  exec(command, [...args], { cwd, env, timeout, maxBuffer: 64 * 2 ** 20 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code?: number | string; stdout?: string; stderr?: string; message: string }) => ({ code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: `${e.stderr ?? ""}${typeof e.code === "number" ? "" : e.message}` })
  )

/** Runs a command that must succeed; its failure throws with what it printed. */
export const mustRun = async (cwd: string, command: string, args: ReadonlyArray<string>, env?: NodeJS.ProcessEnv): Promise<Outcome> => {
  const outcome = await runIn(cwd, command, args, env)
  if (outcome.code !== 0) throw new Error(`${command} ${args.join(" ")} (exit ${outcome.code}):\n${outcome.stdout.slice(-4000)}\n${outcome.stderr.slice(-4000)}`)
  return outcome
}
