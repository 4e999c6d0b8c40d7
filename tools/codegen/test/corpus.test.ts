/**
 * A corpus of public specs that no one here wrote, each from an npm package pinned as a root
 * devDependency: GitHub's REST API (`@octokit/openapi`, OpenAPI 3.0.3, 1,223 operations, with the
 * overlay `specs/github/overlay.yaml`), Blockfrost's (`@blockfrost/openapi`, 3.0.3, 129 operations and
 * a single operationId) and rclone's RC API (`rclone-openapi`, 3.1.0). Each is generated, has exactly
 * one client method per operation, and type-checks; GitHub's client, with its overlay, streams
 * `issuesListForRepo` over the `Link` header of a real server on 127.0.0.1 with a bearer token.
 */
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { mkdir, readFile, rm, writeFile } from "node:fs/promises"
import * as path from "node:path"
import { inspect } from "node:util"
import ts from "typescript"
import * as YAML from "yaml"
import { afterAll, describe, expect, it } from "vitest"
import { generateClient } from "../src/client/generate.js"
import { pascalCase } from "../src/client/names.js"
import { startServer, type Recorded } from "./support/server.js"
import { typeErrors } from "./support/typecheck.js"

const root = path.resolve(import.meta.dirname, "../../..")
/** Under the workspace (ignored by git), so that the generated files resolve `effect` and the runtime. */
const outRoot = path.join(root, "tmp", `corpus-${process.pid}`)
afterAll(() => rm(outRoot, { recursive: true, force: true }))

const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

/** A spec file as published, parsed (JSON by JSON.parse: GitHub's is 11 MB). */
const parse = async (spec: string): Promise<Record<string, unknown>> => {
  const text = await readFile(path.join(root, spec), "utf8")
  return (spec.endsWith(".json") ? JSON.parse(text) : YAML.parse(text)) as Record<string, unknown>
}

/** The operations of a spec, counted from the file as published. */
const operationsOf = async (spec: string): Promise<number> => {
  const doc = (await parse(spec)) as { paths: Record<string, Record<string, unknown>> }
  return Object.values(doc.paths).reduce((n, item) => n + httpMethods.filter((m) => item[m] !== undefined).length, 0)
}

/** The methods of the generated client's API interface that call one operation (not `withResponse`, not an operation's `…Stream`, `…Events` or `…Bytes`). */
const clientMethodsOf = (source: string, className: string): ReadonlyArray<string> => {
  const file = ts.createSourceFile("client.ts", source, ts.ScriptTarget.Latest, true)
  const api = file.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === `${className}Api`)
  // An operation's method returns an `Effect`; its `…Stream`, `…Events` and `…Bytes` variants a `Stream`.
  const streamed = (m: ts.TypeElement) => ts.isPropertySignature(m) && m.type !== undefined && ts.isFunctionTypeNode(m.type) && m.type.type.getText(file).startsWith("Stream.Stream<")
  const names = (api?.members ?? []).flatMap((m) => (m.name !== undefined && ts.isIdentifier(m.name) && !streamed(m) ? [m.name.text] : []))
  return names.filter((name) => name !== "withResponse")
}

interface Entry {
  readonly name: string
  readonly spec: string
  readonly overlays: ReadonlyArray<string>
  readonly openapi: string
  readonly operations: number
}

const corpus: ReadonlyArray<Entry> = [
  { name: "github", spec: "node_modules/@octokit/openapi/generated/api.github.com.json", overlays: ["specs/github/overlay.yaml"], openapi: "3.0.3", operations: 1223 },
  { name: "blockfrost", spec: "node_modules/@blockfrost/openapi/openapi.yaml", overlays: [], openapi: "3.0.3", operations: 129 },
  { name: "rclone", spec: "node_modules/rclone-openapi/openapi.json", overlays: [], openapi: "3.1.0", operations: 101 }
]

/** Each spec generated once, into `tmp/`, shared by its tests. */
const generated = new Map<string, Promise<{ readonly dir: string; readonly client: string; readonly warnings: ReadonlyArray<string> }>>()
const generate = (entry: Entry) => {
  let run = generated.get(entry.name)
  if (run === undefined) {
    run = (async () => {
      const { files, warnings } = await generateClient({ spec: path.join(root, entry.spec), specLabel: entry.spec, name: entry.name, postman: false, overlays: entry.overlays.map((file) => path.join(root, file)) })
      const dir = path.join(outRoot, entry.name)
      await mkdir(dir, { recursive: true })
      for (const { file, source } of files) await writeFile(path.join(dir, file), source)
      return { dir, client: files.find((f) => f.file === "client.ts")!.source, warnings }
    })()
    generated.set(entry.name, run)
  }
  return run
}

describe.each(corpus)("the public spec $spec", (entry) => {
  it("is the version and size this corpus says (the pinned package)", async () => {
    const doc = (await parse(entry.spec)) as { openapi: string }
    expect(doc.openapi).toBe(entry.openapi)
    expect(await operationsOf(entry.spec)).toBe(entry.operations)
  })

  it("is generated, with exactly one client method per operation", { timeout: 600_000 }, async () => {
    const { client } = await generate(entry)
    const methods = clientMethodsOf(client, pascalCase(entry.name))
    expect(new Set(methods).size).toBe(methods.length)
    expect(methods.length).toBe(entry.operations)
  })

  it("type-checks with 0 errors", { timeout: 900_000 }, async () => {
    const { dir } = await generate(entry)
    expect(typeErrors([path.join(dir, "index.ts")])).toEqual([])
  })
})

/** What the test uses of the generated GitHub client (imported at run time from `tmp/`). */
interface GithubApi {
  readonly issuesListForRepoStream: (input: { readonly path: { readonly owner: string; readonly repo: string }; readonly query?: { readonly per_page?: number } }) => Stream.Stream<{ readonly number: number }, unknown>
}
interface GithubModule {
  readonly Github: Context.Key<GithubApi, GithubApi> & {
    readonly layer: (options: { readonly baseUrl: string; readonly auth: { readonly bearerAuth: Redacted.Redacted<string> }; readonly retry: false }) => Layer.Layer<GithubApi, unknown>
  }
}

describe("GitHub with specs/github/overlay.yaml", () => {
  const github = corpus[0]!
  const token = "ghp_corpusTestToken0123456789abcdefABCDEF"

  it("streams issuesListForRepo over 3 pages of Link headers, in order, with the bearer token; the token is in no error", { timeout: 600_000 }, async () => {
    const { dir, client } = await generate(github)
    expect(client).toContain("readonly issuesListForRepoStream: (input: IssuesListForRepoInput")
    expect(client).toContain("readonly bearerAuth?: R.Secret")
    const examples = ((await parse(github.spec)) as { components: { examples: Record<string, { value: ReadonlyArray<Record<string, unknown>> }> } }).components.examples["issue-items"]!.value
    const issue = (n: number) => ({ ...examples[0], id: 1000 + n, number: n, title: `issue ${n}` })
    const pages: Record<string, ReadonlyArray<unknown>> = { "1": [issue(1), issue(2)], "2": [issue(3), issue(4)], "3": [issue(5)] }
    const seen: Array<Recorded> = []
    const server = await startServer((request) => {
      seen.push(request)
      if (request.headers.authorization !== `Bearer ${token}`) return { status: 401, headers: { "content-type": "application/json" }, body: { message: "Bad credentials" } }
      const url = new URL(request.url, "http://127.0.0.1")
      const page = url.searchParams.get("page") ?? "1"
      if (url.pathname !== "/repos/octo/hello/issues" || pages[page] === undefined) return { status: 404, headers: { "content-type": "application/json" }, body: { message: "Not Found" } }
      const next = Number(page) < 3 ? `<${server.url}/repos/octo/hello/issues?per_page=2&page=${Number(page) + 1}>; rel="next", ` : ""
      return { status: 200, headers: { "content-type": "application/json", link: `${next}<${server.url}/repos/octo/hello/issues?per_page=2&page=3>; rel="last"` }, body: pages[page] }
    })
    try {
      const { Github } = (await import(path.join(dir, "index.ts"))) as GithubModule
      const list = (secret: string) =>
        Effect.gen(function* () {
          const gh = yield* Github
          return yield* Stream.runCollect(gh.issuesListForRepoStream({ path: { owner: "octo", repo: "hello" }, query: { per_page: 2 } }))
        }).pipe(Effect.provide(Github.layer({ baseUrl: server.url, auth: { bearerAuth: Redacted.make(secret) }, retry: false })))
      const items = await Effect.runPromise(list(token))
      expect([...items].map((i) => i.number)).toEqual([1, 2, 3, 4, 5])
      expect(seen.map((r) => r.url)).toEqual(["/repos/octo/hello/issues?per_page=2", "/repos/octo/hello/issues?per_page=2&page=2", "/repos/octo/hello/issues?per_page=2&page=3"])
      expect(seen.every((r) => r.headers.authorization === `Bearer ${token}`)).toBe(true)
      // A refused token: the error names the status, never the token (nor a wrong one).
      const wrong = "ghp_wrongToken0123456789abcdefABCDEFxyz"
      const error = await Effect.runPromise(Effect.flip(list(wrong)))
      expect(error).toMatchObject({ status: 401 })
      for (const shown of [String(error), JSON.stringify(error), inspect(error, { depth: 20 }), (error as Error).message ?? ""]) {
        expect(shown).not.toContain(wrong)
        expect(shown).not.toContain(token)
      }
    } finally {
      await server.close()
    }
  })
})
