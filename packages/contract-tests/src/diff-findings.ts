/**
 * What `diff` reports: findings with a severity a release tool can map to a version bump, each
 * reported once at the place it happens, with every operation it reaches.
 *
 * @module
 */

/**
 * `breaking`: a client of the old spec fails on the wire; `type-breaking`: the wire is unchanged but
 * code generated from the spec changes incompatibly (a renamed schema or path parameter);
 * `warning`: may break some clients (oasdiff's WARN class: a removed optional property, a new
 * response enum value); `non-breaking`: an addition, or a change no client can see fail.
 */
export type Severity = "breaking" | "type-breaking" | "warning" | "non-breaking"

/** A finding before it is tied to operations: where (a JSON pointer, into the new spec unless the thing was removed) and what. */
export interface Change {
  /** The stable id of the rule that found it (`request-property-removed`): see `rules` in diff-rules. */
  readonly rule: string
  /** How the change affects clients: the rule's severity, unless the context or an override changed it. */
  readonly severity: Severity
  /** Which side of an exchange it concerns. */
  readonly side: "request" | "response" | "operation" | "types"
  /** Where, as a JSON pointer into the new spec (the old one for removals). */
  readonly pointer: string
  /** What changed. */
  readonly message: string
}

/** A change with the operations it reaches (`operationId`, or `METHOD /path`). */
export interface Finding extends Change {
  /** The operations it reaches. */
  readonly operations: ReadonlyArray<string>
  /** Why an override file changed its severity, when one did. */
  readonly override?: string
}

/** Severities from the loudest: `--fail-on X` fails on X and everything before it. */
export const severities: ReadonlyArray<Severity> = ["breaking", "type-breaking", "warning", "non-breaking"]
const rank = Object.fromEntries(severities.map((s, i) => [s, i])) as Record<Severity, number>

/** Collects changes, merging one reported from several operations into one finding. */
export class Findings {
  private readonly byKey = new Map<string, { change: Change; operations: Set<string> }>()

  /** Records changes, each reaching `operation` (when there is one). */
  add(changes: Iterable<Change>, operation?: string): void {
    for (const change of changes) {
      const key = `${change.severity}\u0000${change.rule}\u0000${change.pointer}\u0000${change.message}`
      let entry = this.byKey.get(key)
      if (entry === undefined) {
        entry = { change, operations: new Set() }
        this.byKey.set(key, entry)
      }
      if (operation !== undefined) entry.operations.add(operation)
    }
  }

  /** The findings, breaking first, then by pointer. */
  list(): Array<Finding> {
    return [...this.byKey.values()]
      .map(({ change, operations }) => ({ ...change, operations: [...operations].sort() }))
      .sort(byRank)
  }
}

/** Loudest first, then by pointer, then by message. */
export const byRank = (a: Finding, b: Finding): number => rank[a.severity] - rank[b.severity] || (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)

/** Counts by severity, and the version bump they call for. */
export interface DiffSummary {
  /** Breaking findings. */
  readonly breaking: number
  /** Type-breaking findings. */
  readonly typeBreaking: number
  /** Warnings: changes that may break some clients. */
  readonly warning: number
  /** Non-breaking findings. */
  readonly nonBreaking: number
  /** `major` on any breaking, type-breaking or warning finding (a warning may break a client), `minor` on additions only, else `patch`. */
  readonly release: "major" | "minor" | "patch"
}

/** The summary of a list of findings. */
export const summarize = (findings: ReadonlyArray<Finding>): DiffSummary => {
  let breaking = 0
  let typeBreaking = 0
  let warning = 0
  let nonBreaking = 0
  for (const f of findings) {
    if (f.severity === "breaking") breaking++
    else if (f.severity === "type-breaking") typeBreaking++
    else if (f.severity === "warning") warning++
    else nonBreaking++
  }
  return { breaking, typeBreaking, warning, nonBreaking, release: breaking + typeBreaking + warning > 0 ? "major" : nonBreaking > 0 ? "minor" : "patch" }
}
