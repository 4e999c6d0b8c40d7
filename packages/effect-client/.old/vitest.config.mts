import { defineConfig, mergeConfig } from "vitest/config"
import base from "../../../vitest.config.ts"
export default mergeConfig(base, defineConfig({ test: { include: ["packages/effect-client/.old/test/**/*.test.ts"], typecheck: { enabled: false } } }))
