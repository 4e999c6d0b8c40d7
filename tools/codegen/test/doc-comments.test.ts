import { readFileSync } from "node:fs"
import * as path from "node:path"
import ts from "typescript"
import { describe, expect, it } from "vitest"
import { describeMember } from "../src/doc-comments.js"

const root = path.resolve(import.meta.dirname, "../../..")

/** Every declaration and property signature of a file that has no JSDoc comment, as `name:line`. */
const undocumented = (file: string): Array<string> => {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true)
  const missing: Array<string> = []
  const visit = (node: ts.Node): void => {
    if (ts.isPropertySignature(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
      // openapi-typescript's own helper, not exported.
      const helper = ts.isTypeAliasDeclaration(node) && node.name.text === "WithRequired"
      if (!helper && ts.getJSDocCommentsAndTags(node).length === 0) {
        missing.push(`${node.name.getText(source)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`)
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return missing
}

describe("doc comments on generated types (the API reference documents every member)", () => {
  const files = [
    "packages/types/src/generated/types.ts",
    "packages/effect-client/src/generated/types.ts",
    "packages/effect-client/src/generated/client.ts",
    ...["iceberg-rest-catalog", "redocly-museum", "uploads"].flatMap((api) => [`tools/codegen/test/generated/${api}/types.ts`, `tools/codegen/test/generated/${api}/client.ts`]),
    ...["iceberg-rest-catalog", "redocly-museum", "uploads"].map((api) => `packages/openapi-runtime-effect3/test/generated/${api}/client.ts`)
  ]
  it.each(files)("%s: every declaration and property has one", (file) => {
    expect(undocumented(path.join(root, file))).toEqual([])
  })

  it("names what a member is from where it sits", () => {
    expect(describeMember(["paths"])).toMatch(/^Every path of the spec/)
    expect(describeMember(["paths", "/pets/{id}", "delete"])).toBe("The `DELETE /pets/{id}` operation.")
    expect(describeMember(["operations", "ShowPet", "parameters", "path", "id"])).toBe("The `id` path parameter.")
    expect(describeMember(["operations", "ShowPet", "responses", "404", "content", "application/json"])).toBe("The response body as `application/json`.")
    expect(describeMember(["components", "schemas", "Pet"])).toBe("The `Pet` schema.")
    expect(describeMember(["components", "schemas", "Pet", "name"])).toBe("The `name` property.")
    expect(describeMember(["components", "requestBodies", "NewPet", "content"])).toBe("The request body, by media type.")
  })
})
