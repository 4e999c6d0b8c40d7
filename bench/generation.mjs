// Generation at scale: effect-openapi against @hey-api/openapi-ts and openapi-typescript (types alone) on one
// spec (GitHub's REST spec by default), in one run: generation wall time and peak RSS (each tool in its own
// process, GNU time), output bytes, and `tsc --noEmit` of each output (workspace settings) with TypeScript 5.9
// and TypeScript 7, wall time, peak RSS and error count; then the first call of one of our lazy validators.
// `node bench/generation.mjs` prints the table alone.
import { execFileSync, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import { buildSync } from "esbuild"

const root = path.resolve(import.meta.dirname, "..")
export const githubSpec = path.join(root, "node_modules/@octokit/openapi/generated/api.github.com.json")
const time = "/usr/bin/time"

/** Runs a command in its own process: wall ms, peak RSS (MiB, from GNU time when installed), exit code and output. */
const measure = (command, args) => {
  const gnu = existsSync(time)
  const t0 = performance.now()
  const r = spawnSync(gnu ? time : command, gnu ? ["-f", "__RSS_KB %M", command, ...args] : args, { cwd: root, encoding: "utf8", maxBuffer: 256 * 2 ** 20, env: { ...process.env, NO_COLOR: "1" } })
  const ms = performance.now() - t0
  const rss = /__RSS_KB (\d+)/.exec(r.stderr ?? "")
  return { ms, rssMiB: rss === null ? undefined : Number(rss[1]) / 1024, code: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" }
}

/** Every file's bytes under a folder (the TypeScript files apart). */
const bytesOf = (dir) => {
  let all = 0
  let ts = 0
  for (const entry of readdirSync(dir, { recursive: true })) {
    const file = path.join(dir, entry)
    if (!statSync(file).isFile() || entry === "tsconfig.json") continue
    const size = statSync(file).size
    all += size
    if (file.endsWith(".ts")) ts += size
  }
  return { all, ts }
}

/** `tsc --noEmit` of every TypeScript file of a folder, with the workspace's compiler options. */
const typecheck = (dir, tsc) => {
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ extends: path.relative(dir, path.join(root, "tsconfig.base.json")), compilerOptions: { noEmit: true, types: ["node"] }, include: ["**/*.ts"] }))
  const r = measure(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json")])
  return { ms: r.ms, rssMiB: r.rssMiB, errors: (r.stdout.match(/error TS\d+/g) ?? []).length, crashed: r.code !== 0 && !/error TS\d+/.test(r.stdout) ? r.stderr.split("\n").find((l) => /Error/.test(l)) ?? `exit ${r.code}` : undefined }
}

const tools = (spec, dir) => ({
  "effect-openapi": [process.execPath, [path.join(root, "tools/codegen/dist/effect-openapi.js"), "generate", "--spec", spec, "--name", "bench", "--out", dir]],
  "hey-api": [process.execPath, [path.join(root, "node_modules/@hey-api/openapi-ts/bin/run.js"), "-i", spec, "-o", dir, "-s", "--no-log-file"]],
  "openapi-typescript": [process.execPath, [path.join(root, "node_modules/openapi-typescript/bin/cli.js"), spec, "-o", path.join(dir, "types.ts")]]
})

/** The first call of a lazy validator: import of the module, then the first and a later call (ms), in a fresh `node`. */
const firstCall = (dir) => {
  const mjs = path.join(dir, "validators.bench.mjs")
  buildSync({ entryPoints: [path.join(dir, "validators.ts")], outfile: mjs, format: "esm", logLevel: "error" })
  // The validator of repos/get's 200 response (a full repository: about 140 component schemas reached).
  const source = readFileSync(path.join(dir, "client.ts"), "utf8")
  const client = /"200": \{ content: \[\{ mediaType: "application\/json", kind: "json", validate: V\.(\w+)/.exec(source.slice(source.indexOf('    id: "repos/get",')))?.[1]
  if (client === undefined) return undefined
  const script = `const t0 = performance.now(); const V = await import(${JSON.stringify(mjs)}); const t1 = performance.now(); V.${client}({ id: 1 }); const t2 = performance.now(); V.${client}({ id: 2 }); const t3 = performance.now(); console.log(JSON.stringify({ importMs: t1 - t0, firstCallMs: t2 - t1, laterCallMs: t3 - t2 }))`
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: dir, encoding: "utf8" }))
}

/**
 * Each tool generates from the spec, then each output is type-checked by TypeScript 5.9 and 7. Ratios are ours
 * over hey-api's (generation) and over openapi-typescript's types alone (tsc, bytes).
 */
export const generationComparison = ({ spec = githubSpec, typecheck: check = true } = {}) => {
  const base = path.join(root, "tmp", `bench-generation-${process.pid}`)
  rmSync(base, { recursive: true, force: true })
  const results = {}
  try {
    for (const [name, [command, args]] of Object.entries(tools(spec, "DIR"))) {
      const dir = path.join(base, name)
      mkdirSync(dir, { recursive: true })
      const run = measure(command, args.map((a) => (a === "DIR" ? dir : a.replace("DIR", dir))))
      if (run.code !== 0) throw new Error(`${name} failed (exit ${run.code}): ${run.stderr.slice(-2000)}`)
      results[name] = { generation: { ms: run.ms, rssMiB: run.rssMiB }, bytes: bytesOf(dir) }
      if (check) {
        results[name].tsc5 = typecheck(dir, path.join(root, "node_modules/typescript/bin/tsc"))
        results[name].tsc7 = typecheck(dir, path.join(root, "node_modules/typescript-7/bin/tsc"))
      }
    }
    const ours = results["effect-openapi"]
    const lazy = firstCall(path.join(base, "effect-openapi"))
    const ots = results["openapi-typescript"]
    const hey = results["hey-api"]
    return {
      results,
      lazyValidator: lazy,
      ratios: {
        generationToHeyApi: ours.generation.ms / hey.generation.ms,
        bytesToOpenapiTypescript: ours.bytes.all / ots.bytes.all,
        tsc5ToOpenapiTypescript: check ? ours.tsc5.ms / ots.tsc5.ms : undefined,
        tsc7ToOpenapiTypescript: check ? ours.tsc7.ms / ots.tsc7.ms : undefined
      }
    }
  } finally {
    rmSync(base, { recursive: true, force: true })
  }
}

const f = (n, digits = 1) => (n === undefined ? "n/a" : n.toFixed(digits))
const tscCell = (t) => (t === undefined ? "n/a" : t.crashed !== undefined ? `crashed (${t.crashed})` : `${f(t.ms / 1000)} s / ${f(t.rssMiB, 0)} MiB, ${t.errors} errors`)

/** The comparison as a Markdown table. */
export const generationTable = (r) => {
  const names = Object.keys(r.results)
  const row = (label, cell) => `| ${label} | ${names.map((n) => cell(r.results[n])).join(" | ")} |`
  return [
    `| GitHub's REST spec (1,223 operations) | ${names.join(" | ")} |`,
    `|---|${names.map(() => "---").join("|")}|`,
    row("generation (wall / peak RSS)", (x) => `${f(x.generation.ms / 1000)} s / ${f(x.generation.rssMiB, 0)} MiB`),
    row("output bytes (all / TypeScript)", (x) => `${f(x.bytes.all / 1e6, 2)} MB / ${f(x.bytes.ts / 1e6, 2)} MB`),
    row("`tsc --noEmit`, TypeScript 5.9", (x) => tscCell(x.tsc5)),
    row("`tsc --noEmit`, TypeScript 7", (x) => tscCell(x.tsc7))
  ].join("\n")
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = generationComparison()
  console.log(JSON.stringify(r, null, 2))
  console.log(generationTable(r))
}
