import { describe, expect, it } from "vitest"
import { execFileSync } from "node:child_process"
import { writeFileSync } from "node:fs"
import * as path from "node:path"
import * as YAML from "yaml"
import { runBash, runCli } from "./cli-run.js"
import { baseSpec, type Spec } from "./diff-spec-fixture.js"
import { cli, tempDir } from "./har-files.js"

const write = (dir: string, name: string, spec: Spec | string) => {
  const file = path.join(dir, name)
  writeFileSync(file, typeof spec === "string" ? spec : YAML.stringify(spec))
  return file
}
const edited = (edit: (s: Spec) => void) => {
  const s = baseSpec()
  edit(s)
  return s
}
const breaking = (s: Spec) => (s.components.schemas.UserList.properties.total.maximum = 100000)
const warning = (s: Spec) => s.components.schemas.User.allOf[1].properties.role.enum.push("owner")
const harmless = (s: Spec) => (s.components.schemas.User.allOf[1].properties.locale = { type: "string" })
const renamed = (s: Spec) => (s.paths["/users"].get.operationId = "ListAllUsers")

describe("diff exit codes: 0 no breaking change, 1 breaking changes, 2 bad input or usage", () => {
  it("0, 1 and 2 as documented, with a one-line error and no stack trace for bad input", async () => {
    const dir = tempDir("diff-cli-")
    const old = write(dir, "old.yml", baseSpec())
    const broken = write(dir, "breaking.yml", edited(breaking))
    const fine = write(dir, "harmless.yml", edited(harmless))
    const typesOnly = write(dir, "types.yml", edited(renamed))
    const yamlError = write(dir, "bad.yml", "openapi: 3.0.3\npaths:\n  /a: {\n")
    const notOpenapi = write(dir, "not.yml", { swagger: "2.0", paths: {} })
    const dangling = write(dir, "dangling.yml", edited((s) => (s.paths["/users"].get.responses["200"].content["application/json"].schema = { $ref: "#/components/schemas/Nowhere" })))
    const runs = await Promise.all([
      runCli(["diff", old, fine]),
      runCli(["diff", old, broken]),
      runCli(["diff", old, typesOnly]),
      runCli(["diff", "--fail-on", "type-breaking", old, typesOnly]),
      runCli(["diff", path.join(dir, "missing.yml"), old]),
      runCli(["diff", old, yamlError]),
      runCli(["diff", notOpenapi, old]),
      runCli(["diff", dangling, old]),
      runCli(["diff", old, dangling]),
      runCli(["diff", "--format", "xyz", old, old]),
      runCli(["diff", old]),
      runCli(["diff", old, old, old])
    ])
    expect(runs.map((r) => r.code)).toEqual([0, 1, 0, 1, 2, 2, 2, 2, 2, 2, 2, 2])
    const [, , , , missing, yaml, not, danglingOld, danglingNew] = runs
    expect(missing!.stderr.trim()).toBe(`error: ${path.join(dir, "missing.yml")}: cannot read: no such file or directory`)
    expect(yaml!.stderr).toMatch(/bad\.yml:\d+:\d+: not YAML or JSON/)
    expect(not!.stderr).toMatch(/not\.yml: not an OpenAPI 3\.0 or 3\.1 document/)
    expect(danglingOld!.stderr).toMatch(/dangling\.yml: 1 unresolved \$ref, first at .*: #\/components\/schemas\/Nowhere points nowhere/)
    expect(danglingNew!.stderr).toMatch(/dangling\.yml: 1 unresolved \$ref/)
    for (const r of runs.slice(4)) {
      expect(r.stderr).not.toMatch(/\n\s+at |Error:/)
      expect(r.stdout).toBe("")
    }
    for (const r of runs.slice(4, 9)) expect(r.stderr.trim().split("\n")).toHaveLength(1)
  })

  it("reads any path, /dev/fd/* included: diff <(git show …) spec.yml", async () => {
    const dir = tempDir("diff-fd-")
    const old = write(dir, "old.yml", baseSpec())
    const broken = write(dir, "breaking.yml", edited(breaking))
    const [same, changed] = await Promise.all([
      runBash(`"${process.execPath}" "${cli}" diff <(cat "${old}") "${old}"`),
      runBash(`"${process.execPath}" "${cli}" diff <(cat "${old}") <(cat "${broken}")`)
    ])
    expect(same.code, same.stderr).toBe(0)
    expect(changed.code, changed.stderr).toBe(1)
    expect(changed.stdout).toMatch(/maximum changed from 10000 to 100000 in a response/)
  })

  it("--format json and markdown: findings with severity and operations, and a changelog section", async () => {
    const dir = tempDir("diff-format-")
    const old = write(dir, "old.yml", baseSpec())
    const next = write(dir, "new.yml", edited((s) => {
      breaking(s)
      harmless(s)
      renamed(s)
    }))
    const [json, markdown, text] = await Promise.all([runCli(["diff", "--format", "json", old, next]), runCli(["diff", "--format", "markdown", old, next]), runCli(["diff", old, next])])
    expect([json.code, markdown.code, text.code]).toEqual([1, 1, 1])
    const parsed = JSON.parse(json.stdout)
    expect(parsed.summary).toEqual({ breaking: 1, typeBreaking: 1, warning: 0, nonBreaking: 1, release: "major" })
    expect(parsed.findings[0]).toEqual({ rule: "response-property-max-increased", severity: "breaking", side: "response", pointer: "#/components/schemas/UserList/properties/total", message: "maximum changed from 10000 to 100000 in a response", operations: ["ListAllUsers"] })
    expect(markdown.stdout).toMatch(/^## API changes \(major release\)\n\n### Breaking changes\n\n- `response-property-max-increased` maximum changed from 10000 to 100000 in a response \(`#\/components\/schemas\/UserList\/properties\/total`\): ListAllUsers\n\n### Changes to generated types\n\n- `api-operation-id-changed` operationId renamed from ListUsers to ListAllUsers .*\n\n### Additions and other changes\n\n- `response-optional-property-added` new property in a response/)
    expect(text.stdout).toMatch(/^BREAKING response-property-max-increased #\/components\/schemas\/UserList\/properties\/total: maximum changed/)
    expect(text.stdout.trim().split("\n").pop()).toBe("1 breaking, 1 type-breaking, 0 warnings, 1 non-breaking: a major release")
  })

  it("warnings exit 0 unless --fail-on warning; --rules overrides a rule's severity or ignores it, with a reason; a bad rules file exits 2", async () => {
    const dir = tempDir("diff-rules-")
    const old = write(dir, "old.yml", baseSpec())
    const warned = write(dir, "warning.yml", edited(warning))
    const louder = write(dir, "louder.yml", "rules:\n  response-{place}-enum-value-added: { severity: breaking, reason: our clients switch on role }\n")
    const quiet = write(dir, "quiet.yml", { rules: { "response-*-enum-value-added": { severity: "ignore", reason: "clients ignore unknown roles" } } })
    const noReason = write(dir, "no-reason.yml", { rules: { "response-property-enum-value-added": { severity: "breaking" } } })
    const unknownRule = write(dir, "unknown.yml", { rules: { "no-such-rule": { severity: "breaking", reason: "typo" } } })
    const runs = await Promise.all([
      runCli(["diff", old, warned]),
      runCli(["diff", "--fail-on", "warning", old, warned]),
      runCli(["diff", "--rules", louder, old, warned]),
      runCli(["diff", "--rules", quiet, "--fail-on", "warning", old, warned]),
      runCli(["diff", "--rules", noReason, old, warned]),
      runCli(["diff", "--rules", unknownRule, old, warned]),
      runCli(["diff", "--rules", path.join(dir, "missing.yml"), old, warned])
    ])
    expect(runs.map((r) => r.code)).toEqual([0, 1, 1, 0, 2, 2, 2])
    expect(runs[0]!.stdout).toMatch(/^WARNING  response-property-enum-value-added #\/components\/schemas\/User\/allOf\/1\/properties\/role: new enum value in a response: "owner"/)
    expect(runs[2]!.stdout).toMatch(/^BREAKING response-property-enum-value-added .*\(override: our clients switch on role\)$/m)
    expect(runs[3]!.stdout.trim()).toBe("0 breaking, 0 type-breaking, 0 warnings, 0 non-breaking: a patch release")
    expect(runs[4]!.stderr).toMatch(/no-reason\.yml: rules\.response-property-enum-value-added needs a reason/)
    expect(runs[5]!.stderr).toMatch(/unknown\.yml: rules\.no-such-rule names no rule/)
  })
})

describe("diff --base <git-ref>", () => {
  const git = (cwd: string, ...args: Array<string>) =>
    execFileSync("git", ["-c", "user.email=test@example.com", "-c", "user.name=Test", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })

  it("reads the old spec from git: exit 1 after a committed breaking change, 0 after a harmless one, 2 for an unknown ref", async () => {
    const repo = tempDir("diff-git-")
    git(repo, "init", "-q")
    const spec = write(repo, "spec.yml", baseSpec())
    git(repo, "add", "spec.yml")
    git(repo, "commit", "-q", "-m", "spec")
    write(repo, "spec.yml", edited(harmless))
    git(repo, "commit", "-q", "-am", "harmless")
    const harmlessRun = await runCli(["diff", "--base", "HEAD~1", spec], repo)
    write(repo, "spec.yml", edited((s) => {
      harmless(s)
      breaking(s)
    }))
    git(repo, "commit", "-q", "-am", "breaking")
    const [breakingRun, againstFirst, unknown, subdir] = await Promise.all([
      runCli(["diff", "--base", "HEAD~1", spec], repo),
      runCli(["diff", "--base", "HEAD~2", "spec.yml"], repo),
      runCli(["diff", "--base", "no-such-ref", spec], repo),
      runCli(["diff", "--base", "HEAD~1", path.join(repo, "spec.yml")], tempDir())
    ])
    expect(harmlessRun.code, harmlessRun.stderr).toBe(0)
    expect(breakingRun.code, breakingRun.stderr).toBe(1)
    expect(breakingRun.stdout).toMatch(/maximum changed from 10000 to 100000 in a response/)
    expect(againstFirst.code).toBe(1)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1)
    expect(unknown.stderr).toMatch(/spec\.yml at no-such-ref: /)
    // Run from anywhere: git runs beside the spec.
    expect(subdir.code, subdir.stderr).toBe(1)
  })
})
