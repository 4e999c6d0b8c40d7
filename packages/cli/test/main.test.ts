// The command line in process, without a server: parse errors, help, version, and the one line every failure prints.
import { afterEach, beforeEach, describe, expect, it, vi } from "@effect/vitest"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as NodeStdio from "@effect/platform-node/NodeStdio"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as ChildProcessSpawner from "effect/process/ChildProcessSpawner"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import { describeConfigError } from "../src/config-error.js"
import { ExitCode, describeFailure, exitCodeOf, main } from "../src/index.js"

const environment = Layer.mergeAll(
  NodeFileSystem.layer,
  NodePath.layer,
  NodeTerminal.layer,
  NodeStdio.layer,
  Layer.succeed(ChildProcessSpawner.ChildProcessSpawner, ChildProcessSpawner.make(() => Effect.die("no process in these tests")))
)

/** Runs `deleted-users ...args` in process: its exit code, what it logged (stdout) and wrote on stderr. */
const run = (...args: Array<string>) =>
  Effect.gen(function* () {
    const logged: Array<string> = []
    const stderr: Array<string> = []
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk))
      return true
    })
    const console = yield* Console.Console
    const code = yield* main(["node", "deleted-users", ...args]).pipe(
      Effect.provide(environment),
      Effect.provideService(Console.Console, { ...console, log: (...xs: ReadonlyArray<unknown>) => void logged.push(xs.join(" ")) }),
      Effect.ensuring(Effect.sync(() => spy.mockRestore()))
    )
    return { code, stdout: logged.join("\n"), stderr: stderr.join("") }
  })

describe("deleted-users in process (no server)", () => {
  const saved = { ...process.env }
  beforeEach(() => {
    // Nothing here may reach an account: no credentials and no target.
    for (const key of Object.keys(process.env)) if (key.startsWith("ZENDESK_")) delete process.env[key]
  })
  afterEach(() => {
    process.env = { ...saved }
  })

  it.effect.each([
    [["count", "--colour"], /^deleted-users: Received unknown argument: '--colour'; see deleted-users --help\n$/],
    [["restore", "1"], /^deleted-users: Invalid subcommand "restore": use one of list, show, count, purge; see deleted-users --help\n$/],
    [["show"], /^deleted-users: Missing required argument: id; see deleted-users --help\n$/],
    [["count", "5"], /^deleted-users: Unexpected positional argument: "5"; see deleted-users --help\n$/],
    [["list", "--format", "xml"], /^deleted-users: Invalid value for flag --format: "xml"\..*; see deleted-users --help\n$/],
    [["list", "--page-size", "many"], /^deleted-users: Invalid value for flag --page-size: "many"\..*; see deleted-users --help\n$/],
    // An on/off flag takes no value: the 0 stays an id (a bad one), it does not turn --dry-run off.
    [["purge", "--yes", "--dry-run", "0", "10000000001"], /^deleted-users: argument 1: not a positive safe integer .*"0"; nothing was sent\n$/],
    [["purge", "--yes", "--quiet", "1", "--older-than", "30d"], /^deleted-users: give ids \(or --from\), or one of --older-than/],
    [["count"], /^deleted-users: configuration: Set ZENDESK_SUBDOMAIN or ZENDESK_BASE_URL\n$/]
  ] as const)("%j: exit 2, one line on stderr, nothing on stdout", ([args, line]) =>
    Effect.gen(function* () {
      const r = yield* run(...args)
      expect(r.code).toBe(ExitCode.usage)
      expect(r.stderr).toMatch(line)
      expect(r.stdout).toBe("")
    })
  )

  it.effect("--subdomain and --base-url name the account; credentials still come only from the environment", () =>
    Effect.gen(function* () {
      const bad = yield* run("count", "--subdomain", "a.b")
      expect(bad.code).toBe(ExitCode.usage)
      expect(bad.stderr).toMatch(/^deleted-users: configuration: ZENDESK_SUBDOMAIN: A subdomain must be one DNS label .*"a\.b"; fix ZENDESK_SUBDOMAIN\n$/)
      const bare = yield* run("count", "--base-url", "http://127.0.0.1:9")
      expect(bare.code).toBe(ExitCode.usage)
      expect(bare.stderr).toMatch(/ZENDESK_EMAIL/)
    })
  )

  it.effect("a subdomain that is no punycode makes no URL (Node 24's URL takes it): exit 2, nothing sent", () =>
    Effect.gen(function* () {
      process.env.ZENDESK_EMAIL = "admin@example.com"
      process.env.ZENDESK_API_TOKEN = "token"
      const r = yield* run("count", "--subdomain", "xn--acme")
      expect(r.code).toBe(ExitCode.usage)
      expect(r.stderr).toMatch(/^deleted-users: configuration: ZENDESK_SUBDOMAIN "xn--acme" makes no valid URL .*give the account's subdomain/)
    })
  )

  it.effect("--version prints the version alone; the unbundled build has none of its own", () =>
    Effect.gen(function* () {
      const r = yield* run("--version")
      expect(r).toEqual({ code: ExitCode.ok, stdout: "0.0.0-unbundled", stderr: "" })
    })
  )

  it.effect("--help (and no subcommand) prints help on stdout, exit 0; on/off flags read as flags, not [=boolean]", () =>
    Effect.gen(function* () {
      const root = yield* run()
      expect(root.code).toBe(ExitCode.ok)
      expect(root.stdout).toMatch(/SUBCOMMANDS[\s\S]*list[\s\S]*show[\s\S]*count[\s\S]*purge/)
      const purge = yield* run("purge", "--help")
      expect(purge.code).toBe(ExitCode.ok)
      expect(purge.stderr).toBe("")
      for (const flag of ["--from", "--older-than", "--soft-deleted-before", "--dry-run", "--yes", "--checkpoint", "--audit-log", "--concurrency", "--budget", "--max-errors", "--quiet", "--rate-limit", "--subdomain", "--base-url"]) {
        expect(purge.stdout).toContain(flag)
      }
      expect(purge.stdout).not.toContain("[=boolean]")
      expect(purge.stdout).not.toContain("--no-")
    })
  )

  it("an interrupted run exits 130 (SIGINT, the default) and a finished one its own code", () => {
    expect(exitCodeOf(Exit.succeed(2))).toBe(2)
    expect(exitCodeOf(Exit.interrupt())).toBe(ExitCode.interrupted)
    expect(exitCodeOf(Exit.die(new Error("boom")))).toBe(ExitCode.failed)
  })

  it("a defect says it is a bug, on one line, with no stack trace", () => {
    const described = describeFailure(new TypeError("x is not a function\n    at f (file.js:1:1)"))
    expect(described.code).toBe(ExitCode.failed)
    expect(described.line).toBe("deleted-users: unexpected error: TypeError: x is not a function at f (file.js:1:1) (a bug: please report this line)")
  })
})

describe("configuration errors", () => {
  const invalid = (variable: string, message: string) =>
    new Config.ConfigError(new Schema.SchemaError(new SchemaIssue.Pointer([variable], new SchemaIssue.InvalidValue({ message }))))
  const missing = (variable: string, message: string) =>
    new Config.ConfigError(new Schema.SchemaError(new SchemaIssue.Pointer([variable], new SchemaIssue.MissingKey({ messageMissingKey: message }))))

  it("a bad variable: what is wrong and which variable to fix, secrets stripped", () => {
    expect(describeConfigError(invalid("ZENDESK_BASE_URL", `Not a URL: "https://host:99999/?token=PASS_SeCrEt_456"`))).toBe(
      `ZENDESK_BASE_URL: Not a URL: "https://host:99999/?<redacted>"; fix ZENDESK_BASE_URL`
    )
  })

  it("a missing variable: what to set", () => {
    expect(describeConfigError(missing("ZENDESK_EMAIL", "Set ZENDESK_OAUTH_TOKEN, or ZENDESK_EMAIL with ZENDESK_API_TOKEN or ZENDESK_PASSWORD"))).toBe(
      "Set ZENDESK_OAUTH_TOKEN, or ZENDESK_EMAIL with ZENDESK_API_TOKEN or ZENDESK_PASSWORD"
    )
  })
})
