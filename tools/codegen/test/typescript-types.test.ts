/**
 * `types.ts` comes from openapi-typescript's transform run without `openapiTS`'s second lint: the same
 * text as `openapiTS` gives for the document as read (an example's `$ref` replaced by the example, as its
 * bundle does), and the document itself left as it was.
 */
import openapiTS, { astToString } from "openapi-typescript"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { readSpec } from "../src/client/read.js"
import { typeNodes } from "../src/client/typescript-types.js"

const root = path.resolve(import.meta.dirname, "../../..")
const specs = [
  "tools/codegen/test/specs/iceberg-rest-catalog.yaml",
  "tools/codegen/test/specs/redocly-museum.yaml",
  "tools/codegen/test/specs/imperfect/webhooks-only.yaml",
  "tools/codegen/test/specs/imperfect/mixed-31.yaml",
  "tools/codegen/test/specs/imperfect/split/openapi.yaml",
  "specs/zendesk/deleted-users.yml"
]

describe("typeNodes", () => {
  it.each(specs)("gives the text openapiTS gives for %s, and leaves the document as it was", async (spec) => {
    const { doc } = await readSpec(path.join(root, spec))
    const before = structuredClone(doc)
    const ours = astToString(await typeNodes(doc))
    expect(doc).toStrictEqual(before)
    const theirs = astToString(await openapiTS(structuredClone(doc) as never, { alphabetize: false, exportType: false, defaultNonNullable: true, silent: true }))
    expect(ours).toBe(theirs)
    expect(ours).toMatch(/^export (interface|type) paths\b/m)
  })
})
