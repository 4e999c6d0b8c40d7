import { describe, expect, it } from "vitest"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { harFiles, readHar } from "../src/index.js"

const files = harFiles(fileURLToPath(new URL("../fixtures", import.meta.url)))

describe("committed fixtures hold no secret and no real address", () => {
  it.each(files.map((f) => [f.split("fixtures/")[1]!, f]))("%s", (_, file) => {
    const text = readFileSync(file, "utf8")
    expect(text).not.toMatch(/"name":\s*"(authorization|cookie|set-cookie|x-simulator-fault)"/i)
    expect(text).not.toMatch(/\b(Basic|Bearer) [A-Za-z0-9+/=._-]{8,}/)
    expect(text).not.toMatch(/\/token:|sim-api-token|sim-password|sim-oauth-token/)
    for (const email of text.match(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g) ?? []) expect(email).toMatch(/^user-[0-9a-f]{10}@example\.com$/)
    // Anything that looks like an international phone number is a 555 fake.
    for (const phone of text.match(/"\+[\d ()-]{7,}"/g) ?? []) expect(phone).toMatch(/^"\+1555\d{7}"$/)
    for (const host of text.match(/https?:\/\/[^/"\s]+/g) ?? []) expect(host).toBe("https://example.zendesk.com")
    for (const entry of readHar(file).log.entries) {
      const personal = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(personal)
        if (node === null || typeof node !== "object") return
        for (const [key, value] of Object.entries(node)) {
          if (key === "phone" && value !== null) expect(value).toMatch(/^\+1555\d{7}$/)
          if (key === "name" && typeof value === "string") expect(value).toMatch(/^(Person [0-9a-f]{8}|Permanently Deleted User)$/)
          personal(value)
        }
      }
      const body = entry.response.content.text ?? ""
      if (entry.response.content.mimeType.includes("json") && body.endsWith("}")) personal(JSON.parse(body))
      expect(entry.request.headers.map((h) => h.name)).toEqual(["accept"])
      expect(entry.request.cookies).toEqual([])
      expect(entry.response.cookies).toEqual([])
    }
  })
})
