import { Args, Command, Options } from "@effect/cli"
import { FetchHttpClient } from "@effect/platform"
import {
  DeletedUsers,
  ZendeskConfig,
  auditLine,
  parseId,
  softDeletedBefore,
  type DeletedUser,
  type Limiter,
  type PurgeOutcome
} from "@deleted-users/effect-client"
import { Chunk, Clock, ConfigProvider, Console, Duration, Effect, Either, Layer, Option, Stream } from "effect"
import { appendFileSync } from "node:fs"
import { createInterface } from "node:readline/promises"
import { parseBudget, parseDuration } from "./duration.js"
import { UsageError } from "./errors.js"
import { parseIds, readIdsFile } from "./ids.js"
import { out, tableHeader, tableRow, type ListFormat } from "./output.js"
import { makeProgress } from "./progress.js"

const root = Command.make("deleted-users", {
  subdomain: Options.text("subdomain").pipe(Options.optional, Options.withDescription("The account's subdomain (else ZENDESK_SUBDOMAIN)")),
  baseUrl: Options.text("base-url").pipe(Options.optional, Options.withDescription("A base URL, https or loopback (else ZENDESK_BASE_URL)")),
  quiet: Options.boolean("quiet").pipe(Options.withDescription("No progress and no messages on stderr"))
})

/** The client for this invocation: where from the flags or the environment; credentials from the environment only. */
const clientLayer = Effect.gen(function* () {
  const { subdomain, baseUrl } = yield* root
  const env: Record<string, string> = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined))
  if (Option.isSome(subdomain) || Option.isSome(baseUrl)) {
    delete env.ZENDESK_SUBDOMAIN
    delete env.ZENDESK_BASE_URL
  }
  if (Option.isSome(subdomain)) env.ZENDESK_SUBDOMAIN = subdomain.value
  if (Option.isSome(baseUrl)) env.ZENDESK_BASE_URL = baseUrl.value
  const config = yield* Layer.build(ZendeskConfig.fromEnv).pipe(
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))),
    Effect.mapError((e) => new UsageError({ message: `configuration: ${String(e).replace(/^\(Missing data at [^)]*\) /, "")}` }))
  )
  return DeletedUsers.layer.pipe(Layer.provide(Layer.succeedContext(config)), Layer.provide(FetchHttpClient.layer))
})

const withClient = <A, E, R>(effect: Effect.Effect<A, E, R | DeletedUsers>) =>
  Effect.scoped(Effect.flatMap(clientLayer, (layer) => Effect.provide(effect, layer)))

/** Messages go to stderr, unless `--quiet`. */
const say = (message: string) => Effect.flatMap(root, ({ quiet }) => (quiet ? Effect.void : Console.error(message)))
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
        const collected: Array<DeletedUser> = []
        yield* Stream.runForEach(users, (user) =>
          Effect.promise(async () => {
            progress.tick()
            if (format === "json") collected.push(user)
            else await out(`${format === "table" ? tableRow(user) : JSON.stringify(user)}\n`)
          })
        )
        progress.done()
        if (format === "json") yield* Effect.promise(() => out(`${JSON.stringify(collected, null, 2)}\n`))
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
    checkpoint: Options.text("checkpoint").pipe(Options.optional, Options.withDescription("Checkpoint file: a rerun skips what is done")),
    auditLog: Options.text("audit-log").pipe(Options.optional, Options.withDescription("Append an NDJSON audit line per outcome")),
    concurrency: Options.integer("concurrency").pipe(Options.withDefault(4)),
    budget: Options.text("budget").pipe(Options.withDefault("700/10m"), Options.withDescription("Permanent deletions per window (Zendesk: 700/10m)"))
  },
  (o) =>
    Effect.gen(function* () {
      // Everything is checked before anything is sent.
      const selectors = [o.ids.length > 0 || Option.isSome(o.from), Option.isSome(o.olderThan), Option.isSome(o.before)].filter(Boolean).length
      if (selectors !== 1) return yield* new UsageError({ message: "give ids (or --from), or one of --older-than and --soft-deleted-before" })
      const parsedBudget = parseBudget(o.budget)
      if (Either.isLeft(parsedBudget)) return yield* new UsageError({ message: `--budget: ${parsedBudget.left}` })
      const budget = parsedBudget.right
      if (o.concurrency < 1 || o.concurrency > 64) return yield* new UsageError({ message: "--concurrency must be from 1 to 64" })
      let cutoff: number | undefined
      if (Option.isSome(o.olderThan)) {
        const age = parseDuration(o.olderThan.value)
        if (Either.isLeft(age)) return yield* new UsageError({ message: `--older-than: ${age.left}` })
        cutoff = (yield* Clock.currentTimeMillis) - Duration.toMillis(age.right)
      }
      if (Option.isSome(o.before)) {
        cutoff = Date.parse(o.before.value)
        if (Number.isNaN(cutoff)) return yield* new UsageError({ message: `--soft-deleted-before: not a date: ${JSON.stringify(o.before.value)}` })
      }
      const explicit = cutoff === undefined ? yield* parseIds([...o.ids, ...(Option.isSome(o.from) ? yield* readIdsFile(o.from.value) : [])]) : undefined

      yield* withClient(
        Effect.gen(function* () {
          const api = yield* DeletedUsers
          const started = yield* Clock.currentTimeMillis
          let ids: ReadonlyArray<number>
          if (explicit !== undefined) ids = explicit
          else {
            const total = yield* api.count()
            yield* say(`${total.value} deleted users in the account`)
            const due = yield* Stream.runCollect(api.list().pipe(Stream.filter(softDeletedBefore(cutoff!)), Stream.map((u) => u.id)))
            ids = Chunk.toReadonlyArray(due)
            yield* say(`${ids.length} soft-deleted before ${new Date(cutoff!).toISOString()}`)
          }
          if (!o.dryRun && !o.yes && ids.length > 0) yield* confirm(`Permanently delete ${ids.length} users? This cannot be undone.`)
          const progress = makeProgress(o.dryRun ? "dry run" : "purge", ids.length, yield* progressEnabled)
          let limiter: Limiter | undefined
          const tally: Record<string, number> = {}
          yield* Stream.runForEach(
            api.purge(ids, {
              concurrency: o.concurrency,
              dryRun: o.dryRun,
              budget,
              ...(Option.isSome(o.checkpoint) ? { checkpoint: o.checkpoint.value } : {}),
              onLimiter: (l) => (limiter = l)
            }),
            (outcome: PurgeOutcome) =>
              Effect.gen(function* () {
                tally[outcome._tag] = (tally[outcome._tag] ?? 0) + 1
                const now = yield* Clock.currentTimeMillis
                if (Option.isSome(o.auditLog)) appendFileSync(o.auditLog.value, auditLine(outcome, now))
                if (o.dryRun && outcome._tag === "WouldPurge") yield* Effect.promise(() => out(`${JSON.stringify({ deleted_user: outcome.user })}\n`))
                const stats = limiter === undefined ? undefined : yield* limiter.stats
                progress.tick(stats?.waited)
              })
          )
          progress.done()
          const stats = limiter === undefined ? { waited: Duration.zero, rateLimited: 0 } : yield* limiter.stats
          const summary = {
            selected: ids.length,
            purged: tally.Purged ?? 0,
            alreadyGone: tally.AlreadyGone ?? 0,
            refused: tally.Refused ?? 0,
            skipped: tally.Skipped ?? 0,
            ...(o.dryRun ? { wouldPurge: tally.WouldPurge ?? 0 } : {}),
            seconds: Math.round((yield* Clock.currentTimeMillis) - started) / 1000,
            rateLimited429: stats.rateLimited,
            secondsWaitingOnRateLimits: Math.round(Duration.toMillis(stats.waited)) / 1000
          }
          yield* say(
            `${o.dryRun ? "dry run: " : ""}${summary.purged} purged, ${summary.alreadyGone} already gone, ${summary.refused} refused, ${summary.skipped} skipped (checkpoint) ` +
              `in ${summary.seconds}s; ${summary.rateLimited429} 429s met, ${summary.secondsWaitingOnRateLimits}s waiting on rate limits`
          )
          yield* Effect.promise(() => out(`${JSON.stringify({ summary })}\n`))
        })
      )
    })
).pipe(Command.withDescription("Permanently delete users within Zendesk's limits; resumable with --checkpoint."))

/** The `deleted-users` command and its subcommands. */
export const command = root.pipe(Command.withSubcommands([list, show, count, purge]))
