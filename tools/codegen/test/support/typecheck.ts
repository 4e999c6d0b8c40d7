/** Type-checks files with the workspace's compiler options (tsconfig.base.json), as `tsc --noEmit` would. */
import * as path from "node:path"
import ts from "typescript"

const root = path.resolve(import.meta.dirname, "../../../..")

/** Every diagnostic of a program of these files (and what they import), one line each; empty when they type-check. */
export const typeErrors = (files: ReadonlyArray<string>): ReadonlyArray<string> => {
  const base = ts.readConfigFile(path.join(root, "tsconfig.base.json"), (file) => ts.sys.readFile(file))
  const { options } = ts.parseJsonConfigFileContent({ compilerOptions: { ...(base.config as { compilerOptions: object }).compilerOptions, noEmit: true, types: ["node"] }, files: [] }, ts.sys, root)
  const program = ts.createProgram([...files], options)
  const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" }
  return ts.getPreEmitDiagnostics(program).map((d) => ts.formatDiagnostic(d, host).trim())
}
