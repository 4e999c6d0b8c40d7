/** The part of openapi-to-postmanv2 (which ships no types) that the generator uses. */
declare module "openapi-to-postmanv2" {
  const converter: {
    convert(
      input: { readonly type: "json" | "string"; readonly data: unknown },
      options: Readonly<Record<string, unknown>>,
      callback: (error: unknown, result: { result: boolean; reason?: string; output?: Array<{ type: string; data: Record<string, unknown> }> }) => void
    ): void
  }
  export default converter
}
