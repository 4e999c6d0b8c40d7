/**
 * GitHub's REST spec (@octokit/openapi 23.0.2: 1,223 operations, 13 MB of JSON) generates, with the
 * read-time repairs, a client with a method per operation whose every file type-checks with 0 errors on
 * TypeScript 5.9 and on TypeScript 7 (no `@ts-nocheck`); its validators (lazy: compiled on first call)
 * accept and reject. About 2–4 minutes on 2 cores (generation, then two full type-checks).
 */
import { execFile } from "node:child_process"
import { mkdir, readFile, rm, writeFile } from "node:fs/promises"
import * as path from "node:path"
import { pathToFileURL } from "node:url"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { generateClient, type GeneratedFile } from "../src/client/generate.js"
import { typeErrors } from "./support/typecheck.js"

const root = path.resolve(import.meta.dirname, "../../..")
const spec = path.join(root, "node_modules/@octokit/openapi/generated/api.github.com.json")
// Inside the workspace (its git-ignored tmp/), so that the generated imports resolve as a package's would.
const out = path.join(root, "tmp", `github-scale-${process.pid}`)
const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

let files: ReadonlyArray<GeneratedFile> = []
let warnings: ReadonlyArray<string> = []
const source = (name: string) => files.find((f) => f.file === name)!.source

beforeAll(async () => {
  const result = await generateClient({ spec, name: "github" })
  files = result.files
  warnings = result.warnings
  await mkdir(out, { recursive: true })
  for (const file of files) await writeFile(path.join(out, file.file), file.source)
  await writeFile(path.join(out, "tsconfig.json"), JSON.stringify({ extends: path.relative(out, path.join(root, "tsconfig.base.json")), compilerOptions: { noEmit: true, types: ["node"] }, include: ["*.ts"] }))
}, 300_000)
afterAll(() => rm(out, { recursive: true, force: true }))

describe("GitHub's REST spec", () => {
  it("generates a method per operation, every operationId of the spec", async () => {
    const doc = JSON.parse(await readFile(spec, "utf8")) as { paths: Record<string, Record<string, { operationId?: string }>> }
    const ids = Object.values(doc.paths).flatMap((item) => Object.entries(item).filter(([method]) => methods.includes(method)).map(([, op]) => op.operationId))
    expect(ids).toHaveLength(1223)
    const client = source("client.ts")
    const described = [...client.matchAll(/^ {4}id: "([^"]+)",$/gm)].map((m) => m[1])
    expect(new Set(described)).toEqual(new Set(ids))
    expect(described).toHaveLength(ids.length)
    // Each operation is a method of the service's interface and of withResponse.
    expect(client.match(/^ {2}readonly \w+: \(input\??: \w+Input, options\?: R\.CallOptions\) => Effect\.Effect</gm)).toHaveLength(ids.length)
  })

  it("hides no file from the checker, and leaves the 1,223-operation Postman collection out unless asked", () => {
    for (const file of files) expect(file.source, file.file).not.toContain("@ts-nocheck")
    expect(files.map((f) => f.file)).not.toContain("postman-collection.json")
    expect(warnings.join("\n")).toContain("postman-collection.json is not written: 1223 operations, more than 200 (pass --postman to write it)")
  })

  it("type-checks with 0 errors on TypeScript 5.9", () => {
    expect(typeErrors(files.filter((f) => f.file.endsWith(".ts")).map((f) => path.join(out, f.file)))).toEqual([])
  }, 300_000)

  it("type-checks with 0 errors on TypeScript 7", async () => {
    const tsc7 = path.join(root, "node_modules/typescript-7/bin/tsc")
    const { version } = JSON.parse(await readFile(path.join(root, "node_modules/typescript-7/package.json"), "utf8")) as { version: string }
    expect(version).toMatch(/^7\./)
    const result = await promisify(execFile)(process.execPath, [tsc7, "-p", path.join(out, "tsconfig.json")], { maxBuffer: 64 * 2 ** 20 }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout })
    )
    expect(result.stdout).toBe("")
    expect(result.code).toBe(0)
  }, 300_000)

  it("validates on first call: the parameters of issues/list-for-repo and the body of a repository", async () => {
    const client = source("client.ts")
    const descriptor = (id: string) => client.slice(client.indexOf(`    id: "${id}",`)).split("\n  }")[0]!
    const parameters = /validateParameters: V\.(\w+)/.exec(descriptor("issues/list-for-repo"))![1]!
    const response = /"200": \{ content: \[\{ mediaType: "application\/json", kind: "json", validate: V\.(\w+)/.exec(descriptor("repos/get"))![1]!
    const V = (await import(pathToFileURL(path.join(out, "validators.ts")).href)) as Record<string, ((data: unknown) => boolean) & { errors?: ReadonlyArray<{ instancePath: string; keyword: string }> | null }>
    const validate = V[parameters]!
    expect(validate({ path: { owner: "octo", repo: "hello" }, query: { per_page: 30, state: "open" } })).toBe(true)
    expect(validate({ path: { owner: "octo", repo: "hello" }, query: { per_page: "thirty" } })).toBe(false)
    expect(validate.errors?.[0]).toMatchObject({ instancePath: "/query/per_page", keyword: "type" })
    expect(validate({ path: { owner: "octo", repo: "hello" }, query: { state: "opened" } })).toBe(false)
    expect(validate.errors?.[0]).toMatchObject({ instancePath: "/query/state", keyword: "enum" })
    expect(validate({ query: {} })).toBe(false)
    expect(validate.errors?.[0]).toMatchObject({ keyword: "required" })
    const repository = V[response]!
    expect(repository({ id: 1 })).toBe(false)
    expect(repository.errors?.[0]).toMatchObject({ keyword: "required" })
  })
})
