import { fileURLToPath } from "node:url"

/** The monorepo's spec (read directly: importing the codegen tool would load TypeScript and Redocly too). */
export const specPath = fileURLToPath(new URL("../../../specs/zendesk/deleted-users.yml", import.meta.url))
