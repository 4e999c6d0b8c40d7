/** The part of js-yaml 4 (which ships no types) that the spec reader uses. */
declare module "js-yaml" {
  /** A tag's resolution of a plain scalar. */
  export class Type {
    constructor(tag: string, options: { readonly kind: "scalar"; readonly resolve: (data: string | null) => boolean; readonly construct: (data: string) => unknown })
  }
  /** A set of types. */
  export class Schema {
    extend(types: { readonly implicit?: ReadonlyArray<Type> }): Schema
  }
  /** Strings, sequences and mappings only. */
  export const FAILSAFE_SCHEMA: Schema
  /** The built-in types. */
  export const types: { readonly null: Type; readonly bool: Type }
  /** The state of the loader, as a listener sees it. */
  export interface State {
    readonly anchorMap: Record<string, unknown>
  }
  /** Parses one YAML document; throws a `YAMLException` on bad YAML. */
  export function load(text: string, options?: { readonly schema?: Schema; readonly filename?: string; readonly listener?: (event: "open" | "close", state: State) => void }): unknown
  const jsYaml: { readonly load: typeof load; readonly Type: typeof Type; readonly FAILSAFE_SCHEMA: Schema; readonly types: typeof types }
  export default jsYaml
}
