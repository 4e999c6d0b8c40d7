// Bundles a generated client as an application would, through the runtime's published `exports`
// (built dist/), and runs the bundle: shared by the Effect 4 and Effect 3 runtime tests.
import { build, type Metafile } from "esbuild"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import { pathToFileURL } from "node:url"

/** What a bundle of a generated client holds. */
export interface Bundle {
  /** The bundled ESM source. */
  readonly text: string
  /** Every module esbuild read, by path. */
  readonly inputs: ReadonlyArray<string>
}

/**
 * Bundles a program that gets the museum's hours through `RedoclyMuseum.layer` (the generated client in
 * `generatedDir`), for `platform` ("browser" picks the runtime's `default` condition, "node" its `node` one).
 */
export const bundleMuseum = async (generatedDir: string, platform: "browser" | "node"): Promise<Bundle> => {
  const result = await build({
    stdin: {
      contents: [
        `import { RedoclyMuseum } from "./index.js"`,
        `import * as Effect from "effect/Effect"`,
        `export const hours = (baseUrl) => Effect.runPromise(Effect.provide(`,
        `  Effect.flatMap(RedoclyMuseum, (museum) => museum.getMuseumHours()),`,
        `  RedoclyMuseum.layer({ baseUrl, auth: { MuseumPlaceholderAuth: { username: "ada", password: "secret" } } })`,
        `))`
      ].join("\n"),
      resolveDir: generatedDir,
      sourcefile: "entry.js",
      loader: "js"
    },
    bundle: true,
    write: false,
    format: "esm",
    platform,
    metafile: true,
    logLevel: "silent"
  })
  return { text: result.outputFiles[0]!.text, inputs: Object.keys((result.metafile as Metafile).inputs) }
}

/** The `node:` modules a bundle still imports or requires (an edge runtime or a browser has none of them). */
export const nodeImports = (text: string): Array<string> => [...new Set([...text.matchAll(/(?:from|import|require)\s*\(?\s*["'](node:[a-z_/]+)["']/g)].map((m) => m[1]!))]

/**
 * Runs a bundle's `hours(baseUrl)` against a server on 127.0.0.1 that answers the museum's hours,
 * counting the calls of `globalThis.fetch` meanwhile; returns the answer, the fetch calls and what
 * the server saw.
 */
export const runMuseum = async (bundle: Bundle): Promise<{ hours: unknown; fetchCalls: number; seen: Array<{ url: string; authorization: string | undefined }> }> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "platform-bundle-"))
  const seen: Array<{ url: string; authorization: string | undefined }> = []
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? "", authorization: req.headers.authorization })
    res.setHeader("content-type", "application/json")
    res.end(JSON.stringify([{ date: "2026-07-01", timeOpen: "09:00", timeClose: "18:00" }]))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const realFetch = globalThis.fetch
  let fetchCalls = 0
  globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
    fetchCalls++
    return realFetch(...args)
  }) as typeof fetch
  try {
    const file = path.join(dir, "bundle.mjs")
    await writeFile(file, bundle.text)
    const { hours } = (await import(pathToFileURL(file).href)) as { hours: (baseUrl: string) => Promise<unknown> }
    const answer = await hours(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
    return { hours: answer, fetchCalls, seen }
  } finally {
    globalThis.fetch = realFetch
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await rm(dir, { recursive: true, force: true })
  }
}
