import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import type { Har, HarEntry } from "../src/index.js"

/** The recorded fixtures. */
export const recorded = fileURLToPath(new URL("../fixtures/recorded", import.meta.url))
/** The built CLI, as CI runs it. */
export const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url))

const show = JSON.parse(readFileSync(path.join(recorded, "show.har"), "utf8")) as Har

/** A conforming recorded `GET /api/v2/deleted_users/{id}` → 200 entry, as a fresh copy. */
export const goodEntry = (): HarEntry => structuredClone(show.log.entries.find((e) => e.request.method === "GET" && e.response.status === 200)!)

/** A fresh temporary folder. */
export const tempDir = (prefix = "contract-"): string => mkdtempSync(path.join(os.tmpdir(), prefix))

/** Writes a HAR file holding `entries` (any JSON: malformed entries included) and returns its path. */
export const writeHar = (dir: string, name: string, entries: ReadonlyArray<unknown>): string => {
  const file = path.join(dir, name)
  writeFileSync(file, JSON.stringify({ log: { ...show.log, entries } }))
  return file
}
