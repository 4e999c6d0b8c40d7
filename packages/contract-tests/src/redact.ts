/**
 * Redaction by allow-list for recorded HAR: the headers a recording keeps, fakes for personal data, and
 * the recorded origin moved to a fixture origin. Shared by `deleted-users-record` and `HarRecorder`.
 *
 * @module
 */
import { randomBytes } from "node:crypto"
import type { HarHeader } from "./har.js"

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

/** Placeholder names an API writes in place of a person's (these two are Zendesk's): not personal data, so kept as they are. */
const placeholders = new Set(["Permanently Deleted User", "Anonymous user"])

/** Where the fakes' randomness comes from: a seed (reproducible recordings of the simulator) or fresh random bytes. */
export type FakeSource = {
  /** The seed of the fakes' generator: the same seed gives the same fakes. */
  readonly seed: number
} | "random"

/**
 * Fakes for personal data, drawn from a generator, not computed from the values: the same value
 * gets the same fake within one recording, and nothing about the value can be recovered from its
 * fake (no hash to try a dictionary against). Recordings of a real account use fresh random bytes
 * that are never stored; recordings of the simulator use a seed, so they are reproducible.
 */
export interface Redactor {
  /** `user-<10 hex>@example.com`. */
  readonly email: (email: string) => string
  /** `+1555` and 7 digits. */
  readonly phone: (phone: string) => string
  /** `Person <8 hex>`; an API's placeholder names (`Anonymous user`) are kept. */
  readonly name: (name: string) => string
}

/** mulberry32: 32 random bits a call from a seed. */
const seeded = (seed: number) => {
  let a = seed >>> 0
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

/** A redactor for one recording (see `Redactor`). */
export const makeRedactor = (source: FakeSource): Redactor => {
  const next32 = source === "random" ? () => randomBytes(4).readUInt32BE(0) : seeded(source.seed)
  const hex = (digits: number) => {
    let out = ""
    while (out.length < digits) out += next32().toString(16).padStart(8, "0")
    return out.slice(0, digits)
  }
  const table = (make: () => string) => {
    const fakes = new Map<string, string>()
    const used = new Set<string>()
    return (value: string) => {
      let fake = fakes.get(value)
      if (fake === undefined) {
        do fake = make()
        while (used.has(fake))
        used.add(fake)
        fakes.set(value, fake)
      }
      return fake
    }
  }
  const email = table(() => `user-${hex(10)}@example.com`)
  const phone = table(() => `+1555${(next32() % 10_000_000).toString().padStart(7, "0")}`)
  const name = table(() => `Person ${hex(8)}`)
  return { email, phone, name: (value) => (placeholders.has(value) ? value : name(value)) }
}

/** Where a recording's URLs move: values starting with `from` (the origin recorded) start with `to` instead. */
export interface OriginRewrite {
  /** The origin (or base URL) the recording was made against. */
  readonly from: string
  /** What a fixture shows in its place. */
  readonly to: string
}

/**
 * Redacts a JSON body: `email`, `phone` and `name` strings become the redactor's fakes; URLs starting with
 * `origin.from` start with `origin.to` instead. Values elsewhere are kept.
 */
export const redactJson = (value: unknown, origin: OriginRewrite, redactor: Redactor): unknown => {
  if (Array.isArray(value)) return value.map((v) => redactJson(v, origin, redactor))
  if (typeof value === "string") return value.startsWith(origin.from) ? origin.to + value.slice(origin.from.length) : value
  if (value === null || typeof value !== "object") return value
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, v]) => {
      if (typeof v === "string" && key === "email") return [key, redactor.email(v)]
      if (typeof v === "string" && key === "phone") return [key, redactor.phone(v)]
      if (typeof v === "string" && key === "name") return [key, redactor.name(v)]
      return [key, redactJson(v, origin, redactor)]
    })
  )
}
