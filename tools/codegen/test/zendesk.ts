import * as path from "node:path"
import { workspaceRoot } from "@effect-openapi/codegen"

// The Zendesk Deleted Users spec and its types package, as the generator's tests use them: a real spec
// of this workspace, beside the third-party ones in `specs/`. The generator itself knows no API's paths.

/** The complete spec that the types, the client and the simulator are held to. */
export const specPath: string = path.join(workspaceRoot, "specs/zendesk/deleted-users.yml")

/** The seed spec, kept verbatim as the test case for a broken spec. */
export const originalSpecPath: string = path.join(workspaceRoot, "specs/zendesk/deleted-users.original.yml")

/** Where `@deleted-users/types` commits the types effect-openapi generates from the spec (`types.ts`, with `--types-only`). */
export const generatedDir: string = path.join(workspaceRoot, "packages/types/src/generated")

/** The `--name` the spec is generated with, for the client and for the types package alike. */
export const typesApiName = "zendesk-deleted-users"

/** The command that regenerates the committed types (the types project's `generate` target). */
export const regenerateCommand = "npx nx run types:generate"
