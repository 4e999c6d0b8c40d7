import { Effect } from "effect"
import { InvalidInput } from "./errors.js"

/** Checks an id before anything is sent: a positive safe integer. */
export const checkId = (operation: string, id: unknown): Effect.Effect<number, InvalidInput> =>
  typeof id === "number" && Number.isSafeInteger(id) && id > 0
    ? Effect.succeed(id)
    : Effect.fail(new InvalidInput({ operation, field: "id", message: `A user id must be a positive safe integer, got ${JSON.stringify(id) ?? String(id)}` }))

/** Parses an id typed by a person (`"189304711533"`), then checks it as `checkId` does. */
export const parseId = (operation: string, raw: string): Effect.Effect<number, InvalidInput> =>
  /^\d+$/.test(raw.trim())
    ? checkId(operation, Number(raw.trim()))
    : Effect.fail(new InvalidInput({ operation, field: "id", message: `A user id must be a positive safe integer, got ${JSON.stringify(raw)}` }))

/** Checks a page size: an integer from 1 to 100. */
export const checkPageSize = (operation: string, field: string, size: unknown): Effect.Effect<number, InvalidInput> =>
  typeof size === "number" && Number.isInteger(size) && size >= 1 && size <= 100
    ? Effect.succeed(size)
    : Effect.fail(new InvalidInput({ operation, field, message: `${field} must be an integer from 1 to 100, got ${String(size)}` }))
