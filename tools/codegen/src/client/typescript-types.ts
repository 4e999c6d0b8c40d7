/**
 * The TypeScript types of a document as read (`types.ts`), by openapi-typescript's transform.
 *
 * `openapiTS` lints its input with Redocly's `minimal` rules before it bundles and transforms it: a lint
 * `readSpec` has already run on this document with `recommended` (and the duplicate operationIds that
 * lint would refuse, `readSpec` has renumbered), a quarter of `openapiTS`'s time on Rebilly's 355
 * operations. Here the document is bundled as `openapiTS` bundles it and transformed with the context
 * `openapiTS` builds for these options, so `types.ts` is the same text, without the second lint.
 *
 * @module
 */
import { bundle, createConfig, Source, type Config } from "@redocly/openapi-core"
import { resolveRef, scanDiscriminators, transformSchema, type GlobalContext, type OpenAPI3, type OpenAPITSOptions } from "openapi-typescript"
import * as path from "node:path"
import type ts from "typescript"
import type { OpenApiDocument } from "./load.js"

/** The options `types.ts` is generated with. */
const options = { alphabetize: false, exportType: false, defaultNonNullable: true, silent: true } satisfies OpenAPITSOptions

/** The Redocly config `openapiTS` makes by default: the bundle reads it, the context carries it. */
let redocConfig: Promise<Config> | undefined

/** The nodes of `types.ts` for a document (left as it is: the transform reads a copy). */
export const typeNodes = async (doc: OpenApiDocument): Promise<Array<ts.Node>> => {
  redocConfig ??= createConfig({ rules: { "operation-operationId-unique": { severity: "error" } } }, { extends: ["minimal"] })
  const config = await redocConfig
  // Bundled as openapiTS bundles it: the `$ref` of an example is replaced by the example it names.
  const source = new Source(path.join(process.cwd(), "/"), JSON.stringify(doc), "application/json")
  const bundled = await bundle({ config, dereference: false, doc: { source, parsed: structuredClone(doc) } })
  const schema = bundled.bundle.parsed as OpenAPI3
  const ctx: GlobalContext = {
    additionalProperties: false,
    alphabetize: options.alphabetize,
    arrayLength: false,
    defaultNonNullable: options.defaultNonNullable,
    discriminators: scanDiscriminators(schema, options),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: options.exportType,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    redoc: config,
    silent: options.silent,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: ($ref) => resolveRef(schema, $ref, { silent: options.silent })
  }
  return transformSchema(schema, ctx)
}
