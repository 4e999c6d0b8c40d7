import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import {
  DeletedUsers,
  ZendeskConfig,
  auditLine,
  parseId,
  softDeletedBefore,
  type DeletedUser,
  type Limiter,
  type PurgeOutcome,
  type ZendeskError
} from "@deleted-users/effect-client"
import * as Clock from "effect/Clock"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { createInterface } from "node:readline/promises"
import { parseBudget, parseDuration } from "./duration.js"
import { PurgeIncomplete, UsageError } from "./errors.js"
import { parseIds, readIdsFile } from "./ids.js"
import { pacedDeletedUsers, stateFileFor } from "./pacing.js"
import { checkWritableFile } from "./paths.js"
import { stripUrlSecrets } from "./secrets.js"
import { jsonArrayItem, out, tableHeader, tableRow, type ListFormat } from "./output.js"
import { makeProgress } from "./progress.js"

const root = Command.make("deleted-users", {
  subdomain: Options.text("subdomain").pipe(Options.optional, Options.withDescription("The account's subdomain (else ZENDESK_SUBDOMAIN)")),
  baseUrl: Options.text("base-url").pipe(Options.optional, Options.withDescription("A base URL, https or loopback (else ZENDESK_BASE_URL)")),
  quiet: Options.boolean("quiet").pipe(Options.withDescription("No progress and no messages on stderr")),
  rateLimit: Options.text("rate-limit").pipe(
    Options.withDefault("700/1m"),
    Options.withDescription("The account's request limit, shared by every run of this user (kept in $DELETED_USERS_STATE_DIR)")
  )
})

/** The client for this invocation: where from the flags or the environment; credentials from the environment only. */
const clientLayer = Effect.gen(function* () {
  const { subdomain, baseUrl, rateLimit } = yield* root
  const pace = parseBudget(rateLimit)
  if (Either.isLeft(pace)) return yield* new UsageError({ message: `--rate-limit: ${pace.left.replace("deletions", "requests")}; nothing was sent` })
  const env: Record<string, string> = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined))
  if (Option.isSome(subdomain) || Option.isSome(baseUrl)) {
    delete env.ZENDESK_SUBDOMAIN
    delete env.ZENDESK_BASE_URL
  }
  if (Option.isSome(subdomain)) env.ZENDESK_SUBDOMAIN = subdomain.value
  if (Option.isSome(baseUrl)) env.ZENDESK_BASE_URL = baseUrl.value
  const config = yield* Layer.build(ZendeskConfig.fromEnv).pipe(
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))),
    Effect.mapError((e) => {
      const text = String(e).replace(/^\(Missing data at [^)]*\) /, "").replace(/^\(Invalid data at ([A-Z_]+): "(.*)"\)$/s, "$1: $2; fix $1")
      return new UsageError({ message: `configuration: ${stripUrlSecrets(text)}` })
    }),
    // A subdomain that is one DNS label and still no host name (`xn--acme`, bad punycode) makes no URL.
    Effect.catchAllDefect((defect) =>
      new UsageError({
        message: `configuration: ${env.ZENDESK_BASE_URL === undefined ? `ZENDESK_SUBDOMAIN ${JSON.stringify(env.ZENDESK_SUBDOMAIN ?? "")}` : "ZENDESK_BASE_URL"} makes no valid URL (${defect instanceof Error ? defect.message : String(defect)}); give the account's subdomain, e.g. acme for acme.zendesk.com`
      })
    )
  )
  const client = pacedDeletedUsers(stateFileFor(Context.get(config, ZendeskConfig).baseUrl, "requests"), pace.right.limit, pace.right.window)
  return client.pipe(Layer.provideMerge(Layer.succeedContext(config)))
})

/** The account's state file of a kind (see `stateFileFor`). */
const accountStateFile = (kind: "requests" | "purges") => Effect.map(ZendeskConfig, (config) => stateFileFor(config.baseUrl, kind))

const withClient = <A, E, R>(effect: Effect.Effect<A, E, R | DeletedUsers | ZendeskConfig>) =>
  Effect.scoped(Effect.flatMap(clientLayer, (layer) => Effect.provide(effect, layer)))

/** Messages go to stderr, unless `--quiet`. */
const say = (message: string) => Effect.flatMap(root, ({ quiet }) => (quiet ? Effect.void : Effect.sync(() => void process.stderr.write(`${message}\n`))))
const progressEnabled = Effect.map(root, ({ quiet }) => !quiet && process.stderr.isTTY === true)

const list = Command.make(
  "list",
  {
    pagination: Options.choice("pagination", ["cursor", "offset"]).pipe(Options.withDefault("cursor" as const)),
    pageSize: Options.integer("page-size").pipe(Options.withDefault(100)),
    format: Options.choice("format", ["ndjson", "json", "table"]).pipe(Options.withDefault("ndjson" as ListFormat))
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
        yield* Stream.runForEach(users, (user) =>
          Effect.promise(async () => {
            progress.tick()
            if (format === "json") await out(`${written === 0 ? "[\n" : ",\n"}${jsonArrayItem(user)}`)
            else await out(`${format === "table" ? tableRow(user) : JSON.stringify(user)}\n`)
            written++
          })
        )
        progress.done()
        if (format === "json") yield* Effect.promise(() => out(written === 0 ? "[]\n" : "\n]\n"))
      })
    )
).pipe(Command.withDescription("List every deleted user (JSON lines on stdout)."))

const show = Command.make("show", { id: Args.text({ name: "id" }) }, ({ id }) =>
  Effect.gen(function* () {
    const userId = yield* parseId("ShowDeletedUser", id)
    const user = yield* withClient(Effect.flatMap(DeletedUsers, (api) => api.show(userId)))
    yield* Effect.promise(() => out(`${JSON.stringify({ deleted_user: user }, null, 2)}\n`))
  })
).pipe(Command.withDescription("Show a soft-deleted user."))

const count = Command.make("count", {}, () =>
  Effect.gen(function* () {
    const value = yield* withClient(Effect.flatMap(DeletedUsers, (api) => api.count()))
    yield* Effect.promise(() => out(`${JSON.stringify({ count: value }, null, 2)}\n`))
  })
).pipe(Command.withDescription("The approximate count of deleted users."))

const confirm = (question: string) =>
  Effect.gen(function* () {
    if (process.stdin.isTTY !== true) {
      return yield* new UsageError({ message: "refusing to purge without --yes: there is no terminal to ask" })
    }
    const answer = yield* Effect.promise(async () => {
      const rl = createInterface({ input: process.stdin, output: process.stderr })
      try {
        return await rl.question(`${question} [y/N] `)
      } finally {
        rl.close()
      }
    })
    if (!/^y(es)?$/i.test(answer.trim())) return yield* new UsageError({ message: "not confirmed: nothing was purged" })
  })

const purge = Command.make(
  "purge",
  {
    ids: Args.text({ name: "ids" }).pipe(Args.repeated),
    from: Options.text("from").pipe(Options.optional, Options.withDescription("Read ids from a file, or - for stdin")),
    olderThan: Options.text("older-than").pipe(Options.optional, Options.withDescription("Select users soft-deleted more than this long ago, e.g. 30d")),
    before: Options.text("soft-deleted-before").pipe(Options.optional, Options.withDescription("Select users soft-deleted before this date (ISO 8601)")),
    dryRun: Options.boolean("dry-run").pipe(Options.withDescription("Show each user and purge none")),
    yes: Options.boolean("yes").pipe(Options.withDescription("Do not ask for confirmation")),
    checkpoint: Options.text("checkpoint").pipe(Options.optional, Options.withDescription("Checkpoint file: a rerun skips what is done (the budget used is kept beside it, in <file>.budget)")),
    auditLog: Options.text("audit-log").pipe(Options.optional, Options.withDescription("Append an NDJSON audit line per outcome, synced before the checkpoint")),
    concurrency: Options.integer("concurrency").pipe(Options.withDefault(4)),
    budget: Options.text("budget").pipe(Options.withDefault("700/10m"), Options.withDescription("Permanent deletions per window (Zendesk: 700/10m)")),
    maxErrors: Options.integer("max-errors").pipe(Options.withDefault(20), Options.withDescription("Stop after this many ids failed (after retries); refusals do not count"))
  },
  (o) =>
    Effect.gen(function* () {
      // Everything is checked before anything is sent.
      const selectors = [o.ids.length > 0 || Option.isSome(o.from), Option.isSome(o.olderThan), Option.isSome(o.before)].filter(Boolean).length
      if (selectors !== 1) return yield* new UsageError({ message: "give ids (or --from), or one of --older-than and --soft-deleted-before; nothing was sent" })
      const parsedBudget = parseBudget(o.budget)
      if (Either.isLeft(parsedBudget)) return yield* new UsageError({ message: `--budget: ${parsedBudget.left}; nothing was sent` })
      if (o.concurrency < 1 || o.concurrency > 64) return yield* new UsageError({ message: `--concurrency must be from 1 to 64, got ${o.concurrency}; nothing was sent` })
      if (o.maxErrors < 1) return yield* new UsageError({ message: `--max-errors must be at least 1, got ${o.maxErrors}; nothing was sent` })
      let cutoff: number | undefined
      if (Option.isSome(o.olderThan)) {
        const age = parseDuration(o.olderThan.value)
        if (Either.isLeft(age)) return yield* new UsageError({ message: `--older-than: ${age.left}; nothing was sent` })
        cutoff = (yield* Clock.currentTimeMillis) - Duration.toMillis(age.right)
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
      // The deletions of the window are kept beside the checkpoint, else in the account's state folder: a restart counts them.
      const budgetFile = Option.isSome(o.checkpoint) ? `${o.checkpoint.value}.budget` : undefined

      yield* withClient(
        Effect.gen(function* () {
          const api = yield* DeletedUsers
          const stateFile = budgetFile ?? (yield* accountStateFile("purges"))
          const budget = { ...parsedBudget.right, ...(stateFile === undefined ? {} : { stateFile }) }
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
          // The summary is printed however the purge ends (but an interrupt): done, or stopped by an error.
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
                if (o.dryRun && outcome._tag === "WouldPurge") yield* Effect.promise(() => out(`${JSON.stringify({ deleted_user: outcome.user })}\n`))
                const stats = limiter === undefined ? undefined : yield* limiter.stats
                progress.tick(stats?.waited)
              })
          ).pipe(
            Effect.tapError((error) =>
              Effect.zipRight(
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
