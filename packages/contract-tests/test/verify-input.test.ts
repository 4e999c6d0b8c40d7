import { describe, expect, it } from "vitest"
import { execFile } from "node:child_process"
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import { promisify } from "node:util"
import { coverage, formatJson, formatJunit, formatText, loadSpec, verify, type HarEntry, type VerifyReport } from "../src/index.js"
import { cli, goodEntry, recorded, tempDir, writeHar } from "./har-files.js"
import { specPath } from "./paths.js"
import { xmlWellFormednessError } from "./xml-well-formed.js"

const run = (...args: Array<string>) =>
  promisify(execFile)(process.execPath, [cli, ...args]).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr })
  )

const withUrl = (url: string): HarEntry => {
  const e = goodEntry()
  return { ...e, request: { ...e.request, url } }
}
const id = () => new URL(goodEntry().request.url).pathname.split("/").pop()!

describe("verify never crashes on traffic", () => {
  it("a malformed URL is a finding on its entry; the entries after it are still checked, and every report is written", async () => {
    const dir = tempDir()
    const file = writeHar(dir, "mixed.har", [withUrl("https://example.zendesk.com/api/v2/deleted_users/%E0%A4%A"), { request: null }, "not an entry", withUrl("http://[broken"), goodEntry()])
    const report = verify(file, { spec: specPath })
    expect(report.entries.map((e) => e.ok)).toEqual([false, false, false, false, true])
    expect(report.entries[0]!.violations).toContainEqual({ pointer: "/request/path/deleted_user_id", message: expect.stringContaining("malformed percent-encoding") })
    expect(report.entries[3]!.violations[0]!.message).toMatch(/not a URL/)
    const formats = ["text", "json", "junit"]
    const runs = await Promise.all(formats.map((format) => run("verify", file, "--format", format, "--output", path.join(dir, `report.${format}`))))
    formats.forEach((format, i) => {
      expect(runs[i]!.code, runs[i]!.stderr).toBe(1)
      expect(runs[i]!.stderr).not.toMatch(/URIError|at .*\.js:\d+/)
      expect(readFileSync(path.join(dir, `report.${format}`), "utf8")).toMatch(format === "junit" ? /<testsuites .*tests="5" failures="4"/ : /4 violate|"failed": 4/)
    })
  })

  it("checks every value of a repeated query parameter", () => {
    const file = writeHar(tempDir(), "repeated.har", [withUrl("https://example.zendesk.com/api/v2/deleted_users?page[size]=100&page[size]=abc")])
    const violations = verify(file, { spec: specPath }).entries[0]!.violations
    expect(violations).toContainEqual({ pointer: "/request/query/page[size]/1", message: expect.stringMatching(/expected integer, got "abc"/) })
    expect(violations.some((v) => v.pointer === "/request/query/page[size]/0")).toBe(false)
  })

  it("reports JSON pointers as RFC 6901: a property named a/b~c is /a~1b~0c", () => {
    const e = goodEntry()
    const body = JSON.parse(e.response.content.text!)
    body.deleted_user["a/b~c"] = 1
    const file = writeHar(tempDir(), "pointer.har", [{ ...e, response: { ...e.response, content: { ...e.response.content, text: JSON.stringify(body) } } }])
    expect(verify(file, { spec: specPath, strict: true }).entries[0]!.violations).toEqual([{ pointer: "/response/body/deleted_user/a~1b~0c", message: "undocumented property" }])
  })

  it("a truncated HAR file is refused naming the file, line, column and offset (exit 2), and the report is still written", async () => {
    const dir = tempDir()
    const good = writeHar(dir, "a.har", [goodEntry()])
    const text = readFileSync(good, "utf8")
    writeFileSync(path.join(dir, "b.har"), text.slice(0, 300))
    writeFileSync(path.join(dir, "c.har"), text.replace('"entries":[', '"entries":[x'))
    const report = verify(dir, { spec: specPath })
    expect(report.summary).toMatchObject({ entries: 1, ok: 1, errors: 2 })
    expect(report.errors[0]!.message).toBe(`${path.join(dir, "b.har")}:1:301: invalid JSON at offset 300: unexpected end of file (truncated?)`)
    expect(report.errors[1]!.message).toMatch(new RegExp(`^${path.join(dir, "c.har")}:1:\\d+: invalid JSON at offset \\d+: unexpected "x`))
    const out = path.join(dir, "report.xml")
    const r = await run("verify", dir, "--format", "junit", "--output", out)
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split("\n")).toHaveLength(2)
    expect(xmlWellFormednessError(readFileSync(out, "utf8"))).toBeUndefined()
    expect(readFileSync(out, "utf8")).toMatch(/errors="2"/)
  })

  it("an empty folder, a HAR with no entries, a missing path and a non-HAR JSON file are errors (exit 2), not passes", async () => {
    const dir = tempDir()
    mkdirSync(path.join(dir, "empty"))
    writeHar(dir, "none.har", [])
    writeFileSync(path.join(dir, "other.har"), "{}")
    const [empty, none, missing, other] = await Promise.all([
      run("verify", path.join(dir, "empty")),
      run("verify", path.join(dir, "none.har")),
      run("verify", path.join(dir, "missing.har")),
      run("verify", path.join(dir, "other.har"))
    ])
    expect([empty.code, none.code, missing.code, other.code]).toEqual([2, 2, 2, 2])
    expect(empty.stderr).toMatch(/no \.har file in this folder/)
    expect(none.stderr).toMatch(/none\.har: a HAR file with no entries/)
    expect(missing.stderr).toMatch(/missing\.har: no such file or directory/)
    expect(other.stderr).toMatch(/other\.har: not a HAR file/)
    for (const r of [empty, none, missing, other]) expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it("a bad option is a usage error (exit 2)", async () => {
    expect((await run("verify", recorded, "--format", "xyz")).code).toBe(2)
  })
})

describe("JUnit output", () => {
  const reportWith = (text: string): VerifyReport => ({
    entries: [{ file: text, index: 0, operationId: text, status: 200, ok: false, violations: [{ pointer: `/a/${text}`, message: text }] }],
    errors: [{ file: `${text}.har`, message: text }],
    summary: { files: 2, entries: 1, ok: 0, failed: 1, violations: 1, errors: 1, strict: false }
  })

  it("is well-formed XML whatever the traffic holds: every BMP code unit, lone surrogates, markup", () => {
    const all = Array.from({ length: 0x10000 }, (_, i) => String.fromCharCode(i)).join("")
    for (const text of [all, "\u0000\u001b[31m\u0007", "\ud800 \udfff", "]]> <![CDATA[ & &amp; \" ' < >", "😀 \u{10ffff}"]) {
      const xml = formatJunit(reportWith(text))
      expect(xmlWellFormednessError(xml)).toBeUndefined()
    }
    expect(formatJunit(reportWith("a\u001bb"))).toContain("a\\u001bb")
  })

  it("the checker itself rejects what the old writer produced (a raw control character)", () => {
    expect(xmlWellFormednessError(`<?xml version="1.0"?>\n<a b="\u001b"></a>`)).toMatch(/U\+001b/)
    expect(xmlWellFormednessError(`<a><b></a></b>`)).toMatch(/mismatched/)
    expect(xmlWellFormednessError(`<a b="1" b="2"/>`)).toMatch(/duplicate/)
    expect(xmlWellFormednessError(`<a>&nbsp;</a>`)).toMatch(/bad reference/)
    expect(xmlWellFormednessError(`<a/><b/>`)).toMatch(/second root/)
  })

  it("is linear in entries: 50,000 entries in one file format in well under a second or two", () => {
    const entries = Array.from({ length: 50_000 }, (_, i) => ({ file: "big.har", index: i, operationId: "ShowDeletedUser", status: 200, ok: i % 2 === 0, violations: i % 2 === 0 ? [] : [{ pointer: "/x", message: "y" }] }))
    const report: VerifyReport = { entries, errors: [], summary: { files: 1, entries: 50_000, ok: 25_000, failed: 25_000, violations: 25_000, errors: 0, strict: false } }
    const t0 = performance.now()
    const xml = formatJunit(report)
    const ms = performance.now() - t0
    expect(xml.match(/<testcase /g)).toHaveLength(50_000)
    // The quadratic writer took 35 s here; a linear one takes tens of milliseconds.
    expect(ms).toBeLessThan(3000)
  })
})

describe("text and JSON reports", () => {
  it("name refused files, and JSON lists them under errors", () => {
    const dir = tempDir()
    writeHar(dir, "none.har", [])
    const report = verify(dir, { spec: specPath })
    expect(formatText(report)).toMatch(/^error: .*none\.har: a HAR file with no entries\n0 entries in 1 files.*1 file refused$/)
    expect(JSON.parse(formatJson(report)).errors).toEqual([{ file: path.join(dir, "none.har"), message: expect.stringContaining("no entries") }])
  })
})

describe("coverage", () => {
  it("reads relative URLs as verify does, and skips entries that are no request", () => {
    const dir = tempDir()
    writeHar(dir, "relative.har", [withUrl(`/api/v2/deleted_users/${id()}`), withUrl("http://[broken"), { request: null }])
    expect(verify(dir, { spec: specPath }).entries[0]!.ok).toBe(true)
    const cells = coverage(loadSpec(specPath), dir)
    expect(cells.find((c) => c.operationId === "ShowDeletedUser" && c.status === "200")!.fixtures).toEqual(["relative.har#0"])
  })
})
