import { stripUrlSecrets } from "./secrets.js"

/** The parts of a schema issue this module reads (a `SchemaIssue.Issue` of `effect/SchemaIssue`). */
interface IssueLike {
  readonly _tag?: unknown
  readonly path?: unknown
  readonly issue?: unknown
}

/** The variable an issue is about, and whether it is missing (rather than set but not valid). */
const issueFacts = (issue: unknown): { readonly variable: string | undefined; readonly missing: boolean } => {
  let current = issue as IssueLike | undefined
  let variable: string | undefined
  for (let i = 0; i < 8 && current !== undefined && current !== null; i++) {
    if (current._tag === "Pointer" && Array.isArray(current.path) && typeof current.path[0] === "string") variable ??= current.path[0]
    if (current._tag === "MissingKey") return { variable, missing: true }
    if (current.issue === undefined) break
    current = current.issue as IssueLike
  }
  return { variable, missing: false }
}

/**
 * One line for a configuration error (a `ConfigError` of `effect/Config`, whose cause is a
 * `SchemaError` pointing at a variable): a missing variable says what to set; a bad one says
 * `VAR: why; fix VAR`. Secrets are stripped from any URL it shows.
 */
export const describeConfigError = (error: unknown): string => {
  const cause = (error as { readonly cause?: unknown } | undefined)?.cause
  const inner = cause !== undefined && cause !== null && typeof (cause as { message?: unknown }).message === "string" ? cause as { message: string; issue?: unknown } : undefined
  const text = inner?.message ?? (error instanceof Error ? error.message : String(error))
  // A schema issue's text ends with where it is: `…\n  at ["ZENDESK_BASE_URL"]`.
  const at = /^([\s\S]*?)\s*\n\s*at \[([^\]]*)\]\s*$/.exec(text)
  const what = (at?.[1] ?? text).replace(/\s*\n\s*/g, " ").trim()
  const facts = issueFacts(inner?.issue)
  const variable = facts.variable ?? (at === null ? undefined : /"([A-Za-z_][A-Za-z0-9_]*)"/.exec(at[2] ?? "")?.[1])
  const line = facts.missing || variable === undefined ? what : `${variable}: ${what}; fix ${variable}`
  return stripUrlSecrets(line)
}
