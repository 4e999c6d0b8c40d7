#!/usr/bin/env node
// dual-build: after `tsc` wrote ESM to dist/, writes dist/cjs/: each module transformed to CommonJS
// by esbuild (one file each, so classes are not duplicated between entry points), the .d.ts copied
// beside them, and a package.json that makes that folder CommonJS, for `require()` and its types.
import { build } from "esbuild"
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs"
import * as path from "node:path"

const dist = path.resolve(process.argv[2] ?? "dist")
const out = path.join(dist, "cjs")
rmSync(out, { recursive: true, force: true })
const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const file = path.join(dir, name)
  if (file === out) return []
  return statSync(file).isDirectory() ? walk(file) : [file]
})
const files = walk(dist)
await build({
  entryPoints: files.filter((f) => f.endsWith(".js")),
  outdir: out,
  outbase: dist,
  format: "cjs",
  platform: "node",
  target: "node20",
  bundle: false,
  logLevel: "warning"
})
for (const file of files.filter((f) => f.endsWith(".d.ts"))) {
  const target = path.join(out, path.relative(dist, file))
  mkdirSync(path.dirname(target), { recursive: true })
  cpSync(file, target)
}
writeFileSync(path.join(out, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`)
console.error(`dual-build: ${files.filter((f) => f.endsWith(".js")).length} modules as CommonJS in ${path.relative(process.cwd(), out)}`)
