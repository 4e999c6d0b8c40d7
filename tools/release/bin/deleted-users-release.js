#!/usr/bin/env node
// The `openapi-release` command. This shim is committed so that npm links the command at install time,
// before the build has written dist/cli.js.
import("../dist/cli.js").catch((error) => {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/cli.js")) {
    console.error("openapi-release: not built yet. Run: npm run build")
    process.exit(2)
  }
  throw error
})
