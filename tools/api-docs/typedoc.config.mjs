// @ts-check
import { OptionDefaults } from "typedoc"

/** @type {Partial<import("typedoc").TypeDocOptions>} */
const config = {
  name: "Zendesk Deleted Users toolkit",
  entryPointStrategy: "packages",
  entryPoints: [
    "../../packages/types",
    "../../packages/openapi-runtime",
    "../../packages/effect-client",
    "../../packages/cli",
    "../../packages/contract-tests"
  ],
  packageOptions: {
    tsconfig: "tsconfig.build.json",
    blockTags: [...OptionDefaults.blockTags, "@description"]
  },
  out: "../../dist/api",
  readme: "none",
  validation: { notExported: true, invalidLink: true, rewrittenLink: true, notDocumented: true, unusedMergeModuleWith: true },
  packagesRequiringDocumentation: [
    "@deleted-users/types",
    "@deleted-users/openapi-runtime",
    "@deleted-users/effect-client",
    "@deleted-users/cli",
    "@deleted-users/contract-tests"
  ],
  treatWarningsAsErrors: true
}

export default config
