import { fileURLToPath } from "node:url"
import * as path from "node:path"

/** The monorepo root (this file sits at `tools/codegen/{src,dist}/paths.*`). */
export const workspaceRoot: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..")

/** The complete spec that the types, the client and the simulator are held to. */
export const specPath: string = path.join(workspaceRoot, "specs/zendesk/deleted-users.yml")

/** The seed spec, kept verbatim as the test case for a broken spec. */
export const originalSpecPath: string = path.join(workspaceRoot, "specs/zendesk/deleted-users.original.yml")

/** Where `@deleted-users/types` commits the types effect-openapi generates from the spec (`types.ts`, with `--types-only`). */
export const generatedDir: string = path.join(workspaceRoot, "packages/types/src/generated")

/** The `--name` the Zendesk spec is generated with, for the client and for the types package alike. */
export const typesApiName = "zendesk-deleted-users"

/** The command that regenerates the committed types. */
export const regenerateCommand = "npx nx run types:generate"
