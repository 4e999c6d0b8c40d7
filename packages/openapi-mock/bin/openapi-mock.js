#!/usr/bin/env node
// The `openapi-mock` command. This shim is committed so that npm links the command at install time,
// before the build has written dist/bin.js.
import("../dist/bin.js").catch((error) => {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/bin.js")) {
    console.error("openapi-mock: not built yet. Run: npx nx run openapi-mock:build")
    process.exit(2)
  }
  throw error
})
