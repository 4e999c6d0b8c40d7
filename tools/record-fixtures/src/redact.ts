import { createHash } from "node:crypto"
import type { HarHeader } from "@deleted-users/contract-tests"

/** Request headers a fixture keeps; everything else (Authorization and cookies first) is never written. */
export const requestHeaderAllowList: ReadonlyArray<string> = ["accept"]

/** Response headers a fixture keeps. */
export const responseHeaderAllowList: ReadonlyArray<RegExp> = [
  /^content-type$/,
  /^retry-after$/,
  /^x-zendesk-request-id$/,
  /^x-rate-limit(-remaining)?$/,
  /^ratelimit-(limit|remaining|reset)$/,
  /^rate-limit(-remaining|-reset)?$/,
  /^zendesk-ratelimit-[a-z0-9-]+$/
]

/** Keeps only allow-listed headers, names in lower case. */
export const keepHeaders = (headers: Iterable<[string, string]>, allowed: (name: string) => boolean): Array<HarHeader> =>
  [...headers].map(([name, value]) => ({ name: name.toLowerCase(), value })).filter((h) => allowed(h.name)).sort((a, b) => a.name.localeCompare(b.name))

const hash = (value: string) => createHash("sha256").update(value).digest("hex")

/** A stable fake for an email: the same input always gives the same `user-…@example.com`. */
export const fakeEmail = (email: string) => `user-${hash(email).slice(0, 10)}@example.com`
/** A stable fake for a phone number, in the 555 range. */
export const fakePhone = (phone: string) => `+1555${(parseInt(hash(phone).slice(0, 8), 16) % 10_000_000).toString().padStart(7, "0")}`
/** A stable fake for a person's name (Zendesk's own placeholders are kept). */
export const fakeName = (name: string) => (name === "Permanently Deleted User" || name === "Anonymous user" ? name : `Person ${hash(name).slice(0, 8)}`)

/** The origin every fixture uses, whatever account or simulator it was recorded from. */
export const fixtureOrigin = "https://example.zendesk.com"

/**
 * Redacts a JSON body: emails, phone numbers and names become stable fakes; URLs on the recorded
 * origin move to `https://example.zendesk.com`. Values elsewhere are kept.
 */
export const redactJson = (value: unknown, origin: string): unknown => {
  if (Array.isArray(value)) return value.map((v) => redactJson(v, origin))
  if (typeof value === "string") return value.startsWith(origin) ? fixtureOrigin + value.slice(origin.length) : value
  if (value === null || typeof value !== "object") return value
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, v]) => {
      if (typeof v === "string" && key === "email") return [key, fakeEmail(v)]
      if (typeof v === "string" && key === "phone") return [key, fakePhone(v)]
      if (typeof v === "string" && key === "name") return [key, fakeName(v)]
      return [key, redactJson(v, origin)]
    })
  )
}
