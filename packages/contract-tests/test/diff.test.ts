import { specPath } from "./paths.js"
import { describe, expect, it } from "vitest"
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import * as path from "node:path"
import { diffSpecs, formatDiffText, parseSpec, readSpec } from "../src/index.js"
import { runCli } from "./cli-run.js"

const yaml = readFileSync(specPath, "utf8")
const base = readSpec(specPath)
const specWith = (edit: (s: string) => string) => {
  const edited = edit(yaml)
  expect(edited).not.toBe(yaml)
  return parseSpec(edited, "edited.yml")
}

describe("reading specs", () => {
  it("a truncated JSON spec is refused with its name, line and column", () => {
    expect(() => parseSpec('{"openapi": "3.0.3",\n "paths": {', "t.json")).toThrow(/^t\.json:\d+:\d+: not YAML or JSON/)
  })

  it("a spec whose $ref points nowhere is refused, naming where the $ref is", () => {
    expect(() => parseSpec(yaml.replace("$ref: '#/components/schemas/CountResponse'", "$ref: '#/components/schemas/Nowhere'"), "s.yml")).toThrow(
      /^s\.yml: 1 unresolved \$ref, first at #\/paths\/~1api~1v2~1deleted_users~1count\/get\/responses\/200\/content\/application~1json\/schema: #\/components\/schemas\/Nowhere points nowhere$/
    )
  })
})

describe("diff on the real spec", () => {
  it("nothing between a spec and itself", () => expect(diffSpecs(base, base).findings).toEqual([]))

  it.each([
    ["a removed operation", (s: string) => s.replace(/  \/api\/v2\/deleted_users\/count:[\s\S]*?(?=  \/api\/v2\/deleted_users\/\{deleted_user_id\}:)/, ""), "#/paths/~1api~1v2~1deleted_users~1count/get", "removed operation CountDeletedUsers", "breaking"],
    ["a removed error status (type-breaking)", (s: string) => s.replace("        '409':\n          $ref: '#/components/responses/Conflict'\n", ""), "responses/409", "removed status 409", "type-breaking"],
    ["a removed property", (s: string) => s.replace("        time_zone:\n          type: string\n          description: The user's time zone, e.g. \"Eastern Time (US & Canada)\".\n", ""), "/properties/time_zone", "removed property", "breaking"],
    ["a type changed", (s: string) => s.replace("        locale_id:\n          type: integer", "        locale_id:\n          type: string"), "/properties/locale_id", "type changed from integer to string", "breaking"],
    ["a property made nullable", (s: string) => s.replace("        locale:\n          type: string", "        locale:\n          type:\n            - string\n            - 'null'"), "/properties/locale", "made nullable", "breaking"],
    ["a property no longer required", (s: string) => s.replace("        - time_zone\n", ""), "/properties/time_zone", "no longer required", "breaking"],
    ["a new required parameter", (s: string) => s.replace("      name: page[size]\n      in: query\n", "      name: page[size]\n      in: query\n      required: true\n").replace("      description: \"Cursor pagination: number of records per page. Sending it turns cursor pagination on.\"\n      required: false\n", "      description: \"Cursor pagination: number of records per page. Sending it turns cursor pagination on.\"\n"), "#/components/parameters/PageSize", "query parameter page[size] now required", "breaking"],
    ["a new enum value in a response (a warning)", (s: string) => s.replace("            - admin\n", "            - admin\n            - owner\n"), "/properties/role", "new enum value in a response: \"owner\"", "warning"],
    ["a removed security option", (s: string) => s.replace("security:\n  - basicAuth: []\n  - bearerAuth: []\n", "security:\n  - basicAuth: []\n"), "#/security", "security option bearerAuth removed", "breaking"]
  ])("%s", (_, edit, pointer, message, severity) => {
    const result = diffSpecs(base, specWith(edit))
    expect(result.findings.filter((c) => c.severity === severity && c.pointer.includes(pointer) && c.message.includes(message)), formatDiffText(result)).toHaveLength(1)
  })

  it("an added optional response property is not breaking", () => {
    const result = diffSpecs(base, specWith((s) => s.replace("        active:\n          type: boolean\n", "        active:\n          type: boolean\n        deleted_at:\n          type: string\n")))
    expect(result.summary).toMatchObject({ breaking: 0, typeBreaking: 0, nonBreaking: 1, release: "minor" })
  })
})

/**
 * The base CI compares with: the merge base with `CONTRACT_BASE` or the PR's `GITHUB_BASE_REF`
 * (`origin/<ref>` first), else the previous commit (a push to main), else none, with the reason.
 */
const ciBase = (): { readonly ref: string; readonly why: string } | { readonly ref: undefined; readonly why: string } => {
  const git = (...args: Array<string>) => execFileSync("git", args, { cwd: path.dirname(specPath), encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim()
  try {
    git("rev-parse", "--git-dir")
  } catch {
    return { ref: undefined, why: "not a git checkout" }
  }
  const wanted = process.env.CONTRACT_BASE || process.env.GITHUB_BASE_REF
  if (wanted) {
    for (const ref of [`origin/${wanted}`, wanted]) {
      try {
        return { ref: git("merge-base", "HEAD", ref), why: `the merge base with ${ref}` }
      } catch {
        // try the next spelling
      }
    }
    return { ref: undefined, why: `no merge base with ${wanted} (fetch it: git fetch origin ${wanted})` }
  }
  try {
    return { ref: git("rev-parse", "HEAD~1"), why: "the previous commit (HEAD~1)" }
  } catch {
    return { ref: undefined, why: "no CONTRACT_BASE or GITHUB_BASE_REF, and no previous commit (a shallow clone?)" }
  }
}

describe("the committed spec against the base CI gives", () => {
  const b = ciBase()
  const hasSpec = (ref: string) => {
    try {
      execFileSync("git", ["cat-file", "-e", `${ref}:./${path.basename(specPath)}`], { cwd: path.dirname(specPath), stdio: "ignore" })
      return true
    } catch {
      return false
    }
  }
  const skip = b.ref === undefined ? b.why : hasSpec(b.ref) ? undefined : `the spec does not exist at ${b.why}`
  it.skipIf(skip !== undefined)(`has no breaking change against ${skip === undefined ? b.why : `the CI base (skipped: ${skip})`}`, async () => {
    const r = await runCli(["diff", "--base", b.ref!, specPath])
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0)
  })
})
