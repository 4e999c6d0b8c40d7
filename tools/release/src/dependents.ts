/**
 * Workspace packages outside the release group (private tools, the contract tests) that depend on a
 * released package: Nx leaves their ranges alone, so a major would leave `^0.1.0` pointing at a
 * version the workspace no longer holds, and npm would look for it on the registry. This moves such
 * ranges to the new version (keeping `^`, `~` or exact), and then rewrites the lock file, so
 * `npm ci` keeps installing the workspace.
 *
 * @module
 */
import { execFileSync } from "node:child_process"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import type { GraphLike } from "./plan.js"

const fields = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] as const

type Triple = readonly [number, number, number]
const parse = (v: string): Triple | undefined => {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v)
  return m === null ? undefined : [Number(m[1]), Number(m[2]), Number(m[3])]
}
const gte = (a: Triple, b: Triple) => a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] >= b[2]

/**
 * Whether a plain range (`1.2.3`, `^1.2.3`, `~1.2.3`) admits a version; `undefined` for any other
 * range (`*`, `>=1`, `workspace:*`, …), which this tool leaves alone.
 */
export const admits = (range: string, version: string): boolean | undefined => {
  const m = /^([\^~]?)(\d+\.\d+\.\d+)$/.exec(range.trim())
  const v = parse(version)
  if (m === null || v === undefined) return undefined
  const r = parse(m[2]!)!
  if (m[1] === "") return gte(v, r) && gte(r, v)
  if (!gte(v, r)) return false
  if (m[1] === "~") return v[0] === r[0] && v[1] === r[1]
  // ^: the left-most non-zero part is fixed.
  return r[0] > 0 ? v[0] === r[0] : r[1] > 0 ? v[0] === 0 && v[1] === r[1] : v[0] === 0 && v[1] === 0 && v[2] === r[2]
}

/** A range moved: in which manifest, for which dependency, from what to what. */
export interface RangeUpdate {
  readonly manifest: string
  readonly dependency: string
  readonly from: string
  readonly to: string
}

/**
 * Moves the ranges of packages outside `released` that no longer admit a new version. `newVersions`
 * maps package names to versions. With `dryRun`, computes and writes nothing.
 */
export const updateOutsideRanges = (workspaceRoot: string, graph: GraphLike, released: ReadonlyArray<string>, newVersions: ReadonlyMap<string, string>, dryRun: boolean): Array<RangeUpdate> => {
  const updates: Array<RangeUpdate> = []
  for (const [name, node] of Object.entries(graph.nodes)) {
    if (released.includes(name)) continue
    const manifest = path.join(node.data.root, "package.json")
    const file = path.join(workspaceRoot, manifest)
    if (!existsSync(file)) continue
    const text = readFileSync(file, "utf8")
    const pkg = JSON.parse(text) as Record<string, unknown>
    let changed = false
    for (const field of fields) {
      const deps = pkg[field] as Record<string, string> | undefined
      if (deps === undefined) continue
      for (const [dependency, range] of Object.entries(deps)) {
        const version = newVersions.get(dependency)
        if (version === undefined || admits(range, version) !== false) continue
        const to = `${/^[\^~]/.exec(range.trim())?.[0] ?? ""}${version}`
        deps[dependency] = to
        updates.push({ manifest, dependency, from: range, to })
        changed = true
      }
    }
    if (changed && !dryRun) writeFileSync(file, `${JSON.stringify(pkg, null, /^\{\n( +)/.exec(text)?.[1]?.length ?? 2)}\n`)
  }
  return updates
}

/** Rewrites package-lock.json from the manifests (`npm install --package-lock-only`), when there is one; returns the files to stage. */
export const updateLockFile = (workspaceRoot: string): Array<string> => {
  if (!existsSync(path.join(workspaceRoot, "package-lock.json"))) return []
  execFileSync("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: workspaceRoot, stdio: ["ignore", "ignore", "inherit"] })
  return ["package-lock.json"]
}
