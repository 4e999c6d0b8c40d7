/**
 * Where a call goes: the client's base URL, an operation's (or its path's) own `servers` with their
 * variables, or a base URL given for one call; each checked before anything is sent.
 *
 * @module
 */

/** A variable of a server URL (`{region}`), as the spec declares it. */
export interface ServerVariableSpec {
  /** The value used when none is given. */
  readonly default: string
  /** The only values allowed, when the spec lists them. */
  readonly enum?: ReadonlyArray<string>
}

/** A server an operation (or its path item) declares, overriding the document's. */
export interface ServerSpec {
  /** The URL, absolute or relative to the client's base URL, with `{variables}`. */
  readonly url: string
  /** Its variables, by name. */
  readonly variables?: Readonly<Record<string, ServerVariableSpec>>
}

/** Why a base URL or a server cannot be called: where (a pointer in the options) and what is wrong. */
export interface ServerProblem {
  /** The pointer of the option at fault (`/baseUrl`, `/options/serverVariables/region`). */
  readonly pointer: string
  /** What is wrong; never the URL itself (it may hold a secret). */
  readonly message: string
}

/** Whether a value is a problem rather than a URL. */
export const isServerProblem = (value: string | ServerProblem): value is ServerProblem => typeof value !== "string"

/**
 * A base URL, checked and without its trailing slash, or why not. Never echoed: it may hold a
 * secret. User info is refused from the text itself, `@` anywhere: `http://us/er:pw@host` parses as
 * host `us` with the password in its path.
 */
export const checkBaseUrl = (baseUrl: string, pointer: string): string | ServerProblem => {
  const name = pointer.split("/").pop()!
  if (baseUrl.includes("@")) return { pointer, message: `${name} must not carry credentials (user info, or an @ anywhere): use the auth option` }
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    return { pointer, message: `${name} is not a URL` }
  }
  if (url.search !== "" || url.hash !== "" || baseUrl.includes("?") || baseUrl.includes("#")) {
    return { pointer, message: `${name} must not carry a query or fragment (it would not reach the server): put keys in the auth option` }
  }
  return url.origin + url.pathname.replace(/\/+$/, "")
}

/**
 * The URL of a server: each `{variable}` by the value given (which must be one of its `enum`, when
 * it has one), else its default; a relative URL is resolved against `base` (the client's base URL).
 */
export const serverUrl = (
  server: ServerSpec,
  values: Readonly<Record<string, string>> | undefined,
  base: string,
  pointer: string
): string | ServerProblem => {
  let problem: ServerProblem | undefined
  const text = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = server.variables?.[name]
    const value = values?.[name] ?? variable?.default
    if (value === undefined) {
      problem ??= { pointer: `${pointer}/${name}`, message: `the server variable ${name} has no value and no default` }
      return ""
    }
    if (variable?.enum !== undefined && variable.enum.length > 0 && !variable.enum.includes(value)) {
      problem ??= { pointer: `${pointer}/${name}`, message: `the server variable ${name} must be one of ${variable.enum.join(", ")}` }
      return ""
    }
    return value
  })
  if (problem !== undefined) return problem
  let absolute: string
  try {
    absolute = new URL(text, `${base}/`).href
  } catch {
    return { pointer, message: "the server URL is not a URL" }
  }
  return checkBaseUrl(absolute, pointer)
}
