/**
 * OpenAPI Overlay 1.0 documents (https://spec.openapis.org/overlay/v1.0.0), applied to a parsed spec
 * before it is read for generation: a team annotates a spec it does not own (`x-pagination`, security
 * schemes, fixes) and keeps the annotations in its repository. Targets are RFC 9535 JSONPath queries,
 * selected by jsonpathly; the actions are applied in order, each to the document as the previous ones left
 * it. `remove: true` removes every selected node from its parent; otherwise `update` is merged into every
 * selected object (objects merged recursively, arrays concatenated, other values replaced, as Speakeasy's
 * reference implementation does) or appended to every selected array (an array `update`: its entries).
 * An action that selects nothing is a warning naming it; an overlay that is not a valid Overlay 1.0
 * document is refused (`SpecRefused`) with the JSON pointer of each problem.
 *
 * @module
 */
import { Ajv } from "ajv"
import { paths as selectPaths } from "jsonpathly"
import { parseSpecFile, SpecUnreadable } from "./load.js"
import { SpecRefused } from "./read.js"

/** One action of an overlay. */
export interface OverlayAction {
  /** An RFC 9535 JSONPath query: the nodes of the spec the action changes. */
  readonly target: string
  /** What the action is for (warnings quote it). */
  readonly description?: string
  /** Merged into each selected object, or appended to each selected array. */
  readonly update?: unknown
  /** `true`: each selected node is removed from its parent (`update` is then ignored). */
  readonly remove?: boolean
}

/** An Overlay 1.0 document, validated. */
export interface Overlay {
  /** The overlay's path as messages name it. */
  readonly label: string
  /** Its actions, applied in order. */
  readonly actions: ReadonlyArray<OverlayAction>
}

const extensions = { "^x-": {} }

/** The Overlay 1.0.x document as its JSON Schema (2024-10-22) describes it, in draft-07 terms. */
const overlaySchema = {
  type: "object",
  required: ["overlay", "info", "actions"],
  properties: {
    overlay: { type: "string", pattern: "^1\\.0\\.\\d+$" },
    info: {
      type: "object",
      required: ["title", "version"],
      properties: { title: { type: "string" }, version: { type: "string" } },
      patternProperties: extensions,
      additionalProperties: false
    },
    extends: { type: "string" },
    actions: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["target"],
        properties: {
          target: { type: "string", pattern: "^\\$" },
          description: { type: "string" },
          update: {},
          remove: { type: "boolean", default: false }
        },
        patternProperties: extensions,
        additionalProperties: false
      }
    }
  },
  patternProperties: extensions,
  additionalProperties: false
} as const

const validate = new Ajv({ allErrors: true, strict: false }).compile(overlaySchema)

const refuse = (label: string, problems: ReadonlyArray<string>): SpecRefused =>
  new SpecRefused(`${label} is refused: not a valid OpenAPI Overlay 1.0 document (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `error overlay ${label}${p}`).join("\n")}\nfix: see https://spec.openapis.org/overlay/v1.0.0`)

/** Reads and validates an overlay file (YAML or JSON); `SpecRefused` with each problem's pointer when it is not Overlay 1.0. */
export const readOverlay = async (file: string, label = file): Promise<Overlay> => {
  let parsed: unknown
  try {
    parsed = await parseSpecFile(file)
  } catch (error) {
    if (error instanceof SpecUnreadable) throw new SpecRefused(`overlay ${error.message}`)
    throw error
  }
  if (!validate(parsed)) {
    throw refuse(label, (validate.errors ?? []).map((e) => `#${e.instancePath} ${e.message ?? "is invalid"}${e.keyword === "additionalProperties" ? ` (${JSON.stringify((e.params as { additionalProperty: string }).additionalProperty)})` : ""}`))
  }
  const actions = (parsed as { actions: ReadonlyArray<OverlayAction> }).actions
  const problems: Array<string> = []
  actions.forEach((action, i) => {
    try {
      selectPaths({}, action.target)
    } catch (error) {
      problems.push(`#/actions/${i}/target ${JSON.stringify(action.target)} is not a JSONPath query (${(error as Error).message.split("\n")[0]})`)
    }
    if (action.remove !== true && !("update" in action)) problems.push(`#/actions/${i} has neither update nor remove: true`)
  })
  if (problems.length > 0) throw refuse(label, problems)
  return { label, actions }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value)

/** `update` merged into `target`: objects recursively, arrays concatenated, anything else replaced. */
const merge = (target: unknown, update: unknown): unknown => {
  if (isObject(target) && isObject(update)) {
    for (const [key, value] of Object.entries(update)) {
      const merged = Object.hasOwn(target, key) ? merge(target[key], value) : structuredClone(value)
      // A key named `__proto__` is data, as in the parsed spec: defined, never assigned (which would set the prototype).
      Object.defineProperty(target, key, { value: merged, enumerable: true, writable: true, configurable: true })
    }
    return target
  }
  if (Array.isArray(target) && Array.isArray(update)) return [...target, ...structuredClone(update)]
  return structuredClone(update)
}

/** The segments of an RFC 9535 normalized path (`$['paths']['/a'][0]`), as jsonpathly writes them. */
const segmentsOf = (normalized: string): Array<string | number> => {
  const segments: Array<string | number> = []
  const pattern = /\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]/g
  for (let match = pattern.exec(normalized); match !== null; match = pattern.exec(normalized)) {
    segments.push(match[2] !== undefined ? Number(match[2]) : match[1]!.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) => (c.length > 1 ? String.fromCharCode(parseInt(c.slice(1), 16)) : c === "b" ? "\b" : c === "f" ? "\f" : c === "n" ? "\n" : c === "r" ? "\r" : c === "t" ? "\t" : c)))
  }
  return segments
}

const describe = (overlay: Overlay, i: number): string => {
  const action = overlay.actions[i]!
  return `${overlay.label}#/actions/${i} (${action.remove === true ? "remove" : "update"} ${action.target}${action.description === undefined ? "" : `: ${action.description}`})`
}

/**
 * Applies an overlay to a parsed spec, in place and in order; returns the warnings (an action that
 * selects nothing), one line each. `SpecRefused` for an action the spec cannot take: removing the
 * root, or updating a value that is neither an object nor an array.
 */
export const applyOverlay = (doc: Record<string, unknown>, overlay: Overlay): ReadonlyArray<string> => {
  const warnings: Array<string> = []
  overlay.actions.forEach((action, i) => {
    const selected = selectPaths(doc, action.target).map(segmentsOf)
    if (selected.length === 0) {
      warnings.push(`warn overlay-no-match ${describe(overlay, i)} selects nothing in the spec: not applied`)
      return
    }
    // Deepest and last first, so that removing one node does not move the next one's index.
    const ordered = action.remove === true ? [...selected].reverse() : selected
    for (const segments of ordered) {
      const key = segments.at(-1)
      const parent = segments.slice(0, -1).reduce<unknown>((node, segment) => (node as Record<string | number, unknown>)[segment], doc) as Record<string | number, unknown> | Array<unknown>
      if (action.remove === true) {
        if (key === undefined) throw new SpecRefused(`${describe(overlay, i)} is refused: it removes the whole document`)
        if (Array.isArray(parent)) parent.splice(key as number, 1)
        else delete parent[key]
        continue
      }
      const node = key === undefined ? doc : (parent as Record<string | number, unknown>)[key]
      if (Array.isArray(node)) {
        node.push(...(Array.isArray(action.update) ? structuredClone(action.update) : [structuredClone(action.update)]))
      } else if (isObject(node) && isObject(action.update)) {
        merge(node, action.update)
      } else {
        throw new SpecRefused(`${describe(overlay, i)} is refused: ${isObject(node) ? "its update is not an object, and the target is one" : `it selects ${JSON.stringify(node)?.slice(0, 40)} at $${segments.map((s) => `[${JSON.stringify(s)}]`).join("")}, neither an object nor an array`}; fix: target the object that holds it`)
      }
    }
  })
  return warnings
}

/** Reads every overlay file and applies them to the parsed spec in order; returns the warnings. */
export const applyOverlayFiles = async (doc: Record<string, unknown>, files: ReadonlyArray<string>, labels: ReadonlyArray<string> = files): Promise<ReadonlyArray<string>> => {
  const warnings: Array<string> = []
  for (const [i, file] of files.entries()) warnings.push(...applyOverlay(doc, await readOverlay(file, labels[i] ?? file)))
  return warnings
}
