import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { DeletedUsers, checkId, parseId } from "../src/index.js"
import { clientLayer, useSimulator } from "./support.js"

const messageOf = (effect: Effect.Effect<unknown, { _tag: string; message: string }>) =>
  Effect.runPromise(Effect.flip(effect)).then((e) => `${e._tag}: ${e.message}`)

describe("ids that are not ids are typed errors that say what was given", () => {
  it.each([
    [Number.NaN, "got NaN"],
    [10n, "got 10n (a bigint)"],
    [Infinity, "got Infinity"],
    [2 ** 53 + 2, "got 9007199254740994 (not a safe integer)"],
    [-1, "got -1"],
    [1.5, "got 1.5"],
    [null, "got null"],
    ["12", 'got "12"']
  ])("checkId(%s)", async (value, expected) => {
    expect(await messageOf(checkId("ShowDeletedUser", value))).toBe(`InvalidInput: A user id must be a positive safe integer, ${expected}`)
  })

  it("parseId echoes a number past 2^53 - 1 as typed, not rounded", async () => {
    const message = await messageOf(parseId("ShowDeletedUser", "9007199254740993"))
    expect(message).toContain('got "9007199254740993", which is not a safe integer')
    expect(message).not.toContain("9007199254740992")
  })

  it("parseId shows at most 80 characters of what it was given", async () => {
    const message = await messageOf(parseId("ShowDeletedUser", "x".repeat(10_000)))
    expect(message.length).toBeLessThan(200)
  })

  describe("through the client, nothing is sent", () => {
    const holder = useSimulator({ users: 20 })
    it.each([[10n], [Number.NaN]])("api.show(%s)", async (id) => {
      const before = holder.sim.state.requests.length
      const error = await Effect.runPromise(
        Effect.flatMap(DeletedUsers, (api) => Effect.flip(api.show(id as never))).pipe(Effect.provide(clientLayer(holder.sim.url)))
      )
      expect(error._tag).toBe("InvalidInput")
      expect(error.message).toMatch(/got (10n|NaN)/)
      expect(holder.sim.state.requests.length).toBe(before)
    })
  })
})
