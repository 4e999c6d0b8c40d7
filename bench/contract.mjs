// Contract tests: `verify` on 100,000 generated HAR entries with JUnit output, and `diff` on a synthetic
// 500-operation spec. Both run the real CLI in its own process, as CI does.
import { execFile } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { stringify } from "yaml"

const root = fileURLToPath(new URL("..", import.meta.url))
const cli = path.join(root, "packages/contract-tests/dist/cli.js")
const fixtures = path.join(root, "packages/contract-tests/fixtures")
const spec = path.join(root, "specs/zendesk/deleted-users.yml")
const run = promisify(execFile)

/** Runs the CLI; returns its wall time, exit code and output. */
const timedCli = async (args) => {
  const t0 = performance.now()
  const r = await run(process.execPath, [cli, ...args], { maxBuffer: 2 ** 30 }).then(
    (x) => ({ code: 0, stdout: x.stdout }),
    (e) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr })
  )
  return { ms: performance.now() - t0, ...r }
}

const harOf = (file) => JSON.parse(readFileSync(path.join(fixtures, file), "utf8"))

/** HAR files holding `entries` entries in all: recorded show, count and delete entries, one in 50 from the known-bad fixtures. */
const writeTraffic = (dir, entries, files) => {
  const good = ["recorded/show.har", "recorded/count.har", "recorded/permanently-delete.har"].flatMap((f) => harOf(f).log.entries)
  const bad = ["bad/wrong-type.har", "bad/missing-required-property.har", "bad/undocumented-status.har"].flatMap((f) => harOf(f).log.entries)
  const log = harOf("recorded/show.har").log
  const perFile = Math.ceil(entries / files)
  let bytes = 0
  for (let f = 0; f < files; f++) {
    const list = []
    for (let i = f * perFile; i < Math.min(entries, (f + 1) * perFile); i++) list.push(i % 50 === 49 ? bad[i % bad.length] : good[i % good.length])
    const text = JSON.stringify({ log: { ...log, entries: list } })
    bytes += text.length
    writeFileSync(path.join(dir, `traffic-${String(f).padStart(3, "0")}.har`), text)
  }
  return bytes
}

/** A spec with `operations` operations over shared components (a user, an error envelope, pagination parameters). */
export const syntheticSpec = (operations) => {
  const ref = (name) => ({ $ref: `#/components/schemas/${name}` })
  const paths = {}
  for (let i = 0; i * 2 < operations; i++) {
    const name = `/api/v2/resource_${i}`
    paths[`${name}/{id}`] = {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer", format: "int64" } }],
      get: {
        operationId: `Show${i}`,
        parameters: [{ $ref: "#/components/parameters/PageSize" }, { name: `filter_${i}`, in: "query", schema: { type: "string", enum: ["a", "b", "c"], maxLength: 10 } }],
        responses: {
          200: { description: "ok", headers: { "X-Request-Id": { schema: { type: "string" } } }, content: { "application/json": { schema: { type: "object", required: ["item"], properties: { item: ref("Item"), extra: { allOf: [ref("Base"), { type: "object", properties: { [`field_${i}`]: { type: "string" } } }] } } } } } },
          404: { $ref: "#/components/responses/NotFound" },
          429: { $ref: "#/components/responses/TooManyRequests" }
        }
      },
      put: {
        operationId: `Update${i}`,
        requestBody: { required: true, content: { "application/json": { schema: { type: "object", properties: { item: ref("NewItem") } } } } },
        responses: { 200: { description: "ok", content: { "application/json": { schema: ref("Item") } } }, 429: { $ref: "#/components/responses/TooManyRequests" } }
      }
    }
  }
  return {
    openapi: "3.1.0",
    info: { title: "Synthetic", version: "1.0.0" },
    servers: [{ url: "https://api.example.com/v1" }],
    security: [{ basicAuth: [] }, { bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { basicAuth: { type: "http", scheme: "basic" }, bearerAuth: { type: "http", scheme: "bearer" } },
      parameters: { PageSize: { name: "page[size]", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } } },
      headers: { "Retry-After": { required: true, schema: { type: "integer" } } },
      responses: {
        NotFound: { description: "no", content: { "application/json": { schema: ref("Error") } } },
        TooManyRequests: { description: "slow", headers: { "Retry-After": { $ref: "#/components/headers/Retry-After" } }, content: { "application/json": { schema: ref("Error") } } }
      },
      schemas: {
        Base: { type: "object", required: ["id"], properties: { id: { type: "integer" }, created_at: { type: "string", format: "date-time" } } },
        Item: { allOf: [ref("Base"), { type: "object", required: ["name", "role"], properties: { name: { type: "string" }, role: { type: "string", enum: ["admin", "agent"] }, children: { type: "array", items: ref("Item") }, photo: { anyOf: [{ type: "object", properties: { url: { type: "string" } } }, { type: ["string", "null"] }] } } }] },
        NewItem: { type: "object", required: ["name"], properties: { name: { type: "string", maxLength: 100 }, role: { type: "string", enum: ["admin", "agent"] } } },
        Error: { type: "object", required: ["error"], properties: { error: { type: "string" }, description: { type: "string" } } }
      }
    }
  }
}

export const contract = async ({ entries = 100_000, files = 10, operations = 500 } = {}) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-contract-"))
  try {
    const bytes = writeTraffic(dir, entries, files)
    const junit = path.join(dir, "report.xml")
    const verify = await timedCli(["verify", dir, "--spec", spec, "--format", "junit", "--output", junit])
    if (verify.code !== 1) throw new Error(`verify: expected exit 1 (one entry in 50 is bad), got ${verify.code}: ${verify.stderr ?? ""}`)
    const xml = readFileSync(junit, "utf8")
    const cases = xml.split("<testcase ").length - 1
    if (cases !== entries) throw new Error(`verify: ${cases} test cases for ${entries} entries`)
    const textRun = await timedCli(["verify", dir, "--spec", spec])

    const before = syntheticSpec(operations)
    const after = structuredClone(before)
    after.components.schemas.Item.allOf[1].properties.role.enum.push("owner")
    after.components.parameters.PageSize.schema.maximum = 50
    delete after.components.responses.TooManyRequests.headers["Retry-After"]
    delete after.paths["/api/v2/resource_0/{id}"].put
    after.paths["/api/v2/resource_1/{id}"].get.parameters[1].schema.enum = ["a", "b"]
    const oldSpec = path.join(dir, "old.yml")
    const newSpec = path.join(dir, "new.yml")
    writeFileSync(oldSpec, stringify(before))
    writeFileSync(newSpec, stringify(after))
    const same = await timedCli(["diff", oldSpec, oldSpec])
    const diff = await timedCli(["diff", "--format", "json", oldSpec, newSpec])
    if (same.code !== 0 || diff.code !== 1) throw new Error(`diff: expected exit 0 then 1, got ${same.code} and ${diff.code}`)
    const findings = JSON.parse(diff.stdout).findings
    return {
      entries,
      files,
      harMb: bytes / 2 ** 20,
      verifyJunitMs: verify.ms,
      verifyTextMs: textRun.ms,
      junitMb: statSync(junit).size / 2 ** 20,
      operations: Object.values(before.paths).reduce((n, item) => n + Object.keys(item).filter((k) => k !== "parameters").length, 0),
      specKb: statSync(oldSpec).size / 1024,
      diffSameMs: same.ms,
      diffMs: diff.ms,
      breakingFindings: findings.filter((f) => f.severity === "breaking").length,
      warningFindings: findings.filter((f) => f.severity === "warning").length,
      maxOperationsPerFinding: Math.max(...findings.map((f) => f.operations.length))
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await contract())
