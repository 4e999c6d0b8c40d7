// A generated client imports no Node module: `layer(options)` takes its transport from the runtime's
// conditional export `./default-transport` (`node`: keep-alive node:http; `default`: fetch). Bundled by
// esbuild through the built package's `exports`, as an application's bundler would.
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { bundleMuseum, nodeImports, runMuseum } from "./platform-bundle.js"

const generated = path.resolve(import.meta.dirname, "../../../tools/codegen/test/generated/redocly-museum")

describe("the default transport of a generated Effect 4 client", () => {
  it("a browser/edge bundle holds no node: import and no node transport, and its layer answers over fetch", async () => {
    const bundle = await bundleMuseum(generated, "browser")
    expect(nodeImports(bundle.text)).toEqual([])
    expect(bundle.inputs.filter((f) => /transport-node/.test(f))).toEqual([])
    expect(bundle.inputs.some((f) => f.endsWith("packages/openapi-runtime/dist/default-transport.js"))).toBe(true)
    const { hours, fetchCalls, seen } = await runMuseum(bundle)
    expect(hours).toEqual([{ date: "2026-07-01", timeOpen: "09:00", timeClose: "18:00" }])
    expect(fetchCalls).toBe(1)
    expect(seen).toEqual([{ url: "/museum-hours", authorization: `Basic ${Buffer.from("ada:secret").toString("base64")}` }])
  })

  it("a Node bundle takes keep-alive node:http, and fetch is never called", async () => {
    const bundle = await bundleMuseum(generated, "node")
    // The check of the browser bundle can fail: the Node build does import a built-in.
    expect(nodeImports(bundle.text)).toContain("node:module")
    expect(bundle.inputs.some((f) => f.endsWith("packages/openapi-runtime/dist/default-transport-node.js"))).toBe(true)
    expect(bundle.inputs.some((f) => f.endsWith("packages/openapi-runtime/dist/default-transport.js"))).toBe(false)
    const { hours, fetchCalls, seen } = await runMuseum(bundle)
    expect(hours).toEqual([{ date: "2026-07-01", timeOpen: "09:00", timeClose: "18:00" }])
    expect(fetchCalls).toBe(0)
    expect(seen).toHaveLength(1)
  })
})
