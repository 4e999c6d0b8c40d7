/** A user as the simulator keeps it: what Zendesk stores, and where it is in its life. */
export interface SimUser {
  readonly id: number
  name: string
  email: string | null
  phone: string | null
  shared_phone_number: boolean | null
  organization_id: number | null
  readonly locale: string
  readonly locale_id: number
  readonly time_zone: string
  readonly role: "end-user" | "agent" | "admin"
  readonly created_at: string
  updated_at: string
  /** `active` (a live user), `soft-deleted` (in the deleted users list, purgeable) or `purged`. */
  status: "active" | "soft-deleted" | "purged"
}

/** A small, seeded PRNG (mulberry32): the same seed always gives the same account. */
export const prng = (seed: number) => {
  let a = seed >>> 0
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const firstNames = ["David", "Linda", "Amara", "Jonas", "Mei", "Oskar", "Priya", "Lucas", "Zanele", "Sofia", "Kenji", "Ines"]
const lastNames = ["Okafor", "Nakamura", "Silva", "Novak", "Haddad", "Larsen", "Moreau", "Rossi", "Kowalski", "Mensah"]
const zones = ["Eastern Time (US & Canada)", "Pacific Time (US & Canada)", "London", "Berlin", "Tokyo", "Sydney"]
const locales: ReadonlyArray<readonly [string, number]> = [["en-US", 1], ["de", 8], ["fr", 16], ["ja", 67], ["pt-BR", 19]]

/** The first id handed out: above 2^32, as real Zendesk ids are. */
export const firstId = 10_000_000_000

/** How the generated account is made. */
export interface AccountOptions {
  readonly users: number
  readonly seed: number
  /** The simulator's "now", in epoch ms. */
  readonly now: number
  /** Share of users soft-deleted (default 0.6) and already permanently deleted (default 0.15). */
  readonly softDeletedShare?: number
  readonly purgedShare?: number
  /** Soft-deletions are spread over this many days before `now` (default 60). */
  readonly deletedWithinDays?: number
}

const day = 86_400_000
const iso = (ms: number, offsetStyle: boolean) => {
  const s = new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z")
  return offsetStyle ? s.replace(/Z$/, "+00:00") : s
}

/** Generates an account deterministically from its seed: ids ascending, dates before `now`. */
export const generateUsers = (options: AccountOptions): Array<SimUser> => {
  const random = prng(options.seed)
  const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(random() * xs.length)]!
  const soft = options.softDeletedShare ?? 0.6
  const purged = options.purgedShare ?? 0.15
  const within = options.deletedWithinDays ?? 60
  const users: Array<SimUser> = []
  let id = firstId
  for (let i = 0; i < options.users; i++) {
    id += 1 + Math.floor(random() * 5000)
    const first = pick(firstNames)
    const last = pick(lastNames)
    const [locale, locale_id] = pick(locales)
    const created = options.now - (within + 30 + Math.floor(random() * 700)) * day
    const roll = random()
    const status = roll < purged ? "purged" : roll < purged + soft ? "soft-deleted" : "active"
    const updated = status === "active" ? created + Math.floor(random() * 20) * day : options.now - Math.floor(random() * within * day)
    const offsetStyle = random() < 0.3
    const user: SimUser = {
      id,
      name: `${first} ${last}`,
      email: random() < 0.1 ? null : `${first}.${last}.${i}@example.com`.toLowerCase(),
      phone: random() < 0.5 ? null : `+1555${String(1_000_000 + i).slice(-7)}`,
      shared_phone_number: random() < 0.5 ? null : random() < 0.5,
      organization_id: random() < 0.3 ? null : 360_000_000_000 + Math.floor(random() * 1000),
      locale,
      locale_id,
      time_zone: pick(zones),
      role: random() < 0.9 ? "end-user" : "agent",
      created_at: iso(created, offsetStyle),
      updated_at: iso(updated, offsetStyle),
      status
    }
    if (status === "purged") erasePersonalData(user)
    users.push(user)
  }
  return users
}

/** What permanent deletion leaves of a user. */
export const erasePersonalData = (user: SimUser): void => {
  user.name = "Permanently Deleted User"
  user.email = null
  user.phone = null
  user.shared_phone_number = null
  user.organization_id = null
}

/** The user as Zendesk's API renders it. */
export const render = (user: SimUser, baseUrl: string, path: "users" | "deleted_users") => ({
  id: user.id,
  url: `${baseUrl}/api/v2/${path}/${user.id}`,
  name: user.name,
  email: user.email,
  created_at: user.created_at,
  updated_at: user.updated_at,
  time_zone: user.time_zone,
  phone: user.phone,
  shared_phone_number: user.shared_phone_number,
  photo: null,
  locale_id: user.locale_id,
  locale: user.locale,
  organization_id: user.organization_id,
  role: user.role,
  active: user.status === "active"
})
