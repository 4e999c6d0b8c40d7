#!/usr/bin/env node
// bundle-bin ENTRY OUT: one minified, tree-shaken file for a command (esbuild), so that it starts
// without resolving and loading hundreds of modules. OUT ending in .cjs is CommonJS (a bin can then
// load it through a V8 code cache, see packages/cli/bin); else ESM, where CommonJS dependencies
// inside get a `require` of their own. Node built-ins stay imports.
import { build } from "esbuild"
import { readFileSync } from "node:fs"

const [entry, outfile] = process.argv.slice(2)
if (entry === undefined || outfile === undefined) {
  console.error("usage: bundle-bin ENTRY OUT")
  process.exit(2)
}
// The version of the package being built (npm runs this in its folder): the command's --version.
const { version } = JSON.parse(readFileSync("package.json", "utf8"))
const result = await build({
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: "node",
  format: outfile.endsWith(".cjs") ? "cjs" : "esm",
  target: "node20",
  minify: true,
  treeShaking: true,
  legalComments: "linked",
  metafile: true,
  ...(outfile.endsWith(".cjs") ? {} : { banner: { js: "import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);" } }),
  logLevel: "warning"
})
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0)
console.error(`bundle-bin: ${outfile} (${Math.round(bytes / 1024)} KB from ${Object.keys(result.metafile.inputs).length} modules)`)
