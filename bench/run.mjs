// npm run bench: every benchmark against loopback simulators; prints a table and writes BENCHMARKS.md.
import { writeFileSync } from "node:fs"
import * as os from "node:os"
import { codegen, generateLargeClient } from "./codegen.mjs"
import { coldStart } from "./cold-start.mjs"
import { contract } from "./contract.mjs"
import { perCall } from "./percall.mjs"
import { purgeBudget } from "./purge-budget.mjs"
import { streaming } from "./streaming.mjs"
import { generationComparison, generationTable } from "./generation.mjs"
import { heapCap } from "./heap-cap.mjs"
import { throughput } from "./throughput.mjs"
import { validation } from "./validation.mjs"

const f = (n, digits = 2) => (n === undefined ? "n/a" : n.toFixed(digits))
const pass = (ok) => (ok ? "met" : "**missed**")

const serial = await perCall({ inFlight: 1 })
console.table(serial.medianMs)
const parallel = await perCall({ inFlight: 16 })
console.table(parallel.medianMs)
const started = await coldStart()
console.table(started.result)
const valid = await validation()
console.table(valid)
const stream = await streaming()
console.table(stream)
const capped = process.argv.includes("--no-million") ? undefined : await heapCap()
console.table(capped?.runs)
const budget = await purgeBudget()
console.table(budget)
const served = await throughput()
console.table(served ?? { wrk: "not installed" })
const large = await generateLargeClient()
console.table(large)
const scale = process.argv.includes("--no-generation") ? undefined : generationComparison()
if (scale !== undefined) console.log(generationTable(scale))
const gen = await codegen({ testCommand: !process.argv.includes("--no-test-command") })
console.table(gen)
const checked = await contract()
console.table(checked)

const rows = [
  ["per call, 1 in flight: effect-client / openapi-fetch", `${f(serial.ratioToOpenapiFetch)}× (${f(serial.medianMs["effect-client"], 3)} vs ${f(serial.medianMs["openapi-fetch"], 3)} ms; bare keep-alive node:http ${f(serial.medianMs["node:http"], 3)} ms: ${f(serial.ratioToNodeHttp)}× of it; client CPU ${f(serial.cpuToNodeHttp)}× its)`, "≤ 0.8× (issue 23), ≤ 1.5× node:http", pass(serial.ratioToOpenapiFetch <= 0.8 && serial.ratioToNodeHttp <= 1.5)],
  ["per call, 16 in flight: effect-client / openapi-fetch", `${f(parallel.ratioToOpenapiFetch)}× (${f(parallel.medianMs["effect-client"], 3)} vs ${f(parallel.medianMs["openapi-fetch"], 3)} ms; node:http ${f(parallel.medianMs["node:http"], 3)} ms: ${f(parallel.ratioToNodeHttp)}× of it; client CPU ${f(parallel.cpuToNodeHttp)}× its)`, "≤ 0.8×, ≤ 1.5× node:http", pass(parallel.ratioToOpenapiFetch <= 0.8 && parallel.ratioToNodeHttp <= 1.5)],
  ["per call, 1 in flight: generated ZendeskDeletedUsers (node:http) / openapi-fetch", `${f(serial.generatedToOpenapiFetch)}× (${f(serial.medianMs["generated (node:http)"], 3)} ms; ${f(serial.generatedToNodeHttp)}× node:http, client CPU ${f(serial.generatedCpuToNodeHttp)}×; over @effect/platform-node's NodeHttpClient ${f(serial.medianMs["generated (NodeHttpClient)"], 3)} ms)`, "≤ 0.8×, ≤ 1.5× node:http", pass(serial.generatedToOpenapiFetch <= 0.8 && serial.generatedToNodeHttp <= 1.5)],
  ["per call, 16 in flight: generated ZendeskDeletedUsers (node:http) / openapi-fetch", `${f(parallel.generatedToOpenapiFetch)}× (${f(parallel.medianMs["generated (node:http)"], 3)} ms; ${f(parallel.generatedToNodeHttp)}× node:http, client CPU ${f(parallel.generatedCpuToNodeHttp)}×; NodeHttpClient ${f(parallel.medianMs["generated (NodeHttpClient)"], 3)} ms)`, "≤ 0.8×, ≤ 1.5× node:http", pass(parallel.generatedToOpenapiFetch <= 0.8 && parallel.generatedToNodeHttp <= 1.5)],
  ["cold start, `deleted-users count` (one bundled file), median wall / peak RSS", `${f(started.result["deleted-users count (bundle)"].ms, 0)} ms / ${f(started.result["deleted-users count (bundle)"].rssMiB, 0)} MiB: ${f(started.bundleToNode)}× / ${f(started.rssToNode)}× \`node -e ''\` (${f(started.result["node -e ''"].ms, 0)} ms / ${f(started.result["node -e ''"].rssMiB, 0)} MiB); curl ${started.result.curl === undefined ? "not installed" : `${f(started.result.curl.ms, 0)} ms`}; unbundled ${f(started.result["deleted-users count (unbundled dist)"].ms, 0)} ms / ${f(started.result["deleted-users count (unbundled dist)"].rssMiB, 0)} MiB`, "≤ 250 ms, ≤ 85 MiB", pass(started.result["deleted-users count (bundle)"].ms <= 250 && started.result["deleted-users count (bundle)"].rssMiB <= 85)],
  ["validation on top of JSON.parse, 100-user page", `${f(valid.validationOverhead * 100, 1)}% (${f(valid.parseUs, 1)} µs parse, ${f(valid.parseAndValidateUs, 1)} µs parse + validate, ${valid.pageBytes} bytes)`, "≤ 25%", pass(valid.validationOverhead <= 0.25)],
  ["list 1,000 users: `deleted-users list --format ndjson` (bin) / library", `${f(stream.lists[1000].cli.ms, 0)} ms, peak RSS ${f(stream.lists[1000].cli.maxRssMb, 1)} MB / ${f(stream.lists[1000].ms, 0)} ms, ${f(stream.lists[1000].usersPerSecond, 0)} users/s, peak RSS ${f(stream.lists[1000].maxRssMb, 1)} MB`, "", ""],
  ["list 100,000 users: `deleted-users list --format ndjson` (bin) / library", `${f(stream.lists[100000].cli.ms, 0)} ms, peak RSS ${f(stream.lists[100000].cli.maxRssMb, 1)} MB / ${f(stream.lists[100000].ms, 0)} ms, ${f(stream.lists[100000].usersPerSecond, 0)} users/s, peak RSS ${f(stream.lists[100000].maxRssMb, 1)} MB`, "", ""],
  ["peak RSS(100k) − RSS(1k), `deleted-users list` (bin, its heap flags)", stream.cliRssDeltaMb === undefined ? "not measured: GNU time missing" : `${f(stream.cliRssDeltaMb, 1)} MB`, "≤ 32 MB", stream.cliRssDeltaMb === undefined ? "" : pass(stream.cliRssDeltaMb <= 32)],
  ["peak RSS(100k) − RSS(1k), library listing in a plain `node` (no heap flags)", `${f(stream.rssDeltaMb, 1)} MB`, "", ""],
  ["heap after a full GC once listed, 100k − 1k (library)", `${f(stream.finalHeapDeltaMb, 2)} MB (${f(stream.lists[1000].finalHeapMb, 1)} → ${f(stream.lists[100000].finalHeapMb, 1)} MB)`, "≤ 5 MB", pass(Math.abs(stream.finalHeapDeltaMb) <= 5)],
  ["heap retained while listing 100,000 (after a full GC, page 100 → page 1,000)", stream.lists.retainedHeapMb === undefined ? "n/a" : `${f(stream.lists.retainedHeapMb.first, 1)} MB → ${f(stream.lists.retainedHeapMb.last, 1)} MB`, "flat", ""],
  [`every command through the bin on a ${capped === undefined ? "1,000,000" : capped.users.toLocaleString("en")}-user account, with its heap flags`, capped === undefined ? "not measured (--no-million)" : `${Object.entries(capped.runs).map(([k, r]) => `${k}: exit ${r.code ?? r.signal}, ${f(r.seconds, 0)} s, ${f(r.maxRssMb, 0)} MB`).join("; ")}; ${capped.purged.toLocaleString("en")} purged, ${capped.purgedTwice} twice`, "none out of memory", capped === undefined ? "" : pass(capped.outOfMemory.length === 0 && capped.purgedTwice === 0)],
  [`read-ahead vs sequential, ${stream.latencyMs} ms latency and ${stream.latencyMs} ms of work per page, ${stream.pages} pages`, `${f(stream.readAheadSpeedup)}× (${f(stream.sequentialMs, 0)} vs ${f(stream.readAheadMs, 0)} ms)`, "≥ 1.5×", pass(stream.readAheadSpeedup >= 1.5)],
  [`purge budget used over ${budget.windows} windows of ${budget.limit} per ${budget.windowMs / 1000} s`, `${f(budget.budgetShareUsed * 100, 1)}%`, "≥ 95%", pass(budget.budgetShareUsed >= 0.95)],
  ["429s met during that purge", `${budget.rateLimited429}`, "0", pass(budget.rateLimited429 === 0)],
  ["simulator throughput (wrk, 32 connections): count / 100-user page", served === undefined ? "not measured: install wrk (apt-get install wrk)" : `${f(served.count, 0)} / ${f(served.page, 0)} requests/s`, "≥ 2,000/s", served === undefined ? "" : pass(served.count >= 2000)],
  ["generate a client from Rebilly (355 operations, in process)", `${f(large.ms, 0)} ms (${f(large.bytes / 1e6, 1)} MB of source)`, "≤ 2,000 ms", pass(large.ms <= 2000)],
  ["generation on GitHub's REST spec: effect-openapi / hey-api (wall time)", scale === undefined ? "not measured (--no-generation)" : `${f(scale.ratios.generationToHeyApi)}× (${f(scale.results["effect-openapi"].generation.ms / 1000, 1)} vs ${f(scale.results["hey-api"].generation.ms / 1000, 1)} s); peak RSS ${f(scale.results["effect-openapi"].generation.rssMiB, 0)} MiB`, "≤ 1.0×, ≤ 1 GiB", scale === undefined ? "" : pass(scale.ratios.generationToHeyApi <= 1 && scale.results["effect-openapi"].generation.rssMiB <= 1024)],
  ["`tsc --noEmit` of our GitHub output / openapi-typescript's types alone, TypeScript 5.9", scale === undefined ? "not measured" : `${f(scale.ratios.tsc5ToOpenapiTypescript)}× (${f(scale.results["effect-openapi"].tsc5.ms / 1000, 1)} vs ${f(scale.results["openapi-typescript"].tsc5.ms / 1000, 1)} s; ${scale.results["effect-openapi"].tsc5.errors} errors)`, "≤ 2×, 0 errors", scale === undefined ? "" : pass(scale.ratios.tsc5ToOpenapiTypescript <= 2 && scale.results["effect-openapi"].tsc5.errors === 0)],
  ["`tsc --noEmit` of our GitHub output / openapi-typescript's types alone, TypeScript 7", scale === undefined ? "not measured" : `${f(scale.ratios.tsc7ToOpenapiTypescript)}× (${f(scale.results["effect-openapi"].tsc7.ms / 1000, 1)} vs ${f(scale.results["openapi-typescript"].tsc7.ms / 1000, 1)} s; ${scale.results["effect-openapi"].tsc7.errors} errors)`, "≤ 2×, 0 errors", scale === undefined ? "" : pass(scale.ratios.tsc7ToOpenapiTypescript <= 2 && scale.results["effect-openapi"].tsc7.errors === 0)],
  ["output bytes on GitHub's REST spec / openapi-typescript's types", scale === undefined ? "not measured" : `${f(scale.ratios.bytesToOpenapiTypescript)}× (${f(scale.results["effect-openapi"].bytes.all / 1e6, 1)} vs ${f(scale.results["openapi-typescript"].bytes.all / 1e6, 1)} MB)`, "≤ 3×", scale === undefined ? "" : pass(scale.ratios.bytesToOpenapiTypescript <= 3)],
  ["first call of a lazy validator (GitHub, repos/get 200): module import / first call / later call", scale?.lazyValidator === undefined ? "not measured" : `${f(scale.lazyValidator.importMs, 0)} / ${f(scale.lazyValidator.firstCallMs, 0)} / ${f(scale.lazyValidator.laterCallMs, 3)} ms`, "", ""],
  ["regenerate the types (in process)", `${f(gen.inProcessMs, 0)} ms`, "", ""],
  ["`nx run types:generate`, cold / cache hit", `${f(gen.nxColdMs, 0)} ms / ${f(gen.nxCacheHitMs, 0)} ms (${f(gen.nxColdMs / gen.nxCacheHitMs, 1)}×)`, "", ""],
  ["warm test command (`npm test`)", gen.warmTestMs === undefined ? "not measured" : `${f(gen.warmTestMs / 1000, 1)} s`, "", ""],
  [`contract \`verify\`, ${checked.entries.toLocaleString("en")} HAR entries, JUnit output`, `${f(checked.verifyJunitMs / 1000, 1)} s (text output ${f(checked.verifyTextMs / 1000, 1)} s; ${f(checked.harMb, 0)} MB of HAR)`, "< 10 s", pass(checked.verifyJunitMs < 10_000)],
  [`contract \`diff\`, ${checked.operations}-operation spec`, `${f(checked.diffMs / 1000, 1)} s (${checked.breakingFindings} breaking findings; spec against itself ${f(checked.diffSameMs / 1000, 1)} s)`, "", ""]
]

const cpus = os.cpus()
const doc = `# Benchmarks

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus.length} × ${cpus[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, ${os.platform()} ${os.release()}.
All figures come from one run against simulators on 127.0.0.1; ratios compare clients measured in the same run.
Rerun with \`npm run bench\` (add \`-- --no-test-command\` to skip timing \`npm test\`, \`-- --no-million\` to skip the 1,000,000-user runs, about 9 minutes, \`-- --no-generation\` to skip the GitHub generation comparison, about 5 minutes).

| what | figure | target | |
|---|---|---|---|
${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}
${scale === undefined ? "" : `\n${generationTable(scale)}\n`}
How each is measured:
1. **Per call**: \`DeletedUsers.show\` (validation and retry policy included), the generated \`ZendeskDeletedUsers.showDeletedUser\` over its default \`node:http\` transport and over @effect/platform-node's \`NodeHttpClient.layerNodeHttp\`, openapi-fetch's \`GET\`, a bare keep-alive \`node:http\` request + \`JSON.parse\` (the floor), and \`fetch\` + \`res.json()\`, against one simulator, ${serial.calls} calls each in ${serial.rounds} interleaved rounds (each round starting with the next client in turn) after 200 warm-up calls; the median of the rounds' mean per-call times, and of this process's CPU time per call (the simulator runs in its own).
2. **Validation**: the median time of \`JSON.parse\` of a recorded 100-user page, against \`JSON.parse\` + ajv validation (the client's own validator).
3. **Streaming**: each listing runs in its own process so its peak RSS is its own: the library in a plain \`node\` (\`bench/list-child.mjs\`, and again with \`--expose-gc\` for the heap after a full GC), and the \`deleted-users\` bin run as an executable, as npx runs it, so the heap flags of its first line (\`--max-old-space-size=128 --max-semi-space-size=4\`) apply; peak RSS from GNU time; the read-ahead comparison lists ${stream.pages} pages with ${stream.latencyMs} ms of server latency and ${stream.latencyMs} ms of consumer work per page, with \`readAhead: 0\` (strictly sequential) and \`readAhead: 1\` (the default).
3b. **Heap flags on a big account** (\`bench/heap-cap.mjs\`): a simulator process with ${capped?.users.toLocaleString("en") ?? "1,000,000"} users; \`count\` and the three list formats run to the end; \`purge --older-than 0d --dry-run\`, a real purge (16 at a time, audit log and checkpoint) and its resumption each select every soft-deleted user (the ids are held) and are interrupted with SIGINT after a fixed time, as a purge deletes about 100 users a second on loopback (each outcome is synced to disk). Out of memory would be exit 134 or SIGABRT; "twice" counts ids with two \`Purged\` audit lines.
4. **Purge budget**: a purge of ${budget.purged} soft-deleted users with the client's budget equal to the simulator's (${budget.limit} per ${budget.windowMs} ms); the share is the purges the simulator accepted within the first ${budget.windows} windows over ${budget.windows} × ${budget.limit}.
5. **Simulator throughput**: wrk (one thread, 32 keep-alive connections, ${served?.seconds ?? 8} s) against the simulator CLI in its own process, on \`GET /api/v2/deleted_users/count\` and on a 100-user cursor page (about 40 KB).
6. **Codegen**: \`generateClient\` on the Zendesk spec in process (what \`types:generate\` runs); \`nx run types:generate\` with \`--skip-nx-cache\` and then from the cache; \`npm test\` with Nx's build cache warm.
7. **Cold start** (\`bench/cold-start.mjs\`): \`deleted-users count\` through its bin (the bundle) and through the unbundled \`dist/bin.js\`, \`node -e ''\` and curl against one simulator process, ${started.runs} interleaved runs each after one warm-up; medians of wall time and of GNU time's peak RSS.
8. **Rebilly**: \`generateClient\` (lint, model, validators, openapi-typescript; no Postman collection) on the 355-operation spec shipped inside @redocly/openapi-core, in process.
8b. **Generation at scale** (\`bench/generation.mjs\`): on GitHub's REST spec (@octokit/openapi 23.0.2, 1,223 operations), effect-openapi (\`generate\`, its defaults: lazy validators, no Postman collection above 200 operations), @hey-api/openapi-ts 0.99 (\`-i -o\`, its default plugins) and openapi-typescript 7.13 (types alone), each in its own process, one after the other; wall time and GNU time's peak RSS; every file written; \`tsc --noEmit\` of each output folder with the workspace's \`tsconfig.base.json\`, by TypeScript 5.9 and TypeScript 7 (\`typescript-7\`, npm:typescript@7.0.2); the lazy validator's first call in a fresh \`node\` (the module transformed by esbuild).
9. **Contract tests** (\`bench/contract.mjs\`): the CLI in its own process, start-up included. \`verify\` on ${checked.files} generated HAR files of recorded show, count and delete entries (one in 50 from the known-bad fixtures), \`--format junit --output\`; \`diff\` on a generated ${checked.operations}-operation YAML spec (${f(checked.specKb, 0)} KB, shared components, allOf, anyOf) against a copy with five breaking changes, \`--format json\`.
`
writeFileSync(new URL("../BENCHMARKS.md", import.meta.url), doc)
console.log(doc)
