#!/usr/bin/env -S node --max-old-space-size=128 --max-semi-space-size=4
// The `deleted-users` command. This shim is committed so that npm links the command at install time,
// before the build has written dist/deleted-users.cjs (one bundled file).
//
// Heap flags (the first line): every command holds a few pages at a time (a purge by age also holds
// the selected ids, 8 bytes each), so V8 collects early instead of growing its young generation to
// 16 MB per semi-space and its old space far past what is live (4 MB semi-spaces start as fast as
// the default; 1 MB ones cost a quarter more in start-up). `node bin/deleted-users.cjs` skips them.
//
// Compile cache: compiling the bundle (about 380 KB) is a large part of a cold start, so V8's code for it is kept
// in $DELETED_USERS_STATE_DIR (default ~/.cache/deleted-users), keyed by the Node version and the
// bundle's SHA-1, and written after a run that had none (or had one V8 rejected). Any failure to
// read or write it only costs the compile. DELETED_USERS_COMPILE_CACHE=off turns it off;
// DELETED_USERS_COMPILE_CACHE=report prints hit, miss or rejected on stderr.
// CommonJS, as the bundle: an ES module here would start Node's ESM loader (about 8 ms more).
const { createHash } = require("node:crypto")
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs")
const { createRequire, Module } = require("node:module")
const { homedir } = require("node:os")
const { dirname, join } = require("node:path")
const { Script } = require("node:vm")

const bundle = join(__dirname, "../dist/deleted-users.cjs")
let source
try {
  source = readFileSync(bundle, "utf8").replace(/^#!.*/, "")
} catch (error) {
  if (error?.code !== "ENOENT") throw error
  console.error("deleted-users: not built yet. Run: npm run build")
  process.exit(2)
}

const mode = process.env.DELETED_USERS_COMPILE_CACHE
const dir = process.env.DELETED_USERS_STATE_DIR || join(homedir(), ".cache", "deleted-users")
const key = createHash("sha1").update(source).digest("hex").slice(0, 16)
const cacheFile = mode === "off" ? undefined : join(dir, `v8-${process.version}-${process.arch}-${key}.cache`)
let cachedData
try {
  if (cacheFile !== undefined) cachedData = readFileSync(cacheFile)
} catch {}
const script = new Script(Module.wrap(source), { filename: bundle, cachedData })
const state = cachedData === undefined ? "miss" : script.cachedDataRejected ? "rejected" : "hit"
if (mode === "report") process.stderr.write(`deleted-users: compile cache ${state}\n`)
if (cacheFile !== undefined && state !== "hit") {
  // After the run, when V8 has compiled the functions it used: the next start skips that.
  process.once("exit", () => {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      const tmp = `${cacheFile}.${process.pid}.tmp`
      writeFileSync(tmp, script.createCachedData(), { mode: 0o600 })
      renameSync(tmp, cacheFile)
    } catch {}
  })
}
const bundleModule = { exports: {} }
script.runInThisContext()(bundleModule.exports, createRequire(bundle), bundleModule, bundle, dirname(bundle))
