import { decodeCursor, encodeCursor } from "@deleted-users/simulator"
import { describe, expect, it } from "vitest"
import { admin, basic, call, useSimulator } from "./support.js"

const holder = useSimulator()
const sim = () => holder.sim

describe("state", () => {
  it("is generated deterministically from the seed, with ids above 2^32 and every kind of user", async () => {
    const { SimulatorState } = await import("@deleted-users/simulator")
    const a = new SimulatorState({ users: 300, seed: 5, now: 0 })
    const b = new SimulatorState({ users: 300, seed: 5, now: 0 })
    expect(a.users).toEqual(b.users)
    expect(a.users.every((u) => u.id > 2 ** 32)).toBe(true)
    for (const status of ["active", "soft-deleted", "purged"] as const) expect(a.idsWhere(status).length).toBeGreaterThan(10)
    expect(a.users.filter((u) => u.status === "purged").every((u) => u.name === "Permanently Deleted User" && u.email === null && u.phone === null)).toBe(true)
    expect(new SimulatorState({ users: 300, seed: 6, now: 0 }).users).not.toEqual(a.users)
  })

  it("soft-deletes with DELETE /api/v2/users/{id} (200, active false), then purges (200 with the user), then 404", async () => {
    const id = sim().state.idsWhere("active")[0]!
    const soft = await call(sim().url, `/api/v2/users/${id}`, { method: "DELETE" })
    expect(soft.status).toBe(200)
    expect(soft.json().user).toMatchObject({ id, active: false })
    expect((await call(sim().url, `/api/v2/deleted_users/${id}`)).json().deleted_user.id).toBe(id)
    const purge = await call(sim().url, `/api/v2/deleted_users/${id}`, { method: "DELETE" })
    expect(purge.status).toBe(200)
    expect(purge.json().deleted_user).toMatchObject({ id, active: false })
    const again = await call(sim().url, `/api/v2/deleted_users/${id}`, { method: "DELETE" })
    expect(again.status).toBe(404)
    expect(again.json()).toEqual({ error: "RecordNotFound", description: "Not found" })
    expect(sim().state.user(id)).toMatchObject({ status: "purged", name: "Permanently Deleted User", email: null })
  })

  it("/count wins over /{deleted_user_id}", async () => {
    const count = await call(sim().url, "/api/v2/deleted_users/count")
    expect(count.status).toBe(200)
    expect(count.json().count.value).toBe(sim().state.deletedIds().length)
  })
})

describe("cursor pagination, with Zendesk's quirks", () => {
  it("pages through every deleted user; the last non-empty page carries links.next; past the end is empty with nulls", async () => {
    const seen: Array<number> = []
    let after: string | undefined
    let last: any
    for (let i = 0; i < 100; i++) {
      const query = `page%5Bsize%5D=37${after === undefined ? "" : `&page%5Bafter%5D=${encodeURIComponent(after)}`}`
      last = (await call(sim().url, `/api/v2/deleted_users?${query}`)).json()
      seen.push(...last.deleted_users.map((u: { id: number }) => u.id))
      if (!last.meta.has_more) break
      after = last.meta.after_cursor
    }
    expect(seen).toEqual(sim().state.deletedIds())
    expect(last.links.next).toMatch(/page%5Bafter%5D=/)
    expect(last.meta.after_cursor).toMatch(/^[A-Za-z0-9+/]+==$/)
    expect(last.meta.after_cursor).toMatch(/\+/)
    const past = (await call(sim().url, `/api/v2/deleted_users?page%5Bsize%5D=37&page%5Bafter%5D=${encodeURIComponent(last.meta.after_cursor)}`)).json()
    expect(past).toEqual({ deleted_users: [], meta: { has_more: false, after_cursor: null, before_cursor: null }, links: { next: null, prev: null } })
  })

  it("page[before] goes back", async () => {
    const second = (await call(sim().url, `/api/v2/deleted_users?page[size]=10&page[after]=${encodeURIComponent(encodeCursor("after", sim().state.deletedIds()[9]!))}`)).json()
    const back = (await call(sim().url, `/api/v2/deleted_users?page[size]=10&page[before]=${encodeURIComponent(second.meta.before_cursor)}`)).json()
    expect(back.deleted_users.map((u: { id: number }) => u.id)).toEqual(sim().state.deletedIds().slice(0, 10))
  })

  it.each([
    ["a bad cursor", "page[size]=10&page[after]=garbage", "page[after] is not valid"],
    ["an unencoded cursor (+ read as space)", `page[size]=10&page[after]=${encodeCursor("after", 10_000_000_001)}`, "page[after] is not valid"],
    ["after with before", "page[size]=10&page[after]=a&page[before]=b", "page[after] and page[before] cannot be used together"],
    ["page[size] over 100", "page[size]=101", "page[size] must be between 1 and 100"]
  ])("400 InvalidPaginationParameter for %s", async (_, query, title) => {
    const res = await call(sim().url, `/api/v2/deleted_users?${query}`)
    expect(res.status).toBe(400)
    expect(res.json()).toEqual({ errors: [{ code: "InvalidPaginationParameter", title }] })
  })

  it("cursors decode only in their own direction and with a valid checksum", () => {
    const c = encodeCursor("after", 12345678901)
    expect(decodeCursor(c, "after")).toBe(12345678901)
    expect(decodeCursor(c, "before")).toBeUndefined()
    expect(decodeCursor(c.slice(0, -4) + "AAA=", "after")).toBeUndefined()
  })
})

describe("offset pagination", () => {
  it("serves page, per_page, next_page, previous_page and count", async () => {
    const body = (await call(sim().url, "/api/v2/deleted_users?page=2&per_page=10")).json()
    expect(body.deleted_users.map((u: { id: number }) => u.id)).toEqual(sim().state.deletedIds().slice(10, 20))
    expect(body.count).toBe(sim().state.deletedIds().length)
    expect(body.next_page).toMatch(/page=3&per_page=10$/)
    expect(body.previous_page).toMatch(/page=1&per_page=10$/)
  })

  it("refuses past 10,000 records with 400 InvalidPaginationDepth", async () => {
    expect((await call(sim().url, "/api/v2/deleted_users?page=100&per_page=100")).status).toBe(200)
    const res = await call(sim().url, "/api/v2/deleted_users?page=101&per_page=100")
    expect(res.status).toBe(400)
    expect(res.json().error).toBe("InvalidPaginationDepth")
  })
})

describe("auth", () => {
  it.each([
    ["Basic email/token", basic("admin@example.com/token", "sim-api-token"), 200],
    ["Basic email/password", basic("admin@example.com", "sim-password"), 200],
    ["Bearer OAuth", "Bearer sim-oauth-token", 200],
    ["a wrong token", basic("admin@example.com/token", "nope"), 401],
    ["a token as a password", basic("admin@example.com", "sim-api-token"), 401],
    ["an unknown user", basic("who@example.com/token", "sim-api-token"), 401],
    ["a wrong bearer", "Bearer nope", 401],
    ["no credentials", null, 401]
  ])("%s → %i", async (_, auth, status) => {
    const res = await call(sim().url, "/api/v2/deleted_users/count", { auth })
    expect(res.status).toBe(status)
    if (status === 401) expect(res.json()).toEqual({ error: "Couldn't authenticate you" })
  })

  it("a plain agent reads, and gets 403 on a purge", async () => {
    const agent = basic("agent@example.com/token", "sim-api-token")
    expect((await call(sim().url, "/api/v2/deleted_users/count", { auth: agent })).status).toBe(200)
    const res = await call(sim().url, `/api/v2/deleted_users/${sim().state.idsWhere("soft-deleted")[0]}`, { method: "DELETE", auth: agent })
    expect(res.status).toBe(403)
    expect(res.json().error.title).toBe("Forbidden")
  })

  it("GET /api/v2/users/me answers 200 Anonymous user without credentials: it is no credential check", async () => {
    const res = await call(sim().url, "/api/v2/users/me", { auth: null })
    expect(res.status).toBe(200)
    expect(res.json().user.name).toBe("Anonymous user")
  })

  it("takes its credentials from the ZENDESK_* variables", async () => {
    const { credentialsFromEnv, authenticate } = await import("@deleted-users/simulator")
    const credentials = credentialsFromEnv({ ZENDESK_EMAIL: "ops@acme.test", ZENDESK_API_TOKEN: "abc", ZENDESK_OAUTH_TOKEN: "xyz" })
    expect(authenticate(basic("ops@acme.test/token", "abc"), credentials, [])).toBe("admin")
    expect(authenticate("Bearer xyz", credentials, [])).toBe("admin")
    expect(authenticate(admin, credentials, [])).toBe("anonymous")
    expect(String(credentials.apiToken)).toBe("<redacted>")
  })
})

describe("headers", () => {
  it("every response carries X-Zendesk-Request-Id and the rate-limit headers in every spelling", async () => {
    const res = await call(sim().url, "/api/v2/deleted_users/count")
    expect(res.headers["x-zendesk-request-id"]).toMatch(/^[0-9a-f]{16}$/)
    for (const h of ["x-rate-limit", "x-rate-limit-remaining", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "zendesk-ratelimit-account"]) {
      expect(res.headers[h], h).toBeDefined()
    }
    expect(res.headers["zendesk-ratelimit-account"]).toMatch(/^total=\d+; remaining=\d+; resets=\d+$/)
  })
})
