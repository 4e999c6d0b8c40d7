import * as path from "node:path"
import { defineConfig } from "vitest/config"

const root = import.meta.dirname
const source = (dir: string) => path.join(root, dir, "src/index.ts")

/** One run over every package: unit, integration and type-level tests. Tests import sources, not dist. */
export default defineConfig({
  resolve: {
    alias: {
      "@deleted-users/types": source("packages/types"),
      "@effect-openapi/json-pointer": source("packages/json-pointer"),
      "@effect-openapi/lint": source("packages/openapi-lint"),
      "@effect-openapi/mock": source("packages/openapi-mock"),
      "@effect-openapi/runtime-core/transport": path.join(root, "packages/openapi-runtime-core/src/transport.ts"),
      "@effect-openapi/runtime-core": source("packages/openapi-runtime-core"),
      "@effect-openapi/runtime-effect3/node": path.join(root, "packages/openapi-runtime-effect3/src/transport-node.ts"),
      // The Node build of the conditional export (`node` condition); the fetch build is tested in a bundle.
      "@effect-openapi/runtime-effect3/default-transport": path.join(root, "packages/openapi-runtime-effect3/src/default-transport-node.ts"),
      "@effect-openapi/runtime-effect3/stamp-file": path.join(root, "packages/openapi-runtime-effect3/src/stamp-file.ts"),
      "@effect-openapi/runtime-effect3": source("packages/openapi-runtime-effect3"),
      "@effect-openapi/runtime/node": path.join(root, "packages/openapi-runtime/src/transport-node.ts"),
      "@effect-openapi/runtime/default-transport": path.join(root, "packages/openapi-runtime/src/default-transport-node.ts"),
      "@effect-openapi/runtime/stamp-file": path.join(root, "packages/openapi-runtime/src/stamp-file.ts"),
      "@effect-openapi/runtime": source("packages/openapi-runtime"),
      "@deleted-users/effect-client/generated": path.join(root, "packages/effect-client/src/generated/index.ts"),
      "@deleted-users/effect-client/replay": path.join(root, "packages/effect-client/src/replay.ts"),
      "@deleted-users/effect-client": source("packages/effect-client"),
      "@effect-openapi/contract": source("packages/contract-tests"),
      "@deleted-users/cli": source("packages/cli"),
      "@effect-openapi/codegen": source("tools/codegen"),
      "@deleted-users/simulator": source("tools/simulator"),
      "@deleted-users/record-fixtures": source("tools/record-fixtures")
    }
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "tools/*/test/**/*.test.ts", "bench/**/*.test.ts"],
    typecheck: {
      enabled: true,
      include: ["packages/*/test/**/*.test-d.ts", "tools/*/test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json"
    },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-results.json" }
  }
})
