/**
 * The generated clients' suite (`tools/codegen/test/support/clients-suite.ts`: Redocly Museum, the Apache
 * Iceberg REST catalog and our body-kinds spec against a real HTTP server on 127.0.0.1) for the Effect 3
 * target: the clients in `./generated` are `effect-openapi generate --effect 3`, and from this folder
 * `effect` and `@effect/platform` are versions 3 and 0.97. Plain vitest runs each body with `Effect.runPromise`.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { it } from "vitest"
import { describeGeneratedClients, type ClientTarget } from "../../../tools/codegen/test/support/clients-suite.js"
import { IcebergRestCatalog } from "./generated/iceberg-rest-catalog/index.js"
import { RedoclyMuseum } from "./generated/redocly-museum/index.js"
import { Uploads } from "./generated/uploads/index.js"

// The suite is typed against Effect 4; at run time it uses only what Effect 3 has under the same names.
const modules = { Effect, Layer, Stream, FetchHttpClient, RedoclyMuseum, IcebergRestCatalog, Uploads } as unknown as Omit<ClientTarget, "name" | "live">

describeGeneratedClients({
  name: "Effect 3 (effect-openapi generate --effect 3)",
  live: (name, body) => it(name, () => Effect.runPromise(Effect.scoped(body() as unknown as Effect.Effect<void, unknown, Scope.Scope>))),
  ...modules
})
