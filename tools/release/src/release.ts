/**
 * One release, end to end: plan (spec diffs and changed folders → version plans), then Nx's own
 * phases through its programmatic API: version (package.json files and internal ranges; then the
 * ranges of workspace packages outside the group, and the lock file), changelog (CHANGELOG.md per
 * package, one commit, a tag per package), publish (to the registry `.npmrc` names). `dryRun` goes
 * to every phase, and the version plans this tool wrote are removed again, so a dry run leaves
 * files, commits and tags as they were. A real release needs a clean working tree: the release
 * commit would take in whatever is staged.
 *
 * @module
 */
import { execFileSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync, rmSync, rmdirSync } from "node:fs"
import * as path from "node:path"
import { updateLockFile, updateOutsideRanges } from "./dependents.js"
import { planRelease, ReleaseInputError, versionPlansDir, writeVersionPlans, type ReleasePlan } from "./plan.js"

/** Options of {@link release}. */
export interface ReleaseOptions {
  /** The workspace root; Nx reads it from the process's working directory, so it must be that. */
  readonly workspaceRoot: string
  /** Show what would change and be published; change nothing. */
  readonly dryRun: boolean
  /** Version and tag, but do not publish. */
  readonly skipPublish: boolean
  /** Nx's verbose logs. */
  readonly verbose: boolean
  /** Where progress goes (default: console.log). */
  readonly log?: (line: string) => void
}

/** What a release did (or, on a dry run, would do). */
export interface ReleaseOutcome {
  readonly plan: ReleasePlan
  /** Project → current and new version (`null`: not released). */
  readonly versions: Readonly<Record<string, { readonly currentVersion: string; readonly newVersion: string | null }>>
  /** Project → publish exit code (absent when not published). */
  readonly published: Readonly<Record<string, number>>
}

/** Runs a release; throws {@link ReleaseInputError} on bad input. Publishing failures are in `published`. */
export const release = async (options: ReleaseOptions): Promise<ReleaseOutcome> => {
  const log = options.log ?? ((line: string) => console.log(line))
  const { workspaceRoot, dryRun, verbose } = options
  if (path.resolve(process.cwd()) !== path.resolve(workspaceRoot) || !existsSync(path.join(workspaceRoot, "nx.json"))) throw new ReleaseInputError(`run from the workspace root (the folder holding nx.json), not ${process.cwd()}`)
  const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: workspaceRoot, encoding: "utf8" }).trim()
  if (dirty !== "") {
    if (!dryRun) throw new ReleaseInputError(`uncommitted changes (commit or stash them first; a release is cut from HEAD):\n${dirty}`)
    log("note: uncommitted changes are not part of a release (it is cut from HEAD)")
  }
  // Nx reads the workspace root from the working directory when it loads: import it only now.
  const { createProjectGraphAsync } = await import("@nx/devkit")
  const graph = await createProjectGraphAsync({ exitOnError: false })
  const plan = planRelease(workspaceRoot, graph)
  for (const note of plan.notes) log(`note: ${note}`)
  for (const change of plan.specChanges) {
    log(`${change.spec}: ${change.diff.summary.release} (${change.diff.summary.breaking} breaking, ${change.diff.summary.typeBreaking} type-breaking, ${change.diff.summary.nonBreaking} added) since ${plan.projects.filter((p) => change.projects.includes(p.name)).map((p) => p.tag).join(", ")} → ${change.projects.join(", ")}`)
  }
  const handWritten = existsSync(versionPlansDir(workspaceRoot)) ? readdirSync(versionPlansDir(workspaceRoot)).filter((f) => f.endsWith(".md")) : []
  if (Object.keys(plan.bumps).length === 0 && handWritten.length === 0) {
    log("Nothing to release: no package and no spec changed since the last release tags.")
    return { plan, versions: {}, published: {} }
  }
  const { releaseChangelog, releasePublish, releaseVersion } = await import("nx/release")
  const written = writeVersionPlans(workspaceRoot, plan)
  const cleanUp = () => {
    for (const file of written) rmSync(file, { force: true })
    try {
      rmdirSync(versionPlansDir(workspaceRoot))
    } catch {
      // not empty (plans people wrote), or already gone
    }
  }
  // Nx ends the process itself on some errors: clean up then too.
  process.once("exit", cleanUp)
  try {
    const { projectsVersionData, releaseGraph } = await releaseVersion({ dryRun, verbose, gitCommit: false, gitTag: false, stageChanges: true, deleteVersionPlans: false })
    const newVersions = new Map<string, string>()
    for (const [p, v] of Object.entries(projectsVersionData)) {
      const root = graph.nodes[p]?.data.root
      if (v.newVersion !== null && root !== undefined) newVersions.set((JSON.parse(readFileSync(path.join(workspaceRoot, root, "package.json"), "utf8")) as { name: string }).name, v.newVersion)
    }
    const moved = updateOutsideRanges(workspaceRoot, graph, plan.projects.map((p) => p.name), newVersions, dryRun)
    for (const u of moved) log(`${dryRun ? "Would move" : "Moved"} ${u.dependency} from ${u.from} to ${u.to} in ${u.manifest} (outside the release group)`)
    if (!dryRun) {
      // Nx's own lock file step is off (nx.json): it would run before the ranges above are moved.
      const staged = [...new Set(moved.map((u) => u.manifest)), ...updateLockFile(workspaceRoot)]
      if (staged.length > 0) execFileSync("git", ["add", "--", ...staged], { cwd: workspaceRoot, stdio: "inherit" })
    }
    await releaseChangelog({ versionData: projectsVersionData, releaseGraph, dryRun, verbose, deleteVersionPlans: true })
    const versions = Object.fromEntries(Object.entries(projectsVersionData).map(([p, v]) => [p, { currentVersion: v.currentVersion, newVersion: v.newVersion }]))
    const published: Record<string, number> = {}
    if (!options.skipPublish) {
      const results = await releasePublish({ versionData: projectsVersionData, releaseGraph, dryRun, verbose, outputStyle: "static" })
      for (const [p, r] of Object.entries(results)) published[p] = r.code
    }
    log("")
    log(dryRun ? "Would release (dry run, nothing changed):" : "Released:")
    for (const [p, v] of Object.entries(versions)) log(`  ${p}: ${v.currentVersion} → ${v.newVersion ?? "(unchanged)"}${published[p] === undefined ? "" : published[p] === 0 ? "" : `  publish failed (exit ${published[p]})`}`)
    return { plan, versions, published }
  } finally {
    // Nx deletes consumed plans on a real run; a dry run (or a failure) must leave none of ours behind.
    process.removeListener("exit", cleanUp)
    cleanUp()
  }
}
