import { fileURLToPath } from "node:url"
import * as path from "node:path"

/** The monorepo root (this file sits at `tools/codegen/{src,dist}/paths.*`). */
export const workspaceRoot: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..")

/** The complete spec that the types, the client and the simulator are held to. */
export const specPath: string = path.join(workspaceRoot, "specs/zendesk/deleted-users.yml")

/** The seed spec, kept verbatim as the test case for a broken spec. */
export const originalSpecPath: string = path.join(workspaceRoot, "specs/zendesk/deleted-users.original.yml")

/** Where the generated types and spec module are committed. */
export const generatedDir: string = path.join(workspaceRoot, "packages/types/src/generated")

/** The command that regenerates the committed types. */
export const regenerateCommand = "npx nx run types:generate"

