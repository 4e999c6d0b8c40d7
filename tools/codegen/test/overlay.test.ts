/** OpenAPI Overlay 1.0 documents: read, validated, applied in order before generation (`--overlay`). */
import { execFile } from "node:child_process"
import { mkdtemp, readFile, writeFile } from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { promisify } from "node:util"
import { describe, expect, it } from "vitest"
import { generateClient, SpecRefused } from "../src/client/generate.js"
import { applyOverlay, readOverlay } from "../src/client/overlay.js"

const root = path.resolve(import.meta.dirname, "../../..")
const museum = path.join(root, "tools/codegen/test/specs/redocly-museum.yaml")

const overlayFile = async (text: string): Promise<string> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "overlay-"))
  const file = path.join(dir, "overlay.yaml")
  await writeFile(file, text)
  return file
}

const doc = () => ({
  openapi: "3.0.3",
  info: { title: "t", version: "1" },
  tags: [{ name: "a" }],
  paths: {
    "/pets": { get: { operationId: "listPets", parameters: [{ name: "limit", in: "query" }], responses: { "200": { description: "ok" } } } },
    "/pets/{id}": { get: { operationId: "getPet", responses: { "200": { description: "ok" } } }, delete: { operationId: "deletePet", responses: { "204": { description: "gone" } } } }
  }
})

describe("applyOverlay (Overlay 1.0 update and remove)", () => {
  it("merges update into each selected object (recursively; arrays concatenated), appends to a selected array, removes selected nodes, in order", async () => {
    const overlay = await readOverlay(await overlayFile(`overlay: 1.0.0
info: { title: t, version: "1" }
actions:
  - target: $.paths.*[?(@.operationId == 'listPets')]
    update: { x-pagination: { style: cursor, items: /data, cursorParam: after, nextCursor: /next }, parameters: [{ name: after, in: query }], summary: All pets }
  - target: $.tags
    update: { name: b }
  - target: $.tags
    update: [{ name: c }, { name: d }]
  - target: $.paths['/pets/{id}'].delete
    remove: true
  - target: $.paths['/pets/{id}'].get.operationId
    remove: true
  - target: $
    update: { security: [{ token: [] }] }
`))
    const d = doc()
    expect(applyOverlay(d, overlay)).toEqual([])
    expect(d.paths["/pets"].get).toMatchObject({
      operationId: "listPets",
      summary: "All pets",
      "x-pagination": { style: "cursor", items: "/data", cursorParam: "after", nextCursor: "/next" },
      parameters: [{ name: "limit", in: "query" }, { name: "after", in: "query" }]
    })
    expect(d.tags).toEqual([{ name: "a" }, { name: "b" }, { name: "c" }, { name: "d" }])
    expect(Object.keys(d.paths["/pets/{id}"])).toEqual(["get"])
    expect(d.paths["/pets/{id}"].get).toEqual({ responses: { "200": { description: "ok" } } })
    expect((d as Record<string, unknown>).security).toEqual([{ token: [] }])
  })

  it("an update key named __proto__ is data, not the prototype", async () => {
    const overlay = await readOverlay(await overlayFile(`{"overlay":"1.0.0","info":{"title":"t","version":"1"},"actions":[{"target":"$.info","update":{"__proto__":{"polluted":true},"x-a":{"__proto__":{"polluted":true}}}}]}`))
    const d = doc()
    applyOverlay(d, overlay)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(d.info)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(d.info, "__proto__")?.value).toEqual({ polluted: true })
  })

  it("removes every selected entry of an array, whatever their order", async () => {
    const overlay = await readOverlay(await overlayFile(`{"overlay":"1.0.0","info":{"title":"t","version":"1"},"actions":[{"target":"$.tags[?(@.name != 'b')]","remove":true}]}`))
    const d = { ...doc(), tags: [{ name: "a" }, { name: "b" }, { name: "c" }] }
    applyOverlay(d, overlay)
    expect(d.tags).toEqual([{ name: "b" }])
  })

  it("an action that selects nothing is a warning naming it, and the other actions still apply", async () => {
    const file = await overlayFile(`overlay: 1.0.0
info: { title: t, version: "1" }
actions:
  - target: $.paths['/nope'].get
    description: paginate a listing that is not there
    update: { x-pagination: { style: link-header, items: "" } }
  - target: $.info
    update: { title: changed }
`)
    const d = doc()
    const warnings = applyOverlay(d, await readOverlay(file, "specs/x/overlay.yaml"))
    expect(warnings).toEqual([
      "warn overlay-no-match specs/x/overlay.yaml#/actions/0 (update $.paths['/nope'].get: paginate a listing that is not there) selects nothing in the spec: not applied"
    ])
    expect(d.info.title).toBe("changed")
  })

  it("refuses an invalid overlay document with the pointer of each problem", async () => {
    const file = await overlayFile(`overlay: 2.0.0
info: { title: t }
actions:
  - target: paths
    update: {}
  - target: $.info
    remove: yes please
    extra: 1
`)
    const error = await readOverlay(file, "o.yaml").catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SpecRefused)
    const message = (error as Error).message
    expect(message).toContain("o.yaml is refused: not a valid OpenAPI Overlay 1.0 document")
    expect(message).toContain('error overlay o.yaml#/overlay must match pattern "^1\\.0\\.\\d+$"')
    expect(message).toContain("error overlay o.yaml#/info must have required property 'version'")
    expect(message).toContain('error overlay o.yaml#/actions/0/target must match pattern "^\\$"')
    expect(message).toContain("error overlay o.yaml#/actions/1/remove must be boolean")
    expect(message).toContain('error overlay o.yaml#/actions/1 must NOT have additional properties ("extra")')
  })

  it("refuses a target that is not a JSONPath query, an action with neither update nor remove, and a file that is not YAML", async () => {
    const bad = await overlayFile(`overlay: 1.0.0
info: { title: t, version: "1" }
actions:
  - target: $.paths[[
    update: {}
  - target: $.info
`)
    const message = await readOverlay(bad, "o.yaml").then(() => "", (e: Error) => e.message)
    expect(message).toMatch(/error overlay o\.yaml#\/actions\/0\/target "\$\.paths\[\[" is not a JSONPath query/)
    expect(message).toContain("error overlay o.yaml#/actions/1 has neither update nor remove: true")
    await expect(readOverlay(await overlayFile("overlay: [1.0.0"))).rejects.toThrow(/not YAML or JSON/)
    await expect(readOverlay("/nonexistent/overlay.yaml")).rejects.toThrow(/cannot be read \(ENOENT\)/)
  })

  it("refuses an update of a value that is neither an object nor an array, and removing the whole document", async () => {
    const scalar = await readOverlay(await overlayFile(`overlay: 1.0.0\ninfo: { title: t, version: "1" }\nactions:\n  - target: $.info.title\n    update: { a: 1 }\n`))
    expect(() => applyOverlay(doc(), scalar)).toThrow(/selects "t" at \$\["info"\]\["title"\], neither an object nor an array/)
    const all = await readOverlay(await overlayFile(`overlay: 1.0.0\ninfo: { title: t, version: "1" }\nactions:\n  - target: $\n    remove: true\n`))
    expect(() => applyOverlay(doc(), all)).toThrow(/removes the whole document/)
  })
})

describe("effect-openapi generate --overlay", () => {
  const first = `overlay: 1.0.0
info: { title: museum streams, version: "1" }
actions:
  - target: $.paths['/special-events'].get
    update: { x-pagination: { style: offset, items: "", pageParam: page, limitParam: limit } }
`
  const second = `overlay: 1.0.0
info: { title: museum renames, version: "1" }
actions:
  - target: $.paths['/special-events'].get
    update: { operationId: listEvents }
  - target: $.paths['/none'].get
    remove: true
`

  it("applies the overlays in order before generation: the annotation reaches the client, and a target that selects nothing is a warning", async () => {
    const overlays = [await overlayFile(first), await overlayFile(second)]
    const { files, warnings } = await generateClient({ spec: museum, name: "museum", overlays, postman: false })
    const client = files.find((f) => f.file === "client.ts")!.source
    expect(client).toContain("readonly listEventsStream: (input?: ListEventsInput")
    expect(client).not.toContain("listSpecialEvents")
    expect(warnings.filter((w) => w.includes("overlay-no-match"))).toEqual([`warn overlay-no-match ${overlays[1]}#/actions/1 (remove $.paths['/none'].get) selects nothing in the spec: not applied`])
    // Without the overlays, the spec as it is.
    const plain = (await generateClient({ spec: museum, name: "museum", postman: false })).files.find((f) => f.file === "client.ts")!.source
    expect(plain).toContain("readonly listSpecialEvents:")
    expect(plain).not.toContain("Stream:")
  })

  it("the CLI: --overlay is repeatable, its warnings go to stderr, an invalid overlay exits 2 and writes nothing", async () => {
    const bin = path.join(root, "tools/codegen/dist/effect-openapi.js")
    const out = await mkdtemp(path.join(os.tmpdir(), "overlay-out-"))
    const run = (args: ReadonlyArray<string>) =>
      promisify(execFile)(process.execPath, [bin, ...args], { cwd: root }).then(
        ({ stderr }) => ({ code: 0, stderr }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr })
      )
    const ok = await run(["generate", "--spec", museum, "--name", "museum", "--out", out, "--no-postman", "--overlay", await overlayFile(first), "--overlay", await overlayFile(second)])
    expect(ok.code).toBe(0)
    expect(ok.stderr).toMatch(/warning: warn overlay-no-match .*#\/actions\/1 \(remove \$\.paths\['\/none'\]\.get\)/)
    expect(await readFile(path.join(out, "client.ts"), "utf8")).toContain("listEventsStream")
    const emptyOut = path.join(out, "never")
    const bad = await run(["generate", "--spec", museum, "--name", "museum", "--out", emptyOut, "--overlay", await overlayFile("overlay: 1.0.0\ninfo: { title: t, version: '1' }\nactions: []\n")])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("#/actions must NOT have fewer than 1 items")
    await expect(readFile(path.join(emptyOut, "client.ts"))).rejects.toThrow(/ENOENT/)
  })
})
