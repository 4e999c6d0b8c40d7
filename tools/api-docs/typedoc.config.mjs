// @ts-check
import * as path from "node:path"
import { OptionDefaults } from "typedoc"

// Absolute paths, so that an options file elsewhere (the test's) can extend this one.
const root = path.resolve(import.meta.dirname, "../..")

/**
 * The API reference: one site, a section per published package, each package's entry points found
 * from its package.json `exports` (so `./generated` and `./node` get pages of their own). Any warning
 * fails the build (`treatWarningsAsErrors`), and `validation.notDocumented` warns on every exported
 * member without a doc comment, of the kinds TypeDoc requires by default (`requiredToBeDocumented`:
 * enums and their members, variables, functions, classes, interfaces, properties, methods, accessors,
 * type aliases), generated code included.
 *
 * @type {Partial<import("typedoc").TypeDocOptions>}
 */
const config = {
  name: "effect-openapi toolkit (and the Zendesk Deleted Users API)",
  entryPointStrategy: "packages",
  entryPoints: ["json-pointer", "types", "openapi-lint", "openapi-runtime-core", "openapi-runtime", "effect-client", "cli", "contract-tests", "openapi-mock"].map((name) => path.join(root, "packages", name)),
  packageOptions: {
    tsconfig: "tsconfig.build.json",
    // openapi-typescript writes a spec's `description` as a `@description` block tag.
    blockTags: [...OptionDefaults.blockTags, "@description"],
    // No "Defined in" links: they need a hosted git remote, and a clone's origin may be a local
    // path or none, which TypeDoc warns about (and the build treats warnings as errors).
    disableSources: true
  },
  disableSources: true,
  out: path.join(root, "dist/api"),
  readme: "none",
  validation: { notExported: true, invalidLink: true, rewrittenLink: true, notDocumented: true, unusedMergeModuleWith: true },
  packagesRequiringDocumentation: [
    "@effect-openapi/json-pointer",
    "@deleted-users/types",
    "@effect-openapi/lint",
    "@effect-openapi/runtime",
    "@deleted-users/effect-client",
    "@deleted-users/cli",
    "@effect-openapi/contract",
    "@effect-openapi/mock"
  ],
  treatWarningsAsErrors: true
}

export default config
