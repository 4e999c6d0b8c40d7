/**
 * Names in generated code: words split at every non-alphanumeric character and at case changes.
 *
 * @module
 */

const words = (text: string): Array<string> =>
  text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)

const safeStart = (name: string, fallback: string) => (name === "" ? fallback : /^[0-9]/.test(name) ? `_${name}` : name)

/** `github-issues` → `GithubIssues`, `issues/list-for-repo` → `IssuesListForRepo`. */
export const pascalCase = (text: string): string => safeStart(words(text).map((w) => capital(w.toLowerCase() === w ? w : w)).join(""), "Api")

/** `issues/list-for-repo` → `issuesListForRepo`; `ListDeletedUsers` → `listDeletedUsers`. */
export const lowerCamelCase = (text: string): string => {
  const pascal = pascalCase(text)
  const leadingCaps = /^[A-Z]+(?=[A-Z][a-z]|$)/.exec(pascal)?.[0]
  return leadingCaps !== undefined && leadingCaps.length > 1
    ? leadingCaps.toLowerCase() + pascal.slice(leadingCaps.length)
    : pascal.charAt(0).toLowerCase() + pascal.slice(1)
}

/** A property key in generated source: bare when it is an identifier, quoted otherwise. */
export const propertyKey = (name: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name))
