#!/usr/bin/env node
// The `deleted-users` command. This shim is committed so that npm links the command at install time,
// before the build has written dist/deleted-users.mjs (one bundled file).
import("../dist/deleted-users.mjs").catch((error) => {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/deleted-users.mjs")) {
    console.error("deleted-users: not built yet. Run: npm run build")
    process.exit(2)
  }
  throw error
})
