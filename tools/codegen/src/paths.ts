import { fileURLToPath } from "node:url"
import * as path from "node:path"

/** The monorepo root (this file sits at `tools/codegen/{src,dist}/paths.*`). */
export const workspaceRoot: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..")
