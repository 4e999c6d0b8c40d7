// Every module of src/ opens with a doc comment, and every export (and every member of an exported
// interface) has one.
import { describe, expect, it } from "@effect/vitest"
import { readdirSync, readFileSync } from "node:fs"
import * as path from "node:path"
import ts from "typescript"

const src = path.resolve(import.meta.dirname, "../src")
const files = readdirSync(src).filter((f) => f.endsWith(".ts"))

const undocumented = (file: string): Array<string> => {
  const source = ts.createSourceFile(file, readFileSync(path.join(src, file), "utf8"), ts.ScriptTarget.Latest, true)
  const missing: Array<string> = []
  const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  const documented = (node: ts.Node) => ts.getJSDocCommentsAndTags(node).length > 0
  const line = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1
  for (const statement of source.statements) {
    if (!exported(statement)) continue
    const target = ts.isVariableStatement(statement) ? statement.declarationList.declarations[0]! : statement
    if (!documented(statement) && !documented(target)) missing.push(`export:${line(statement)}`)
    if (ts.isInterfaceDeclaration(statement)) {
      for (const member of statement.members) if (!documented(member)) missing.push(`${member.name?.getText(source)}:${line(member)}`)
    }
  }
  if (!/^\/\*\*[\s\S]*?@module/.test(source.text)) missing.push("@module")
  return missing
}

describe("doc comments in packages/openapi-mock/src", () => {
  it.each(files)("%s", (file) => {
    expect(undocumented(file)).toEqual([])
  })
})
