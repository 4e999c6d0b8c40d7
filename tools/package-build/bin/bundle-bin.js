#!/usr/bin/env node
// bundle-bin ENTRY OUT: one minified, tree-shaken ESM file for a command (esbuild), so that it
// starts without resolving and loading hundreds of modules. Node built-ins stay imports; CommonJS
// dependencies inside get a `require` of their own.
import { build } from "esbuild"

const [entry, outfile] = process.argv.slice(2)
if (entry === undefined || outfile === undefined) {
  console.error("usage: bundle-bin ENTRY OUT")
  process.exit(2)
}
const result = await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: true,
  treeShaking: true,
  legalComments: "linked",
  metafile: true,
  banner: { js: "import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);" },
  logLevel: "warning"
})
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0)
console.error(`bundle-bin: ${outfile} (${Math.round(bytes / 1024)} KB from ${Object.keys(result.metafile.inputs).length} modules)`)
