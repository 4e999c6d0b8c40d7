import { specPath } from "./paths.js"
import { describe, expect, it } from "vitest"
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { diffSpecs, formatBreakingChanges, loadSpec } from "../src/index.js"

const yaml = readFileSync(specPath, "utf8")
const specWith = (edit: (s: string) => string) => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "diff-")), "spec.yml")
  const edited = edit(yaml)
  expect(edited).not.toBe(yaml)
  writeFileSync(file, edited)
  return loadSpec(file)
}
const base = loadSpec(specPath)

describe("diff: breaking changes for a client", () => {
  it("none between a spec and itself", () => expect(diffSpecs(base, base)).toEqual([]))

  it.each([
    ["a removed operation", (s: string) => s.replace(/  \/api\/v2\/deleted_users\/count:[\s\S]*?(?=  \/api\/v2\/deleted_users\/\{deleted_user_id\}:)/, ""), "#/paths/~1api~1v2~1deleted_users~1count/get", "removed operation CountDeletedUsers"],
    ["a removed status", (s: string) => s.replace("        '409':\n          $ref: '#/components/responses/Conflict'\n", ""), "responses/409", "removed status 409"],
    ["a removed property", (s: string) => s.replace("        time_zone:\n          type: string\n          description: The user's time zone, e.g. \"Eastern Time (US & Canada)\".\n", ""), "/properties/time_zone", "removed property"],
    ["a type changed", (s: string) => s.replace("        locale_id:\n          type: integer", "        locale_id:\n          type: string"), "/properties/locale_id", "type changed from integer to string"],
    ["a property made nullable", (s: string) => s.replace("        locale:\n          type: string", "        locale:\n          type:\n            - string\n            - 'null'"), "/properties/locale", "made nullable"],
    ["a property no longer required", (s: string) => s.replace("        - time_zone\n", ""), "/properties/time_zone", "no longer required"],
    ["a new required parameter", (s: string) => s.replace("      name: page[size]\n      in: query\n", "      name: page[size]\n      in: query\n      required: true\n").replace("      description: \"Cursor pagination: number of records per page. Sending it turns cursor pagination on.\"\n      required: false\n", "      description: \"Cursor pagination: number of records per page. Sending it turns cursor pagination on.\"\n"), "/parameters/page[size]", "new required query parameter"],
    ["a new enum value in a response", (s: string) => s.replace("            - admin\n", "            - admin\n            - owner\n"), "/properties/role", "new enum value in a response: \"owner\""]
  ])("%s", (_, edit, pointer, message) => {
    const changes = diffSpecs(base, specWith(edit))
    expect(changes.some((c) => c.pointer.includes(pointer) && c.message.includes(message)), formatBreakingChanges(changes)).toBe(true)
  })

  it("an added optional response property or a new operation is not breaking", () => {
    const changes = diffSpecs(base, specWith((s) => s.replace("        active:\n          type: boolean\n", "        active:\n          type: boolean\n        deleted_at:\n          type: string\n")))
    expect(changes).toEqual([])
  })

  it("the committed spec has no breaking change against the spec at the merge base", () => {
    const git = (...args: Array<string>) => execFileSync("git", args, { cwd: path.dirname(specPath), encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim()
    let mergeBase: string | undefined
    for (const ref of ["origin/main", "main"]) {
      try {
        mergeBase = git("merge-base", "HEAD", ref)
        break
      } catch {
        // no such ref in this clone
      }
    }
    if (mergeBase === undefined) return // not a git checkout with a main branch: nothing to compare with
    let before: string
    try {
      before = git("show", `${mergeBase}:specs/zendesk/deleted-users.yml`)
    } catch {
      return // the spec did not exist at the merge base
    }
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "merge-base-")), "spec.yml")
    writeFileSync(file, before)
    const changes = diffSpecs(loadSpec(file), base)
    expect(changes, formatBreakingChanges(changes)).toEqual([])
  })
})
