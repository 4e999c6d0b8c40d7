#!/usr/bin/env node
// The `openapi-contract` command. This shim is committed so that npm links the command at install time,
// before the build has written dist/openapi-contract.mjs (one bundled file).
import("../dist/openapi-contract.mjs").catch((error) => {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/openapi-contract.mjs")) {
    console.error("openapi-contract: not built yet. Run: npm run build")
    process.exit(2)
  }
  throw error
})
