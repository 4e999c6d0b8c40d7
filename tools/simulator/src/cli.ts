#!/usr/bin/env node
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import * as CliOutput from "effect/cli/CliOutput"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as HttpServer from "effect/http/HttpServer"
import * as Layer from "effect/Layer"
import { baseUrlOf, layer } from "./server.js"
import { SimulatorState } from "./state.js"

const options = {
  port: Flag.Int("port").pipe(Flag.withDefault(0), Flag.withDescription("Port on 127.0.0.1 (0: a free one)")),
  users: Flag.Int("users").pipe(Flag.withDefault(2000), Flag.withDescription("Users in the generated account")),
  seed: Flag.Int("seed").pipe(Flag.withDefault(42), Flag.withDescription("Seed of the generated account")),
  requestsPerWindow: Flag.Int("requests-per-window").pipe(Flag.withDefault(700), Flag.withDescription("Account-wide requests per window")),
  requestWindow: Flag.Int("request-window-seconds").pipe(Flag.withDefault(60)),
  purgesPerWindow: Flag.Int("purges-per-window").pipe(Flag.withDefault(700), Flag.withDescription("Permanent deletions per rolling window")),
  purgeWindow: Flag.Int("purge-window-seconds").pipe(Flag.withDefault(600)),
  latency: Flag.Int("latency-ms").pipe(Flag.withDefault(0), Flag.withDescription("Latency added to every response")),
  softDeletedShare: Flag.Finite("soft-deleted-share").pipe(Flag.withDefault(0.6), Flag.withDescription("Share of users soft-deleted")),
  purgedShare: Flag.Finite("purged-share").pipe(Flag.withDefault(0.15), Flag.withDescription("Share of users already permanently deleted"))
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
    const server = yield* Effect.provideContext(HttpServer.HttpServer, context)
    state.baseUrl = baseUrlOf(server.address)
    // The first line on stdout is the base URL; the simulator serves until it is stopped.
    yield* Console.log(state.baseUrl)
    return yield* Effect.never
  }).pipe(Effect.scoped)
).pipe(Command.withDescription("A local Zendesk for the Deleted Users API, on 127.0.0.1."))

// Bad usage prints only its errors, on stderr: stdout's first line is the base URL, and nothing else.
const presenter: CliOutput.Presenter = {
  present: (event) =>
    event._tag === "InvalidInvocation"
      ? Effect.flatMap(CliOutput.Formatter, (formatter) => Console.error(formatter.formatErrors(event.errors)))
      : CliOutput.defaultPresenter.present(event)
}

Command.run(command, { version: "0.1.0" }).pipe(
  Effect.provideService(CliOutput.Presenter, presenter),
  Effect.provide(NodeServices.layer),
  NodeRuntime.runMain({ disableErrorReporting: false })
)
