import {
  DeletedUsers,
  ZendeskConfig,
  parseId,
  parseRateLimitStore,
  softDeletedBefore,
  type DeletedUser,
  type Limiter,
  type PurgeOutcome,
  type ZendeskError
} from "@deleted-users/effect-client"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as Clock from "effect/Clock"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Stream from "effect/Stream"
import { createInterface } from "node:readline/promises"
import { badPunycodeLabel, baseUrlProblem } from "./base-url.js"
import { describeConfigError } from "./config-error.js"
import { parseBudget, parseDuration } from "./duration.js"
import { PurgeIncomplete, UsageError } from "./errors.js"
import { parseIds, readIdsFile } from "./ids.js"
import { accountDeletedUsers } from "./pacing.js"
import { checkWritableFile } from "./paths.js"
import { encodeJson, indentArrayItem, out, tableHeader, tableRow, userLabel, type ListFormat } from "./output.js"
import { makeProgress } from "./progress.js"
import { telemetryLayer } from "./telemetry.js"

/**
 * A flag that is on when given: `--yes`, never `--yes 1` (it takes no word after it, so an id
 * stays an id: `purge --dry-run 0 5` is a bad id, not a purge without `--dry-run`), and no `--no-yes`.
 */
const onOff = (name: string, description: string): Flag.Flag<boolean> =>
  Flag.Boolean(name).pipe(Flag.withOptionalValue("true"), Flag.withoutNegation, Flag.withDefault(false), Flag.withDescription(description))

const root = Command.make("deleted-users").pipe(
  Command.withSharedFlags({
    /** `--subdomain`: the account's subdomain (else `ZENDESK_SUBDOMAIN`). */
    subdomain: Flag.String("subdomain").pipe(Flag.optional, Flag.withDescription("The account's subdomain (else ZENDESK_SUBDOMAIN)")),
    /** `--base-url`: a base URL, https or loopback (else `ZENDESK_BASE_URL`). */
    baseUrl: Flag.String("base-url").pipe(Flag.optional, Flag.withDescription("A base URL, https or loopback (else ZENDESK_BASE_URL)")),
    /** `--quiet`: no progress and no messages on stderr. */
    quiet: onOff("quiet", "No progress and no messages on stderr"),
    /** `--rate-limit`: the account's request limit, shared by every run of this user (default `700/1m`). */
    rateLimit: Flag.String("rate-limit").pipe(
      Flag.withDefault("700/1m"),
      Flag.withDescription("The account's request limit, shared by every run of this user (kept in $DELETED_USERS_STATE_DIR)")
    ),
    /** `--rate-limit-store`: where the account's budgets are kept: `file` (default), `file:<folder>`, `memory` or `redis://…`. */
    rateLimitStore: Flag.String("rate-limit-store").pipe(
      Flag.optional,
      Flag.withDescription(
        "Where the account's request and deletion budgets are kept, shared by every run using it: file (default, $DELETED_USERS_STATE_DIR), file:<folder>, memory (this run only), or redis://host:port"
      )
    ),
    /** `--otlp-endpoint`: export the run's traces and metrics over OTLP/HTTP (else `OTEL_EXPORTER_OTLP_ENDPOINT`; off by default). */
    otlpEndpoint: Flag.String("otlp-endpoint").pipe(
      Flag.optional,
      Flag.withDescription("Export traces and metrics over OTLP/HTTP to this base URL (else OTEL_EXPORTER_OTLP_ENDPOINT); off by default")
    )
  }),
  Command.withDescription("List, show, count and purge Zendesk deleted users within Zendesk's limits. Credentials come only from the environment.")
)

/** The client for this invocation: where from the flags or the environment; credentials from the environment only. */
const clientLayer = Effect.gen(function* () {
  const { subdomain, baseUrl, rateLimit, rateLimitStore } = yield* root
  const pace = parseBudget(rateLimit)
  if (Result.isFailure(pace)) return yield* new UsageError({ message: `--rate-limit: ${pace.failure.replace("deletions", "requests")}; nothing was sent` })
  const store = Option.isSome(rateLimitStore) ? parseRateLimitStore(rateLimitStore.value) : undefined
  if (store?._tag === "Invalid") return yield* new UsageError({ message: `--rate-limit-store: ${store.message}; nothing was sent` })
  const env: Record<string, string> = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined))
  if (Option.isSome(subdomain) || Option.isSome(baseUrl)) {
    delete env.ZENDESK_SUBDOMAIN
    delete env.ZENDESK_BASE_URL
  }
  if (Option.isSome(subdomain)) env.ZENDESK_SUBDOMAIN = subdomain.value
  if (Option.isSome(baseUrl)) env.ZENDESK_BASE_URL = baseUrl.value
  // As typed, before a URL parser reads it (and silently drops or moves parts of it).
  const problem = env.ZENDESK_BASE_URL === undefined ? undefined : baseUrlProblem(env.ZENDESK_BASE_URL)
  if (problem !== undefined) {
    const source = Option.isSome(baseUrl) ? "--base-url" : "ZENDESK_BASE_URL"
    return yield* new UsageError({ message: `configuration: ${source}: ${problem}; fix ${source}` })
  }
  const config = yield* Layer.build(ZendeskConfig.fromEnv).pipe(
    // Only these variables, an empty one included (an empty subdomain is a bad one, not a missing one).
    Effect.provideService(ConfigProvider.ConfigProvider, ConfigProvider.fromEnv({ env, preserveEmptyStrings: true })),
    Effect.mapError((e) => new UsageError({ message: `configuration: ${describeConfigError(e)}` })),
    // A subdomain that is one DNS label and still no host name (`xn--acme`, bad punycode) makes no URL.
    Effect.tap((context) => {
      const label = badPunycodeLabel(new URL(Context.get(context, ZendeskConfig).baseUrl).hostname)
      return label === undefined ? Effect.void : Effect.die(new TypeError(`${JSON.stringify(label)} is not punycode`))
    }),
    Effect.catchDefect((defect) =>
      Effect.fail(
        new UsageError({
          message: `configuration: ${env.ZENDESK_BASE_URL === undefined ? `ZENDESK_SUBDOMAIN ${JSON.stringify(env.ZENDESK_SUBDOMAIN ?? "")}` : "ZENDESK_BASE_URL"} makes no valid URL (${defect instanceof Error ? defect.message : String(defect)}); give the account's subdomain, e.g. acme for acme.zendesk.com`
        })
      )
    )
  )
  const client = accountDeletedUsers(store?.store, pace.success.limit, pace.success.window)
  return client.pipe(Layer.provideMerge(Layer.succeedContext(config)))
})

/**
 * Runs `effect` with the client, and with the OTLP exporter when an endpoint is given (see
 * `telemetryLayer`): its scope ends with `effect`, however it ends (done, failed or interrupted),
 * so what is left is flushed (bounded) before the run settles on its exit code.
 */
const withClient = <A, E, R>(effect: Effect.Effect<A, E, R | DeletedUsers | ZendeskConfig>) =>
  Effect.gen(function* () {
    const { otlpEndpoint, quiet } = yield* root
    const telemetry = yield* telemetryLayer(otlpEndpoint, { env: process.env.OTEL_EXPORTER_OTLP_ENDPOINT, quiet })
    const run = Effect.scoped(Effect.flatMap(clientLayer, (layer) => Effect.provide(effect, layer)))
    return yield* Option.isSome(telemetry) ? Effect.provide(run, telemetry.value) : run
  })

/** Messages go to stderr, unless `--quiet`. */
const say = (message: string) => Effect.flatMap(root, ({ quiet }) => (quiet ? Effect.void : Effect.sync(() => void process.stderr.write(`${message}\n`))))
const progressEnabled = Effect.map(root, ({ quiet }) => !quiet && process.stderr.isTTY === true)

const list = Command.make(
  "list",
  {
    /** `--pagination`: `cursor` (default) or `offset`. */
    pagination: Flag.Literals("pagination", ["cursor", "offset"]).pipe(Flag.withDefault("cursor"), Flag.withDescription("How to page through the users")),
    /** `--page-size`: users per page, 1..100 (default 100). */
    pageSize: Flag.Int("page-size").pipe(Flag.withDefault(100), Flag.withDescription("Users per page, 1 to 100")),
    /** `--format`: `ndjson` (default), `json` or `table`. */
    format: Flag.Literals("format", ["ndjson", "json", "table"]).pipe(Flag.withDefault<ListFormat>("ndjson"), Flag.withDescription("How users are printed on stdout"))
  },
  ({ pagination, pageSize, format }) =>
    withClient(
      Effect.gen(function* () {
        const api = yield* DeletedUsers
        const tty = yield* progressEnabled
        const total = tty ? (yield* api.count()).value : undefined
        const progress = makeProgress("list", total, tty)
        const users: Stream.Stream<DeletedUser, unknown> = pagination === "offset" ? api.listOffset({ perPage: pageSize }) : api.list({ pageSize })
        if (format === "table") yield* Effect.promise(() => out(`${tableHeader()}\n`))
        // `--format json` streams its array (the same text JSON.stringify(users, null, 2) would give), so
        // memory stays flat whatever the account's size.
        let written = 0
        // A user that cannot be printed (see `encodeJson`) stops the listing with an `OutputError`.
        yield* Stream.runForEach(users, (user) =>
          Effect.gen(function* () {
            progress.tick()
            const text = format === "json"
              ? `${written === 0 ? "[\n" : ",\n"}${indentArrayItem(yield* encodeJson(userLabel(user), user, 2))}`
              : `${format === "table" ? tableRow(user) : yield* encodeJson(userLabel(user), user)}\n`
            yield* Effect.promise(() => out(text))
            written++
          })
        )
        progress.done()
        if (format === "json") yield* Effect.promise(() => out(written === 0 ? "[]\n" : "\n]\n"))
      })
    )
).pipe(Command.withDescription("List every deleted user (JSON lines on stdout)."))

const show = Command.make("show", {
  /** The id of the deleted user to show. */
  id: Argument.String("id").pipe(Argument.withDescription("The user's id"))
}, ({ id }) =>
  Effect.gen(function* () {
    const userId = yield* parseId("ShowDeletedUser", id)
    const user = yield* withClient(Effect.flatMap(DeletedUsers, (api) => api.show(userId)))
    const text = yield* encodeJson(`user ${userId}`, { deleted_user: user }, 2)
    yield* Effect.promise(() => out(`${text}\n`))
  })
).pipe(Command.withDescription("Show a soft-deleted user."))

const count = Command.make("count", {}, () =>
  Effect.gen(function* () {
    const value = yield* withClient(Effect.flatMap(DeletedUsers, (api) => api.count()))
    const text = yield* encodeJson("the count", { count: value }, 2)
    yield* Effect.promise(() => out(`${text}\n`))
  })
).pipe(Command.withDescription("The approximate count of deleted users."))

const confirm = (question: string) =>
  Effect.gen(function* () {
    if (process.stdin.isTTY !== true) {
      return yield* new UsageError({ message: "refusing to purge without --yes: there is no terminal to ask" })
    }
    const answer = yield* Effect.tryPromise({
      try: async () => {
        const rl = createInterface({ input: process.stdin, output: process.stderr })
        try {
          return await rl.question(`${question} [y/N] `)
        } finally {
          rl.close()
        }
      },
      catch: (error) => error
    }).pipe(
      // Ctrl+C at the question (the terminal is in raw mode, so no SIGINT comes): an interrupt, exit 130.
      Effect.catch((error) =>
        (error as { name?: unknown } | undefined)?.name === "AbortError"
          ? Effect.andThen(Effect.sync(() => void process.stderr.write("\n")), Effect.interrupt)
          : Effect.die(error)
      )
    )
    if (!/^y(es)?$/i.test(answer.trim())) return yield* new UsageError({ message: "not confirmed: nothing was purged" })
  })

const purge = Command.make(
  "purge",
  {
    /** The ids to purge, as arguments. */
    ids: Argument.String("ids").pipe(Argument.variadic(), Argument.withDescription("The ids to purge")),
    /** `--from`: read ids from a file, or `-` for stdin. */
    from: Flag.String("from").pipe(Flag.optional, Flag.withDescription("Read ids from a file, or - for stdin")),
    /** `--older-than`: select users soft-deleted more than this long ago, e.g. `30d`. */
    olderThan: Flag.String("older-than").pipe(Flag.optional, Flag.withDescription("Select users soft-deleted more than this long ago, e.g. 30d")),
    /** `--soft-deleted-before`: select users soft-deleted before this date (ISO 8601). */
    before: Flag.String("soft-deleted-before").pipe(Flag.optional, Flag.withDescription("Select users soft-deleted before this date (ISO 8601)")),
    /** `--dry-run`: show each user and purge none. */
    dryRun: onOff("dry-run", "Show each user and purge none"),
    /** `--yes`: do not ask for confirmation. */
    yes: onOff("yes", "Do not ask for confirmation"),
    /** `--checkpoint`: the checkpoint file; a rerun skips what is done. */
    checkpoint: Flag.String("checkpoint").pipe(Flag.optional, Flag.withDescription("Checkpoint file: a rerun skips what is done (the deletion budget is the account's, kept in --rate-limit-store)")),
    /** `--audit-log`: append an NDJSON audit line per outcome. */
    auditLog: Flag.String("audit-log").pipe(Flag.optional, Flag.withDescription("Append an NDJSON audit line per outcome, synced before the checkpoint")),
    /** `--concurrency`: deletions in flight at once, 1..64 (default 4). */
    concurrency: Flag.Int("concurrency").pipe(Flag.withDefault(4), Flag.withDescription("Deletions in flight at once, 1 to 64")),
    /** `--budget`: permanent deletions per window (default `700/10m`). */
    budget: Flag.String("budget").pipe(Flag.withDefault("700/10m"), Flag.withDescription("Permanent deletions per window (Zendesk: 700/10m)")),
    /** `--max-errors`: stop after this many failed ids (default 20). */
    maxErrors: Flag.Int("max-errors").pipe(Flag.withDefault(20), Flag.withDescription("Stop after this many ids failed (after retries); refusals do not count"))
  },
  (o) =>
    Effect.gen(function* () {
      // Everything is checked before anything is sent.
      const selectors = [o.ids.length > 0 || Option.isSome(o.from), Option.isSome(o.olderThan), Option.isSome(o.before)].filter(Boolean).length
      if (selectors !== 1) return yield* new UsageError({ message: "give ids (or --from), or one of --older-than and --soft-deleted-before; nothing was sent" })
      const parsedBudget = parseBudget(o.budget)
      if (Result.isFailure(parsedBudget)) return yield* new UsageError({ message: `--budget: ${parsedBudget.failure}; nothing was sent` })
      if (o.concurrency < 1 || o.concurrency > 64) return yield* new UsageError({ message: `--concurrency must be from 1 to 64, got ${o.concurrency}; nothing was sent` })
      if (o.maxErrors < 1) return yield* new UsageError({ message: `--max-errors must be at least 1, got ${o.maxErrors}; nothing was sent` })
      let cutoff: number | undefined
      if (Option.isSome(o.olderThan)) {
        const age = parseDuration(o.olderThan.value)
        if (Result.isFailure(age)) return yield* new UsageError({ message: `--older-than: ${age.failure}; nothing was sent` })
        cutoff = (yield* Clock.currentTimeMillis) - Duration.toMillis(age.success)
      }
      if (Option.isSome(o.before)) {
        cutoff = Date.parse(o.before.value)
        if (Number.isNaN(cutoff)) return yield* new UsageError({ message: `--soft-deleted-before: not a date: ${JSON.stringify(o.before.value.slice(0, 80))}; give one like 2026-01-31; nothing was sent` })
      }
      if (Option.isSome(o.checkpoint)) {
        yield* checkWritableFile("--checkpoint", o.checkpoint.value)
        yield* checkWritableFile("--checkpoint (its budget file)", `${o.checkpoint.value}.budget`)
      }
      if (Option.isSome(o.auditLog)) yield* checkWritableFile("--audit-log", o.auditLog.value)
      const fromArgs = yield* parseIds(o.ids)
      const fromFile = Option.isSome(o.from) ? yield* readIdsFile(o.from.value) : undefined

      yield* withClient(
        Effect.gen(function* () {
          const api = yield* DeletedUsers
          // The deletions of the window are the account's, kept in the client's rate-limit store: a restart, and every other purge of the account, counts them.
          const budget = parsedBudget.success
          const started = yield* Clock.currentTimeMillis
          let ids: Stream.Stream<number, ZendeskError>
          let selected: number
          if (cutoff === undefined) {
            ids = fromFile === undefined ? Stream.fromIterable(fromArgs) : Stream.concat(Stream.fromIterable(fromArgs), fromFile.ids)
            selected = fromArgs.length + (fromFile?.count ?? 0)
          } else {
            const total = yield* api.count()
            yield* say(`${total.value} deleted users in the account`)
            const due: Array<number> = []
            yield* Stream.runForEach(api.list().pipe(Stream.filter(softDeletedBefore(cutoff))), (u) => Effect.sync(() => void due.push(u.id)))
            ids = Stream.fromIterable(due)
            selected = due.length
            yield* say(`${due.length} soft-deleted before ${new Date(cutoff).toISOString()}`)
          }
          if (!o.dryRun && !o.yes && selected > 0) yield* confirm(`Permanently delete ${selected} users? This cannot be undone.`)
          const progress = makeProgress(o.dryRun ? "dry run" : "purge", selected, yield* progressEnabled)
          let limiter: Limiter | undefined
          const tally: Record<string, number> = {}
          const summarize = Effect.gen(function* () {
            progress.done()
            const stats = limiter === undefined ? { waited: Duration.zero, rateLimited: 0 } : yield* limiter.stats
            const summary = {
              selected,
              purged: tally.Purged ?? 0,
              alreadyGone: tally.AlreadyGone ?? 0,
              refused: tally.Refused ?? 0,
              failed: tally.Failed ?? 0,
              skipped: tally.Skipped ?? 0,
              ...(o.dryRun ? { wouldPurge: tally.WouldPurge ?? 0 } : {}),
              seconds: Math.round((yield* Clock.currentTimeMillis) - started) / 1000,
              rateLimited429: stats.rateLimited,
              secondsWaitingOnRateLimits: Math.round(Duration.toMillis(stats.waited)) / 1000
            }
            yield* say(
              `${o.dryRun ? "dry run: " : ""}${summary.purged} purged, ${summary.alreadyGone} already gone, ${summary.refused} refused, ${summary.failed} failed, ${summary.skipped} skipped (checkpoint) ` +
                `in ${summary.seconds}s; ${summary.rateLimited429} 429s met, ${summary.secondsWaitingOnRateLimits}s waiting on rate limits`
            )
            yield* Effect.promise(() => out(`${JSON.stringify({ summary })}\n`))
            return summary
          })
          // The summary is printed however the purge ends (but an interrupt): done, or stopped by an error;
          // not when another purge holds its files (`PurgeLocked`): it sent nothing, and says so in one line.
          yield* Stream.runForEach(
            api.purge(ids, {
              concurrency: o.concurrency,
              dryRun: o.dryRun,
              budget,
              maxErrors: o.maxErrors,
              ...(Option.isSome(o.checkpoint) ? { checkpoint: o.checkpoint.value } : {}),
              ...(Option.isSome(o.auditLog) ? { auditLog: o.auditLog.value } : {}),
              onLimiter: (l) => (limiter = l)
            }),
            (outcome: PurgeOutcome) =>
              Effect.gen(function* () {
                tally[outcome._tag] = (tally[outcome._tag] ?? 0) + 1
                if (o.dryRun && outcome._tag === "WouldPurge") {
                  const text = yield* encodeJson(userLabel(outcome.user), { deleted_user: outcome.user })
                  yield* Effect.promise(() => out(`${text}\n`))
                }
                const stats = limiter === undefined ? undefined : yield* limiter.stats
                progress.tick(stats?.waited)
              })
          ).pipe(
            Effect.tapError((error) =>
              error._tag === "PurgeLocked" ? Effect.void : Effect.andThen(
                summarize,
                (tally.Failed ?? 0) >= o.maxErrors ? say(`the purge stopped: ${tally.Failed} ids failed, --max-errors is ${o.maxErrors}`) : Effect.void
              )
            )
          )
          const summary = yield* summarize
          if (summary.refused > 0 || summary.failed > 0) {
            return yield* new PurgeIncomplete({ refused: summary.refused, failed: summary.failed, auditLog: Option.getOrUndefined(o.auditLog) })
          }
        })
      )
    })
).pipe(Command.withDescription("Permanently delete users within Zendesk's limits; resumable with --checkpoint."))

/** The `deleted-users` command and its subcommands. */
export const command = root.pipe(Command.withSubcommands([list, show, count, purge]))
