#!/usr/bin/env node
import { Command, Options } from "@effect/cli"
import { HttpServer } from "@effect/platform"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Console, Effect, Layer } from "effect"
import { layer } from "./server.js"
import { SimulatorState } from "./state.js"

const options = {
  port: Options.integer("port").pipe(Options.withDefault(0), Options.withDescription("Port on 127.0.0.1 (0: a free one)")),
  users: Options.integer("users").pipe(Options.withDefault(2000), Options.withDescription("Users in the generated account")),
  seed: Options.integer("seed").pipe(Options.withDefault(42), Options.withDescription("Seed of the generated account")),
  requestsPerWindow: Options.integer("requests-per-window").pipe(Options.withDefault(700), Options.withDescription("Account-wide requests per window")),
  requestWindow: Options.integer("request-window-seconds").pipe(Options.withDefault(60)),
  purgesPerWindow: Options.integer("purges-per-window").pipe(Options.withDefault(700), Options.withDescription("Permanent deletions per rolling window")),
  purgeWindow: Options.integer("purge-window-seconds").pipe(Options.withDefault(600)),
  latency: Options.integer("latency-ms").pipe(Options.withDefault(0), Options.withDescription("Latency added to every response")),
  softDeletedShare: Options.float("soft-deleted-share").pipe(Options.withDefault(0.6), Options.withDescription("Share of users soft-deleted")),
  purgedShare: Options.float("purged-share").pipe(Options.withDefault(0.15), Options.withDescription("Share of users already permanently deleted"))
}

const command = Command.make("deleted-users-simulator", options, (o) =>
  Effect.gen(function* () {
    const state = new SimulatorState({
      port: o.port,
      users: o.users,
      seed: o.seed,
      requestsPerWindow: o.requestsPerWindow,
      requestWindowMs: o.requestWindow * 1000,
      purgesPerWindow: o.purgesPerWindow,
      purgeWindowMs: o.purgeWindow * 1000,
      latencyMs: o.latency,
      softDeletedShare: o.softDeletedShare,
      purgedShare: o.purgedShare
    })
    const context = yield* Layer.build(layer(state))
    const server = yield* HttpServer.HttpServer.pipe(Effect.provide(context))
    if (server.address._tag === "TcpAddress") state.baseUrl = `http://${server.address.hostname}:${server.address.port}`
    // The first line on stdout is the base URL; the simulator serves until it is stopped.
    yield* Console.log(state.baseUrl)
    return yield* Effect.never
  }).pipe(Effect.scoped)
).pipe(Command.withDescription("A local Zendesk for the Deleted Users API, on 127.0.0.1."))

const cli = Command.run(command, { name: "deleted-users-simulator", version: "0.1.0" })

cli(process.argv).pipe(Effect.provide(NodeContext.layer), NodeRuntime.runMain({ disableErrorReporting: false }))
