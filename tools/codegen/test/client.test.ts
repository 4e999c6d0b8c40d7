/**
 * Generated clients of two third-party specs (Redocly Museum, OpenAPI 3.1 with problem+json; Apache
 * Iceberg REST catalog, OpenAPI 3.0) and of our body-kinds spec, against a real HTTP server on 127.0.0.1:
 * the Effect 4 clients (the default target). The suite is `support/clients-suite.ts`; the Effect 3
 * clients run it in `packages/openapi-runtime-effect3/test/generated-clients.test.ts`.
 */
import { it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { IcebergRestCatalog } from "./generated/iceberg-rest-catalog/index.js"
import { RedoclyMuseum } from "./generated/redocly-museum/index.js"
import { Uploads } from "./generated/uploads/index.js"
import { describeGeneratedClients } from "./support/clients-suite.js"

describeGeneratedClients({
  name: "Effect 4 (effect-openapi generate)",
  live: (name, body) => it.live(name, body),
  Effect,
  Layer,
  Stream,
  FetchHttpClient,
  RedoclyMuseum,
  IcebergRestCatalog,
  Uploads
})
