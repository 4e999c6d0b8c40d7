#!/usr/bin/env node
// The `effect-openapi` command. This shim is committed so that npm links the command at install time,
// before the build has written dist/effect-openapi.js.
import("../dist/effect-openapi.js").catch((error) => {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/effect-openapi.js")) {
    console.error("effect-openapi: not built yet. Run: npm run build")
    process.exit(2)
  }
  throw error
})
