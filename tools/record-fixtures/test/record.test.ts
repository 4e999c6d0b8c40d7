import { describe, expect, it } from "vitest"
import { mkdtempSync, readFileSync, readdirSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { fakeEmail, fakeName, fakePhone, keepHeaders, recordFromSimulator, redactJson, requestHeaderAllowList, responseHeaderAllowList, writeBadFixtures } from "../src/index.js"

const committed = fileURLToPath(new URL("../../../packages/contract-tests/fixtures", import.meta.url))

describe("redaction by allow-list", () => {
  it("keeps only named headers: Authorization and cookies are never written", () => {
    const request = keepHeaders(Object.entries({ Authorization: "Basic c2VjcmV0", Cookie: "a=b", Accept: "application/json", "X-Simulator-Fault": "reset" }), (n) => requestHeaderAllowList.includes(n))
    expect(request).toEqual([{ name: "accept", value: "application/json" }])
    const response = keepHeaders(Object.entries({ "Set-Cookie": "s=1", "Retry-After": "5", "X-Zendesk-Request-Id": "abc", Server: "nginx", "zendesk-ratelimit-purge": "total=1" }), (n) => responseHeaderAllowList.some((r) => r.test(n)))
    expect(response.map((h) => h.name)).toEqual(["retry-after", "x-zendesk-request-id", "zendesk-ratelimit-purge"])
  })

  it("replaces emails, phones and names with stable fakes, and the origin with example.zendesk.com", () => {
    const body = { deleted_user: { name: "Linda Larsen", email: "linda@acme.com", phone: "+44 20 7946 0000", url: "https://acme.zendesk.com/api/v2/deleted_users/1" } }
    const redacted = redactJson(body, "https://acme.zendesk.com") as typeof body
    expect(redacted.deleted_user).toEqual({ name: fakeName("Linda Larsen"), email: fakeEmail("linda@acme.com"), phone: fakePhone("+44 20 7946 0000"), url: "https://example.zendesk.com/api/v2/deleted_users/1" })
    expect(redactJson(body, "https://acme.zendesk.com")).toEqual(redacted)
    expect(JSON.stringify(redacted)).not.toMatch(/Linda|acme|7946/)
    expect(fakeName("Permanently Deleted User")).toBe("Permanently Deleted User")
  })
})

describe("the committed fixtures", () => {
  it("are what the recorder records from the simulator today, byte for byte", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "record-"))
    const recorded = await recordFromSimulator(path.join(out, "recorded"))
    const bad = writeBadFixtures(path.join(out, "recorded"), path.join(out, "bad"))
    for (const file of [...recorded, ...bad]) {
      const relative = path.relative(out, file)
      expect(readFileSync(file, "utf8"), `${relative} is stale: run npm run record-fixtures`).toBe(readFileSync(path.join(committed, relative), "utf8"))
    }
    for (const dir of ["recorded", "bad"]) expect(readdirSync(path.join(committed, dir)).sort()).toEqual(readdirSync(path.join(out, dir)).sort())
  })
})
