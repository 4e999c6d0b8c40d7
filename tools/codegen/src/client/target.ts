/**
 * The Effect version a generated client is written for. Effect 4 (the default) imports `effect`
 * (`effect/http/HttpClient`) and `@effect-openapi/runtime`; Effect 3 imports `effect`,
 * `@effect/platform` and `@effect-openapi/runtime-effect3`, a frozen copy of the runtime built on
 * Effect 3. Each runtime takes `effect` as a peer dependency, so an application has one copy of it.
 *
 * @module
 */

/** The Effect major version a client targets. */
export type EffectVersion = 3 | 4

/** The target when none is given. */
export const defaultEffectVersion: EffectVersion = 4

/** What differs between the targets in generated code and in the package that holds it. */
export interface EffectTarget {
  /** The Effect major version. */
  readonly version: EffectVersion
  /** The runtime package the client imports. */
  readonly runtime: string
  /** The workspace folder of that runtime. */
  readonly runtimeDir: string
  /** The module of the `HttpClient` service. */
  readonly httpClientModule: string
  /** The Effect packages the client imports, peer dependencies of a client package (named in its README). */
  readonly effectPackages: ReadonlyArray<string>
}

/** The targets by version. */
export const effectTargets: Readonly<Record<EffectVersion, EffectTarget>> = {
  4: {
    version: 4,
    runtime: "@effect-openapi/runtime",
    runtimeDir: "packages/openapi-runtime",
    httpClientModule: "effect/http/HttpClient",
    effectPackages: ["effect"]
  },
  3: {
    version: 3,
    runtime: "@effect-openapi/runtime-effect3",
    runtimeDir: "packages/openapi-runtime-effect3",
    httpClientModule: "@effect/platform/HttpClient",
    effectPackages: ["effect", "@effect/platform"]
  }
}

/** Raised for an Effect version other than 3 or 4. */
export class UnknownEffectVersion extends Error {
  override readonly name = "UnknownEffectVersion"
}

/** Reads a target from `3`, `4`, `"3"` or `"4"` (a command-line flag, a JSON field); absent is the default. */
export const parseEffectVersion = (value: unknown): EffectVersion => {
  if (value === undefined) return defaultEffectVersion
  const version = typeof value === "string" && /^[0-9]+$/.test(value.trim()) ? Number(value.trim()) : value
  if (version === 3 || version === 4) return version
  throw new UnknownEffectVersion(`--effect must be 3 or 4, not ${JSON.stringify(value)}`)
}

/** The `--effect` flag that selects a target on the command line: none for the default. */
export const effectFlag = (version: EffectVersion): string => (version === defaultEffectVersion ? "" : ` --effect ${version}`)
