// Library code imports Effect modules by path (`effect/Effect`, `effect/http/HttpClient`): the index
// imports (`effect`, and Effect 4's sub-package indexes such as `effect/http` or `effect/cli`) load
// every module of the package or folder (hundreds of milliseconds and megabytes), and a bundle cannot
// always drop them.
import { readdirSync, readFileSync, statSync } from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const root = fileURLToPath(new URL("../../..", import.meta.url))
const indexImport = /\bfrom\s+["'](effect(\/[a-z][a-z-]*)?|@effect\/[a-z-]+)["']|\bimport\(\s*["'](effect(\/[a-z][a-z-]*)?|@effect\/[a-z-]+)["']\s*\)/

/** Every .ts file under a folder. */
const sources = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name)
    return statSync(file).isDirectory() ? sources(file) : file.endsWith(".ts") ? [file] : []
  })

describe("Effect imports by module path", () => {
  const packages = readdirSync(path.join(root, "packages")).filter((p) => statSync(path.join(root, "packages", p, "src"), { throwIfNoEntry: false })?.isDirectory())

  it("the pattern catches an index import and lets a path import through", () => {
    expect(indexImport.test(`import { Effect } from "effect"`)).toBe(true)
    expect(indexImport.test(`import { HttpClient } from '@effect/platform'`)).toBe(true)
    expect(indexImport.test(`const m = await import("@effect/cli")`)).toBe(true)
    expect(indexImport.test(`import { HttpClient } from "effect/http"`)).toBe(true)
    expect(indexImport.test(`const { Command } = await import("effect/cli")`)).toBe(true)
    expect(indexImport.test(`import * as Effect from "effect/Effect"`)).toBe(false)
    expect(indexImport.test(`import * as HttpClient from "effect/http/HttpClient"`)).toBe(false)
    expect(indexImport.test(`import * as Command from "effect/cli/Command"`)).toBe(false)
    expect(indexImport.test(`import * as NodeRuntime from "@effect/platform-node/NodeRuntime"`)).toBe(false)
  })

  it.each(packages)("packages/%s/src imports no Effect package index", (pkg) => {
    const offenders = sources(path.join(root, "packages", pkg, "src"))
      .filter((file) => indexImport.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(root, file))
    expect(offenders).toEqual([])
  })
})
