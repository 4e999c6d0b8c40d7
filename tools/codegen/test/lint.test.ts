import { describe, expect, it } from "vitest"
import { copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { errorsOf, generateClient, lintSpec, originalSpecPath, specPath, SpecRefused } from "@effect-openapi/codegen"

const scratch = async (name: string, edit: (yaml: string) => string) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lint-test-"))
  const file = path.join(dir, name)
  await writeFile(file, edit(await readFile(specPath, "utf8")))
  return file
}

describe("spec lint", () => {
  it("passes the complete spec with no error and no warning", async () => {
    expect(await lintSpec(specPath)).toEqual([])
  })

  it("refuses the original seed spec, naming each of the seven broken $refs", async () => {
    const broken = errorsOf(await lintSpec(originalSpecPath)).filter((p) => p.rule === "no-unresolved-refs")
    expect(broken.map((p) => `${p.pointer} -> ${p.ref}`).sort()).toEqual([
      "#/components/schemas/DeletedUserResponse/properties/deleted_user -> #/components/schemas/DeletedUserObject",
      "#/components/schemas/DeletedUsersResponse/properties/deleted_users/items -> #/components/schemas/DeletedUserObject",
      "#/paths/~1api~1v2~1deleted_users/get/responses/200/content/application~1json/examples/default -> #/components/examples/DeletedUsersResponseExample",
      "#/paths/~1api~1v2~1deleted_users~1count/get/responses/200/content/application~1json/examples/default -> #/components/examples/DeletedUsersCountResponseExample",
      "#/paths/~1api~1v2~1deleted_users~1{deleted_user_id}/delete/responses/200/content/application~1json/examples/default -> #/components/examples/DeletedUserResponseExample",
      "#/paths/~1api~1v2~1deleted_users~1{deleted_user_id}/get/responses/200/content/application~1json/examples/default -> #/components/examples/DeletedUserResponseExample",
      "#/paths/~1api~1v2~1deleted_users~1{deleted_user_id}/parameters/0 -> #/components/parameters/DeletedUserId"
    ])
  })

  it("effect-openapi refuses to generate from the seed spec, and the message names every broken pointer", async () => {
    const error = await generateClient({ spec: originalSpecPath, name: "zendesk-deleted-users", strict: true }).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(SpecRefused)
    const message = (error as SpecRefused).message
    for (const ref of ["DeletedUserObject", "DeletedUserId", "DeletedUsersResponseExample", "DeletedUserResponseExample", "DeletedUsersCountResponseExample"]) {
      expect(message).toContain(ref)
    }
    expect(message.match(/Can't resolve \$ref/g)).toHaveLength(7)
  })

  it.each([
    ["an example with an undocumented key", (s: string) => s.replace("          name: David\n", "          name: David\n          nickname: Dave\n"), "nickname"],
    ["an example with a string id", (s: string) => s.replace("          id: 189304711533\n", "          id: '189304711533'\n"), "id"],
    ["a duplicated operationId", (s: string) => s.replace("operationId: CountDeletedUsers", "operationId: ListDeletedUsers"), "operationId"]
  ])("refuses %s", async (_name, edit, word) => {
    const file = await scratch("spec.yml", edit)
    const errors = errorsOf(await lintSpec(file))
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.map((e) => `${e.pointer} ${e.message}`).join("\n")).toContain(word)
  })

  it("reads a spec copied elsewhere the same way", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "lint-copy-"))
    await copyFile(specPath, path.join(dir, "copy.yml"))
    expect(errorsOf(await lintSpec(path.join(dir, "copy.yml")))).toEqual([])
  })
})
