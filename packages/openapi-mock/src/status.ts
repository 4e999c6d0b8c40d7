/**
 * Which declared response answers a request: the one `Prefer: code=` asks for (exactly, else its
 * range `4XX`, else `default`), or by default the lowest 2xx (else `2XX`, else `default`, else the
 * first declared).
 *
 * @module
 */
import type { Document, Response } from "./openapi.js"
import { child, deref, type Located } from "./pointer.js"
import type { Route } from "./route.js"

/** The response chosen: its status, the key it is declared under (`200`, `4XX`, `default`), and the response. */
export interface Chosen {
  /** The status to send. */
  readonly status: number
  /** The key of `responses` it is declared under. */
  readonly key: string
  /** The response, its `$ref` followed. */
  readonly response: Located<Response>
}

const statusOfKey = (key: string, wanted?: number): number =>
  /^\d{3}$/.test(key) ? Number(key) : /^[1-5]XX$/i.test(key) ? (wanted ?? Number(key[0]) * 100) : (wanted ?? 200)

/** The declared statuses of an operation, as keys. */
export const declaredStatuses = (route: Route): ReadonlyArray<string> => Object.keys(route.operation.responses ?? {})

/** The response for a wanted status (undefined when none is declared for it), or the operation's default answer. */
export const chooseResponse = (doc: Document, route: Route, wanted?: number): Chosen | undefined => {
  const keys = declaredStatuses(route)
  const exact = keys.filter((k) => /^\d{3}$/.test(k)).sort()
  let key: string | undefined
  if (wanted !== undefined) {
    key = keys.find((k) => k === String(wanted)) ?? keys.find((k) => k.toUpperCase() === `${String(wanted)[0]}XX`) ?? keys.find((k) => k === "default")
  } else {
    key = exact.find((k) => k.startsWith("2")) ?? keys.find((k) => k.toUpperCase() === "2XX") ?? keys.find((k) => k === "default") ?? exact[0] ?? keys[0]
  }
  if (key === undefined) return undefined
  const response = deref<Response>(doc, route.operation.responses?.[key], child(route.pointer, "responses", key))
  return { status: statusOfKey(key, wanted), key, response }
}

/** The status to answer an invalid request with, as Prism does: a declared 422, else a declared 400, else 422. */
export const invalidRequestStatus = (route: Route): number => {
  const keys = declaredStatuses(route)
  return keys.includes("422") ? 422 : keys.includes("400") ? 400 : 422
}
