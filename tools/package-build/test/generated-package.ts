/**
 * A package as `nx g @effect-openapi/codegen:api` writes it, on disk and built: the generator runs on this
 * workspace through Nx's own tree, only the new project's files are written (apis.json is left as it is),
 * into a folder under the workspace's ignored `tmp/` (so its imports resolve through the workspace's
 * node_modules, as a project in `packages/` would), then `npm run build` (tsc, then dual-build).
 */
import { FsTree } from "nx/src/generators/tree.js"
import { execFile } from "node:child_process"
import { mkdir, rm, writeFile } from "node:fs/promises"
import * as path from "node:path"
import { promisify } from "node:util"
import apiGenerator from "../../codegen/src/generators/api.js"

const root = path.resolve(import.meta.dirname, "../../..")
const exec = promisify(execFile)

/** Generates the API `name` from `spec` (workspace-relative) into `tmp/<folder>/<name>`, builds it, and returns its absolute folder. */
export const generatedPackage = async (options: { readonly name: string; readonly spec: string; readonly folder: string }): Promise<string> => {
  const dir = `tmp/${options.folder}/${options.name}`
  await rm(path.join(root, dir), { recursive: true, force: true })
  const tree = new FsTree(root, false)
  await apiGenerator(tree, { name: options.name, spec: options.spec, directory: dir })
  for (const change of tree.listChanges()) {
    if (!change.path.startsWith(`${dir}/`) || change.type === "DELETE" || change.content === null) continue
    await mkdir(path.dirname(path.join(root, change.path)), { recursive: true })
    await writeFile(path.join(root, change.path), change.content)
  }
  await exec("npm", ["run", "build"], { cwd: path.join(root, dir), maxBuffer: 16 * 2 ** 20 })
  return path.join(root, dir)
}
