import base from "../../../vitest.config.ts"
// Only the scratch tests, against the sources before the fixes (never the suite).
export default { ...base, test: { ...base.test, include: ["packages/effect-client/.old/test/**/*.test.ts"], typecheck: { enabled: false }, reporters: ["default"], outputFile: undefined } }
