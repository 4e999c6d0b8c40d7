import * as Effect from "effect/Effect"
import { InvalidInput } from "@effect-openapi/runtime"

/** Where an id is, in the input of a generated call: the error's `pointer`. */
export const idPointer = "/path/deleted_user_id"

/** How a value that is not an id is shown in a message: `NaN`, `10n`, `"abc"`, never `null` for NaN or a crash on a bigint. */
export const describeValue = (value: unknown): string => {
  if (typeof value === "bigint") return `${value}n (a bigint)`
  if (typeof value === "number") return Number.isInteger(value) && !Number.isSafeInteger(value) ? `${value} (not a safe integer)` : String(value)
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return String(value)
  try {
    const json = JSON.stringify(value)
    return json === undefined ? String(value) : json.length > 80 ? `${json.slice(0, 80)}…` : json
  } catch {
    return Object.prototype.toString.call(value)
  }
}

/** Checks an id before anything is sent: a positive safe integer. */
export const checkId = (operation: string, id: unknown): Effect.Effect<number, InvalidInput> =>
  typeof id === "number" && Number.isSafeInteger(id) && id > 0
    ? Effect.succeed(id)
    : Effect.fail(new InvalidInput({ operation, pointer: idPointer, message: `A user id must be a positive safe integer, got ${describeValue(id)}` }))

/**
 * Parses an id typed by a person (`"189304711533"`), then checks it as `checkId` does. A number
 * past 2^53 - 1 is refused with the text as typed (it would round to another user's id).
 */
export const parseId = (operation: string, raw: string): Effect.Effect<number, InvalidInput> => {
  const text = raw.trim()
  if (!/^\d+$/.test(text)) {
    return Effect.fail(new InvalidInput({ operation, pointer: idPointer, message: `A user id must be a positive safe integer, got ${describeValue(raw)}` }))
  }
  const id = Number(text)
  return Number.isSafeInteger(id)
    ? checkId(operation, id)
    : Effect.fail(new InvalidInput({ operation, pointer: idPointer, message: `A user id must be a positive safe integer, got ${describeValue(text)}, which is not a safe integer (at most ${Number.MAX_SAFE_INTEGER})` }))
}
