/**
 * What a release bumps, before Nx is asked to do it. For each package of the release group: its last
 * release tag (`{projectName}@{version}`), the specs its `generate` target reads, and what changed
 * since that tag. A changed spec is run through `openapi-contract diff --base <tag>`: its
 * `summary.release` (major on a breaking or type-breaking finding, minor on additions only, else
 * patch) is the bump of every package generated from it. Any other change to a package's folder is
 * a patch. A package with no release tag was never published: its spec is not diffed, and it is
 * released as a patch, with the commits since the first one that touched its folder (Nx's own
 * fallback). The result is written as Nx version plans, which `nx release` turns into versions and
 * changelog entries; Nx bumps dependents (a patch, with their ranges updated) itself.
 *
 * @module
 */
import { execFileSync, spawnSync } from "node:child_process"
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { findMatchingProjects } from "nx/src/devkit-internals.js"

/** A semver bump, smallest first. */
export type Bump = "patch" | "minor" | "major"

const rank: Record<Bump, number> = { patch: 0, minor: 1, major: 2 }

/** The larger of two bumps (`undefined` is no bump). */
export const maxBump = (a: Bump | undefined, b: Bump | undefined): Bump | undefined =>
  a === undefined ? b : b === undefined ? a : rank[a] >= rank[b] ? a : b

/** Bad input: not run at a workspace root, a release config this tool cannot read, a spec the diff refuses. Exit code 2. */
export class ReleaseInputError extends Error {
  /** Discriminates this error from others. */
  readonly _tag = "ReleaseInputError" as const
  override readonly name = "ReleaseInputError"
}

/** A finding as `openapi-contract diff --format json` prints it. */
export interface SpecFinding {
  /** The rule that found it (`response-property-enum-value-added`). */
  readonly rule?: string
  readonly severity: "breaking" | "type-breaking" | "warning" | "non-breaking"
  readonly side: string
  readonly pointer: string
  readonly message: string
  readonly operations: ReadonlyArray<string>
}

/** The JSON `openapi-contract diff --format json` prints. */
export interface SpecDiff {
  readonly findings: ReadonlyArray<SpecFinding>
  readonly summary: { readonly breaking: number; readonly typeBreaking: number; readonly warning?: number; readonly nonBreaking: number; readonly release: Bump }
}

/** A package of the release group, as this tool sees it. */
export interface ReleaseProject {
  /** Nx project name. */
  readonly name: string
  /** Folder, relative to the workspace root. */
  readonly root: string
  /** `version` in its package.json. */
  readonly version: string
  /** Its last release tag, or `undefined` when that tag does not exist. */
  readonly tag: string | undefined
  /** What changes are measured from: the tag, else (never released) the first commit that touched the folder, as Nx does. */
  readonly base: string
  /** The commit `base` names. */
  readonly baseCommit: string
  /** Specs (workspace-relative) its `generate` target reads. */
  readonly specs: ReadonlyArray<string>
}

/** A spec that changed since a base, with its diff and the packages generated from it. */
export interface SpecChange {
  readonly spec: string
  readonly base: string
  readonly projects: ReadonlyArray<string>
  readonly diff: SpecDiff
}

/** Everything a release will do before Nx runs: per package its bump, and the version plans saying why. */
export interface ReleasePlan {
  readonly projects: ReadonlyArray<ReleaseProject>
  readonly specChanges: ReadonlyArray<SpecChange>
  /** Project → bump, for the packages that changed. */
  readonly bumps: Readonly<Record<string, Bump>>
  /** Version plan files (name → Markdown with front matter), for `.nx/version-plans/`. */
  readonly versionPlans: ReadonlyArray<{ readonly file: string; readonly text: string }>
  /** Notes for the person releasing (a package never released, whose spec is not diffed). */
  readonly notes: ReadonlyArray<string>
}

/** The subset of the Nx project graph this tool reads. */
export interface GraphLike {
  readonly nodes: Readonly<Record<string, { readonly data: { readonly root: string; readonly tags?: ReadonlyArray<string>; readonly targets?: Readonly<Record<string, { readonly inputs?: ReadonlyArray<unknown> }>> } }>>
}

const git = (root: string, args: ReadonlyArray<string>): string =>
  execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 2 ** 20 }).trim()

const gitStatus = (root: string, args: ReadonlyArray<string>): number => spawnSync("git", args, { cwd: root, stdio: "ignore" }).status ?? 2

const workspaceFile = "{workspaceRoot}/"

/**
 * The specs a project is generated from: the files its `generate` target names as inputs, spelled
 * `{workspaceRoot}/<path>.yml|yaml|json` (no glob), so the Nx cache and the release agree on them.
 */
export const specsOf = (graph: GraphLike, project: string): Array<string> =>
  (graph.nodes[project]?.data.targets?.["generate"]?.inputs ?? []).flatMap((input) =>
    typeof input === "string" && input.startsWith(workspaceFile) && /\.(ya?ml|json)$/.test(input) && !/[*?{}[\]!]/.test(input.slice(workspaceFile.length))
      ? [input.slice(workspaceFile.length)]
      : []
  )

/** The `release` section of nx.json this tool relies on. */
export interface ReleaseConfig {
  /** Project names and the patterns Nx takes (`tag:api`, globs, `!name`), as nx.json gives them. */
  readonly projects: ReadonlyArray<string>
  /** `release.releaseTag.pattern`, default `{projectName}@{version}`. */
  readonly releaseTagPattern: string
}

/** Reads `release.projects` (names or patterns) and `release.releaseTag.pattern` from nx.json. */
export const readReleaseConfig = (workspaceRoot: string): ReleaseConfig => {
  let nx: { release?: { projects?: unknown; releaseTag?: { pattern?: unknown } } }
  try {
    nx = JSON.parse(readFileSync(path.join(workspaceRoot, "nx.json"), "utf8")) as typeof nx
  } catch (e) {
    throw new ReleaseInputError(`${path.join(workspaceRoot, "nx.json")}: cannot read (${(e as Error).message}); run from the workspace root`)
  }
  const given = nx.release?.projects
  const projects = typeof given === "string" ? [given] : given
  if (!Array.isArray(projects) || projects.length === 0 || !projects.every((p) => typeof p === "string")) throw new ReleaseInputError("nx.json: release.projects must list the projects to release (names or patterns such as tag:api)")
  const pattern = nx.release?.releaseTag?.pattern ?? "{projectName}@{version}"
  if (typeof pattern !== "string") throw new ReleaseInputError("nx.json: release.releaseTag.pattern must be a string")
  return { projects: projects as Array<string>, releaseTagPattern: pattern }
}

/**
 * The project names `release.projects` selects, resolved as `nx release` resolves them (Nx's own
 * matcher: names, `tag:<tag>`, globs, `!exclusions`), in graph order. A plain name that is no project is
 * an error (a typo would silently leave a package out); a pattern may match none.
 */
export const releaseProjectNames = (graph: GraphLike, config: ReleaseConfig): Array<string> => {
  const pattern = /[*?!]|^tag:/
  for (const name of config.projects) {
    if (!pattern.test(name) && graph.nodes[name] === undefined) throw new ReleaseInputError(`nx.json release.projects: no project named ${JSON.stringify(name)}`)
  }
  const nodes = Object.fromEntries(Object.entries(graph.nodes).map(([name, node]) => [name, { data: { root: node.data.root, tags: [...(node.data.tags ?? [])] } }]))
  return findMatchingProjects([...config.projects], nodes)
}

/** Reads each release project: version, last tag, base and specs. */
export const readProjects = (workspaceRoot: string, graph: GraphLike, config: ReleaseConfig): Array<ReleaseProject> =>
  releaseProjectNames(graph, config).map((name) => {
    const node = graph.nodes[name]!
    const root = node.data.root
    const version = (JSON.parse(readFileSync(path.join(workspaceRoot, root, "package.json"), "utf8")) as { version: string }).version
    const wanted = config.releaseTagPattern.replaceAll("{projectName}", name).replaceAll("{version}", version)
    const tag = gitStatus(workspaceRoot, ["rev-parse", "-q", "--verify", `refs/tags/${wanted}`]) === 0 ? wanted : undefined
    const base = tag ?? git(workspaceRoot, ["log", "--reverse", "--format=%H", "--", root]).split("\n")[0]
    if (base === undefined || base === "") throw new ReleaseInputError(`${root}: no commit touches it yet; commit it before releasing`)
    return { name, root, version, tag, base, baseCommit: git(workspaceRoot, ["rev-parse", `${base}^{commit}`]), specs: specsOf(graph, name) }
  })

/** The `openapi-contract` command, as @effect-openapi/contract declares it in its package.json `bin`. */
export const contractCommand = (): string => {
  let dir: string
  try {
    dir = path.dirname(fileURLToPath(import.meta.resolve("@effect-openapi/contract")))
  } catch {
    throw new ReleaseInputError("@effect-openapi/contract is not installed; run npm ci && npm run build")
  }
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string; bin?: Record<string, string> }
      const bin = pkg.name === "@effect-openapi/contract" ? pkg.bin?.["openapi-contract"] : undefined
      if (bin !== undefined) return path.join(dir, bin)
    } catch {
      // not the package folder yet
    }
    dir = path.dirname(dir)
  }
  throw new ReleaseInputError("@effect-openapi/contract: no openapi-contract command found; run npm ci && npm run build")
}

/** Runs `openapi-contract diff --base <base> <spec> --format json`; exit 0 and 1 both carry a report. */
export const diffSpec = (workspaceRoot: string, spec: string, base: string, command: string = contractCommand()): SpecDiff => {
  const run = spawnSync(process.execPath, [command, "diff", "--base", base, spec, "--format", "json"], { cwd: workspaceRoot, encoding: "utf8", maxBuffer: 64 * 2 ** 20 })
  if (run.status === 0 || run.status === 1) {
    try {
      return JSON.parse(run.stdout) as SpecDiff
    } catch {
      // fall through: not the JSON report
    }
  }
  const why = (run.stderr || run.stdout || String(run.error ?? "")).trim().split("\n")[0]
  throw new ReleaseInputError(`openapi-contract diff --base ${base} ${spec} (exit ${run.status}): ${why}`)
}

const md = (s: string) => s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`)
const label: Record<SpecFinding["severity"], string> = { breaking: "breaking", "type-breaking": "breaking (generated types)", warning: "may break (warning)", "non-breaking": "added" }

/** The changelog text for a spec change: a title line, then one line per operation or field that changed. */
export const describeSpecChange = (change: SpecChange, since: string): string => {
  const s = change.diff.summary
  const lines = [`API changes in ${change.spec} since ${since} (${s.release}: ${s.breaking} breaking, ${s.typeBreaking} type-breaking, ${(s.warning ?? 0) > 0 ? `${s.warning} warnings, ` : ""}${s.nonBreaking} added)`]
  for (const f of change.diff.findings) {
    const reach = f.operations.length === 0 || f.operations.every((o) => f.message.includes(o)) ? "" : ` (${f.operations.map(md).join(", ")})`
    lines.push(`- **${label[f.severity]}**: ${md(f.message)}${reach}, at \`${f.pointer}\``)
  }
  if (change.diff.findings.length === 0) lines.push("- no change a client can see (descriptions, examples or formatting)")
  return lines.join("\n")
}

const frontMatter = (bumps: ReadonlyArray<readonly [string, Bump]>) => ["---", ...bumps.map(([p, b]) => `${p}: ${b}`), "---", ""].join("\n")

/**
 * Works out the release: spec diffs for the packages generated from a changed spec, a patch for any
 * other package whose folder changed since its tag, and the version plans that carry both to Nx.
 */
export const planRelease = (workspaceRoot: string, graph: GraphLike, config: ReleaseConfig = readReleaseConfig(workspaceRoot)): ReleasePlan => {
  const projects = readProjects(workspaceRoot, graph, config)
  const bumps: Record<string, Bump> = {}
  const notes: Array<string> = []
  const versionPlans: Array<{ file: string; text: string }> = []
  const specChanges: Array<SpecChange> = []
  // One diff per (spec, base commit): packages last released from the same commit share it.
  const bySpecBase = new Map<string, Array<ReleaseProject>>()
  for (const p of projects) {
    for (const spec of p.specs) {
      const key = `${spec}\u0000${p.baseCommit}`
      bySpecBase.set(key, [...(bySpecBase.get(key) ?? []), p])
    }
  }
  let command: string | undefined
  for (const [key, members] of bySpecBase) {
    const [spec, base] = key.split("\u0000") as [string, string]
    if (gitStatus(workspaceRoot, ["diff", "--quiet", base, "HEAD", "--", spec]) === 0) continue
    if (members[0]!.tag === undefined) {
      // Never released: there is no published API to break, so the spec is not diffed.
      notes.push(`${members.map((m) => m.name).join(", ")}: no release tag yet, so ${spec} is not diffed (nothing published to compare with); changed files make a patch`)
      continue
    }
    const diff = diffSpec(workspaceRoot, spec, base, (command ??= contractCommand()))
    const change: SpecChange = { spec, base, projects: members.map((m) => m.name), diff }
    specChanges.push(change)
    for (const m of members) bumps[m.name] = maxBump(bumps[m.name], diff.summary.release)!
    const since = members.map((m) => m.tag!).join(", ")
    versionPlans.push({
      file: `spec-${spec.replace(/[^A-Za-z0-9]+/g, "-")}-${base.slice(0, 12)}.md`,
      text: `${frontMatter(members.map((m) => [m.name, diff.summary.release] as const))}\n${describeSpecChange(change, since)}\n`
    })
  }
  for (const p of projects) {
    // A package never released (no tag) is released even if its folder did not change since it was added.
    if (p.tag !== undefined && gitStatus(workspaceRoot, ["diff", "--quiet", p.base, "HEAD", "--", p.root]) === 0) continue
    bumps[p.name] = maxBump(bumps[p.name], "patch")!
    const subjects = git(workspaceRoot, ["log", "--no-merges", "--format=%s", `${p.base}..HEAD`, "--", p.root]).split("\n").filter((s) => s !== "")
    const shown = subjects.slice(0, 20).map((s) => `- ${md(s)}`)
    if (subjects.length > shown.length) shown.push(`- and ${subjects.length - shown.length} more commits`)
    const title = p.tag === undefined ? `First release of ${p.root} (no tag ${p.name}@${p.version} yet)` : `Changes in ${p.root} since ${p.tag}`
    versionPlans.push({ file: `changes-${p.name}.md`, text: `${frontMatter([[p.name, "patch"]])}\n${title}\n${shown.join("\n")}\n` })
  }
  return { projects, specChanges, bumps, versionPlans, notes }
}

/** Where Nx reads version plans from. */
export const versionPlansDir = (workspaceRoot: string): string => path.join(workspaceRoot, ".nx", "version-plans")

/** Writes the plan's version plans (prefixed `release-`, so they are told apart from plans people write); returns their paths. */
export const writeVersionPlans = (workspaceRoot: string, plan: ReleasePlan): Array<string> => {
  const dir = versionPlansDir(workspaceRoot)
  mkdirSync(dir, { recursive: true })
  return plan.versionPlans.map(({ file, text }) => {
    const target = path.join(dir, `release-${file}`)
    writeFileSync(target, text)
    return target
  })
}
