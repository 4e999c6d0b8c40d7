import * as CliError from "effect/cli/CliError"
import { ExitCode } from "./errors.js"
import { redactCredentials, stripUrlSecrets } from "./secrets.js"
import { escapeInvisible } from "./text.js"

/** What a failure prints (one line on stderr) and the exit code it ends with. */
export interface Described {
  /** The line to print on stderr, credentials stripped. */
  readonly line: string
  /** The exit code (see `ExitCode`). */
  readonly code: number
}

const hint: Record<string, string> = {
  Unauthorized: "check ZENDESK_EMAIL with ZENDESK_API_TOKEN or ZENDESK_PASSWORD, or ZENDESK_OAUTH_TOKEN",
  Forbidden: "these credentials may not do this: a purge needs an admin",
  NotFound: "check the id: it is not a soft-deleted user (never deleted, or already purged)",
  BadRequest: "Zendesk refused the request as sent; if it persists, report it with the request id",
  Conflict: "another change to the same user was under way: run again",
  UnprocessableEntity: "Zendesk refuses this user; see its details in Zendesk",
  RateLimited: "Zendesk kept answering 429 after every retry: wait a few minutes and run again, with a lower --rate-limit if other clients share the account",
  ServerError: "Zendesk is failing or in maintenance: run again later (a purge with --checkpoint resumes where it stopped)",
  UnexpectedStatus: "Zendesk (or a proxy before it) answered in a way the API spec does not declare: run again later, and report it with the request id if it persists",
  TransportError: "check the base URL or subdomain and the network, then run again",
  DecodeError: "Zendesk's answer does not match the API spec: report it with the request id",
  PaginationError: "Zendesk's listing cannot be followed safely: run again later, and report it if it persists",
  OutputError: "",
  PurgeIncomplete: "",
  PauseTooLong: "",
  PurgeFileError: "",
  BudgetStoreError: "",
  PurgeLocked: "",
  UsageError: "",
  InvalidInput: "nothing was sent"
}

/** What to do, by `TransportError` reason, where it differs from the network hint. */
const transportHint: Record<string, string> = {
  TooLarge: "no Zendesk answer is that large: check that the base URL or subdomain names a Zendesk account, and report it if it does"
}

/**
 * One line: secrets stripped from every URL, the environment's credentials redacted wherever they
 * appear (a server may echo them back), every control and invisible character escaped (`\u001B`: a
 * server's words cannot move the cursor or hide text), at most 400 characters.
 */
const oneLine = (text: string) => {
  const flat = [...escapeInvisible(redactCredentials(stripUrlSecrets(text.replace(/[\t\r ]*\n[\t\r ]*/g, " ").trim())))]
  return flat.length > 400 ? `${flat.slice(0, 400).join("")}…` : flat.join("")
}

/** What a command-line parse error says, on one line: the parser's own words, or shorter ones. */
const describeCliError = (error: CliError.CliError): string => {
  switch (error._tag) {
    case "UnrecognizedOption":
      return `Received unknown argument: '${error.option}'`
    case "UnknownSubcommand":
      return `Invalid subcommand ${JSON.stringify(error.subcommand)}: use one of list, show, count, purge${error.suggestions.length > 0 ? ` (did you mean ${error.suggestions.join(" or ")}?)` : ""}`
    case "ShowHelp": {
      const [first, ...more] = error.errors
      if (first === undefined) return "Help requested"
      return `${describeCliError(first)}${more.length > 0 ? ` (and ${more.length} more)` : ""}`
    }
    default:
      return error.message
  }
}

/**
 * What an error that came with a response says: `<Tag>: <operation> answered <status> <code>:
 * <description> (request id <id>)`, whichever parts Zendesk sent; undefined for any other error.
 */
const responseMessage = (tag: string, error: unknown): string | undefined => {
  const f = error as { operation?: unknown; status?: unknown; code?: unknown; description?: unknown; requestId?: unknown; reason?: unknown }
  if (typeof f.operation !== "string" || typeof f.status !== "number" || tag === "DecodeError" || tag === "TransportError") return undefined
  const text = (value: unknown, before: string) => (typeof value === "string" ? `${before}${value}` : "")
  return `${tag}: ${f.operation} answered ${f.status}${text(f.code, " ")}${text(f.description, ": ")}${tag === "UnexpectedStatus" ? text(f.reason, " (") + (typeof f.reason === "string" ? ")" : "") : ""}` +
    `${typeof f.requestId === "string" ? ` (request id ${f.requestId})` : ""}`
}

/**
 * Describes any failure as one line (what, why, what to do) and its exit code: 2 for usage and
 * input and for a purge whose files another purge holds (`PurgeLocked`: nothing sent), 1 for
 * everything else (a purge stopped by `PurgeFileError`, `PauseTooLong` or `BudgetStoreError` printed
 * its summary first; their messages say what to do). Defects say they are a bug, never a stack trace.
 */
export const describeFailure = (error: unknown): Described => {
  if (CliError.isCliError(error)) {
    return { line: `deleted-users: ${oneLine(describeCliError(error))}; see deleted-users --help`, code: ExitCode.usage }
  }
  const tagged = error as { _tag?: unknown; message?: unknown }
  const tag = typeof tagged?._tag === "string" ? tagged._tag : undefined
  const message = (tag === undefined ? undefined : responseMessage(tag, error)) ?? (typeof tagged?.message === "string" && tagged.message !== "" ? tagged.message : String(error))
  if (tag !== undefined && tag in hint) {
    const reason = (error as { reason?: unknown }).reason
    const todo = (tag === "TransportError" && typeof reason === "string" ? transportHint[reason] : undefined) ?? hint[tag]!
    const code = tag === "UsageError" || tag === "InvalidInput" || tag === "PurgeLocked" ? ExitCode.usage : ExitCode.failed
    return { line: `deleted-users: ${oneLine(todo === "" || message.includes(todo) ? message : `${message}; ${todo}`)}`, code }
  }
  return { line: `deleted-users: unexpected error: ${oneLine(error instanceof Error ? `${error.name}: ${error.message}` : message)} (a bug: please report this line)`, code: ExitCode.failed }
}
