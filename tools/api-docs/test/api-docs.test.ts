import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import * as path from "node:path"
import { Application, LogLevel, Logger, PackageJsonReader, TSConfigReader, TypeDocReader } from "typedoc"
import { afterAll, describe, expect, it } from "vitest"

const root = path.resolve(import.meta.dirname, "../../..")
const config = path.join(root, "tools/api-docs/typedoc.config.mjs")
const scratch = mkdtempSync(path.join(tmpdir(), "api-docs-"))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** Keeps every warning and error TypeDoc logs, and prints nothing. */
class CollectingLogger extends Logger {
  readonly problems: Array<string> = []
  override log(message: string, level: LogLevel): void {
    super.log(message, level)
    if (level >= LogLevel.Warn) this.problems.push(message)
  }
}

/**
 * Builds the site as `npm run docs` does (the same options file, the same readers) into `out`:
 * converts, validates and renders, and returns what was logged at warning level or above.
 */
const buildSite = async (options: string, out: string): Promise<ReadonlyArray<string>> => {
  const logger = new CollectingLogger()
  const app = await Application.bootstrapWithPlugins({ options }, [new TypeDocReader(), new PackageJsonReader(), new TSConfigReader()])
  app.logger = logger
  const project = await app.convert()
  expect(project, logger.problems.join("\n")).toBeDefined()
  app.validate(project!)
  await app.generateDocs(project!, out)
  return logger.problems
}

/** An options file that extends the real one with other entry points and output. */
const optionsFile = (name: string, overrides: Record<string, unknown>): string => {
  const file = path.join(scratch, `${name}.typedoc.config.mjs`)
  writeFileSync(file, `import base from ${JSON.stringify(config)}\nexport default { ...base, ...${JSON.stringify(overrides)} }\n`)
  return file
}

/** Each published package's page, named by TypeDoc after its package name. */
const published = ["effect-openapi_json-pointer", "deleted-users_types", "effect-openapi_lint", "effect-openapi_runtime", "deleted-users_effect-client", "deleted-users_cli", "effect-openapi_contract"]

describe("API reference (npm run docs)", () => {
  it("builds a site for every published package with no warning: every exported member has a doc comment", async () => {
    const out = path.join(scratch, "site")
    const started = Date.now()
    const problems = await buildSite(optionsFile("site", { out }), out)
    console.log(`api-docs: the site built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    expect(problems).toEqual([])
    for (const name of published) {
      const page = path.join(out, "modules", `_${name}.html`)
      expect(existsSync(page), `${page} is missing`).toBe(true)
    }
    // The subpath exports have pages of their own.
    expect(existsSync(path.join(out, "modules", "_deleted-users_effect-client.generated.html"))).toBe(true)
    expect(existsSync(path.join(out, "modules", "_effect-openapi_runtime.node.html"))).toBe(true)
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toContain("@deleted-users/effect-client")
    // Every module has a name (a package's main entry point among its subpaths is `index`).
    const titles = readdirSync(path.join(out, "modules")).map((f) => /<title>([^<]*)<\/title>/.exec(readFileSync(path.join(out, "modules", f), "utf8"))?.[1])
    expect(titles.filter((t) => t === undefined || t.startsWith(" |"))).toEqual([])
  }, 600_000)

  it("fails on an exported member without a doc comment", async () => {
    const pkg = path.join(scratch, "undocumented")
    mkdirSync(path.join(pkg, "src"), { recursive: true })
    writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "undocumented-fixture", version: "1.0.0", type: "module", exports: { ".": { types: "./dist/index.d.ts", import: "./dist/index.js" } } }))
    writeFileSync(path.join(pkg, "tsconfig.build.json"), JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, rootDir: "src", outDir: "dist", declaration: true, skipLibCheck: true }, include: ["src/**/*.ts"] }))
    writeFileSync(
      path.join(pkg, "src/index.ts"),
      [
        "/**",
        " * A package with one documented and one undocumented export.",
        " *",
        " * @module",
        " */",
        "",
        "/** Documented. */",
        "export const documented = 1",
        "",
        "export const undocumentedConstant = 2",
        "",
        "/** A documented interface with an undocumented property. */",
        "export interface Shape {",
        "  readonly side: number",
        "}",
        ""
      ].join("\n")
    )
    const out = path.join(scratch, "undocumented-site")
    const problems = await buildSite(optionsFile("undocumented", { entryPoints: [pkg], packagesRequiringDocumentation: ["undocumented-fixture"], out }), out)
    const undocumented = problems.filter((p) => p.includes("does not have any documentation"))
    expect(undocumented).toHaveLength(2)
    expect(undocumented.join("\n")).toContain("undocumentedConstant")
    expect(undocumented.join("\n")).toContain("Shape.side")
    expect(undocumented.join("\n")).not.toContain(".documented")
  }, 600_000)
})
