/** Pagination streams over scripted pages: each style, read-ahead, and the loops they refuse. */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import { maxEmptyPages, paginate, PaginationError, type OperationInput, type PaginationSpec, type Received } from "@effect-openapi/runtime"

const page = (body: unknown, headers: Record<string, string> = {}): Received<unknown> => ({ body, status: 200, headers, requestId: undefined })

/** A fetch that answers page after page from a script, keeping the inputs and URLs it was asked for. */
const scripted = (...pages: Array<Received<unknown>>) => {
  const asked: Array<{ readonly input: OperationInput; readonly url: string | undefined }> = []
  let next = 0
  const fetch = (input: OperationInput, url: string | undefined) =>
    Effect.suspend(() => {
      asked.push({ input, url })
      const reply = pages[next++]
      return reply === undefined ? Effect.die("the script ran out") : Effect.succeed(reply)
    })
  return { asked, fetch, reset: () => (next = 0) }
}

const stream = (spec: PaginationSpec, script: ReturnType<typeof scripted>, first: OperationInput = {}, readAhead?: number, emptyPages?: number) =>
  paginate("listItems", spec, "http://api.test/v1", script.fetch, first, { ...(readAhead === undefined ? {} : { readAhead }), ...(emptyPages === undefined ? {} : { maxEmptyPages: emptyPages }) })

describe("paginate", () => {
  it.effect("cursor: the cursor goes to its query parameter until hasMore is false", () =>
    Effect.gen(function* () {
      const script = scripted(page({ items: [1, 2], meta: { next: "c1", more: true } }), page({ items: [3], meta: { next: "c2", more: false } }))
      const spec: PaginationSpec = { style: "cursor", items: "/items", cursorParam: "after", nextCursor: "/meta/next", hasMore: "/meta/more" }
      expect(yield* Stream.runCollect(stream(spec, script, { query: { size: 2 } }))).toEqual([1, 2, 3])
      expect(script.asked.map((a) => a.input.query)).toEqual([{ size: 2 }, { size: 2, after: "c1" }])
    }))

  it.effect("offset: the offset goes up by the items read; a short page is the last", () =>
    Effect.gen(function* () {
      const script = scripted(page({ data: ["a", "b"] }), page({ data: ["c", "d"] }), page({ data: ["e"] }))
      const spec: PaginationSpec = { style: "offset", items: "/data", offsetParam: "offset", limitParam: "limit" }
      expect(yield* Stream.runCollect(stream(spec, script, { query: { limit: 2 } }))).toEqual(["a", "b", "c", "d", "e"])
      expect(script.asked.map((a) => a.input.query?.["offset"])).toEqual([undefined, 2, 4])
    }))

  it.effect("next-link and Link header: the link replaces the URL, relative links resolved against the base URL", () =>
    Effect.gen(function* () {
      const body = scripted(page({ items: [1], next: "/v1/items?page=2" }), page({ items: [2], next: null }))
      expect(yield* Stream.runCollect(stream({ style: "next-link", items: "/items", next: "/next" }, body))).toEqual([1, 2])
      expect(body.asked.map((a) => a.url)).toEqual([undefined, "http://api.test/v1/items?page=2"])
      const header = scripted(page({ items: [1] }, { link: '<http://api.test/v1/items?page=2>; rel="next"' }), page({ items: [2] }))
      expect(yield* Stream.runCollect(stream({ style: "link-header", items: "/items" }, header))).toEqual([1, 2])
      expect(header.asked.map((a) => a.url)).toEqual([undefined, "http://api.test/v1/items?page=2"])
    }))

  it.effect("a repeated cursor, more pages without a cursor, a link off the origin and a page with no items are PaginationErrors", () =>
    Effect.gen(function* () {
      const cursor: PaginationSpec = { style: "cursor", items: "/items", cursorParam: "after", nextCursor: "/next", hasMore: "/more" }
      const repeated = scripted(page({ items: [1], next: "x", more: true }), page({ items: [2], next: "x", more: true }))
      const items: Array<unknown> = []
      const error = yield* Effect.flip(Stream.runForEach(stream(cursor, repeated), (item) => Effect.sync(() => items.push(item))))
      // The page that repeats the cursor fails as a whole.
      expect(items).toEqual([1])
      expect(error).toBeInstanceOf(PaginationError)
      expect(error).toMatchObject({ _tag: "PaginationError", operation: "listItems", cursor: "x" })
      expect(error.message).toMatch(/^listItems: the cursor "x" repeats an earlier one/)

      const noCursor = yield* Effect.flip(Stream.runDrain(stream(cursor, scripted(page({ items: [1], more: true })))))
      expect(noCursor.message).toMatch(/says there is more/)
      const offOrigin = yield* Effect.flip(Stream.runDrain(stream({ style: "next-link", items: "/items", next: "/next" }, scripted(page({ items: [1], next: "http://elsewhere.test/v1/items?page=2" })))))
      expect(offOrigin.message).toMatch(/leaves the API's origin/)
      const noItems = yield* Effect.flip(Stream.runDrain(stream(cursor, scripted(page({ rows: [] })))))
      expect(noItems.message).toMatch(/no array at \/items/)
    }))

  it.effect(`empty pages in a row that each promise more: tolerated up to ${maxEmptyPages - 1}, a PaginationError at ${maxEmptyPages} (or maxEmptyPages); a page with items starts the count again`, () =>
    Effect.gen(function* () {
      const cursor: PaginationSpec = { style: "cursor", items: "/items", cursorParam: "after", nextCursor: "/next", hasMore: "/more" }
      const empty = (n: number) => page({ items: [], next: `e${n}`, more: true })
      // Nine empty pages, items, nine more, then the last page: no error.
      const tolerated = scripted(
        page({ items: [1], next: "c0", more: true }),
        ...Array.from({ length: maxEmptyPages - 1 }, (_, n) => empty(n)),
        page({ items: [2], next: "c1", more: true }),
        ...Array.from({ length: maxEmptyPages - 1 }, (_, n) => empty(n + 100)),
        page({ items: [3], more: false })
      )
      expect(yield* Stream.runCollect(stream(cursor, tolerated))).toEqual([1, 2, 3])

      const endless = scripted(page({ items: [1], next: "c0", more: true }), ...Array.from({ length: 50 }, (_, n) => empty(n)))
      const error = yield* Effect.flip(Stream.runDrain(stream(cursor, endless)))
      expect(error).toMatchObject({ _tag: "PaginationError", cursor: `e${maxEmptyPages - 1}` })
      expect(error.message).toBe(`listItems: ${maxEmptyPages} empty pages in a row, each promising more; stopped`)
      expect(endless.asked).toHaveLength(1 + maxEmptyPages)

      const three = scripted(...Array.from({ length: 50 }, (_, n) => empty(n)))
      expect((yield* Effect.flip(Stream.runDrain(stream(cursor, three, {}, undefined, 3))))._tag).toBe("PaginationError")
      expect(three.asked).toHaveLength(3)

      // Links too; the link shown has its query values masked (a next link may echo a key sent in the query).
      const links = scripted(...Array.from({ length: 50 }, (_, n) => page({ items: [], next: `/v1/items?page=${n}&api_key=s3cret` })))
      const linkError = yield* Effect.flip(Stream.runDrain(stream({ style: "next-link", items: "/items", next: "/next" }, links)))
      expect(linkError.cursor).toBe("http://api.test/v1/items?page=…&api_key=…")
      expect(JSON.stringify(linkError) + String(linkError)).not.toContain("s3cret")
    }))

  it.effect("a repeated link is reported with its query values masked", () =>
    Effect.gen(function* () {
      const script = scripted(page({ items: [1], next: "/v1/items?api_key=s3cret" }), page({ items: [2], next: "/v1/items?api_key=s3cret" }))
      const error = yield* Effect.flip(Stream.runDrain(stream({ style: "next-link", items: "/items", next: "/next" }, script)))
      expect(error).toMatchObject({ _tag: "PaginationError", cursor: "http://api.test/v1/items?api_key=…" })
      expect(JSON.stringify(error) + String(error) + error.message).not.toContain("s3cret")
    }))

  it.effect("each run of a stream starts afresh: cursors met in an earlier run are no repeat", () =>
    Effect.gen(function* () {
      const script = scripted(page({ items: [1], next: "c1" }), page({ items: [2] }))
      const items = stream({ style: "cursor", items: "/items", cursorParam: "after", nextCursor: "/next" }, script)
      expect(yield* Stream.runCollect(items)).toEqual([1, 2])
      script.reset()
      expect(yield* Stream.runCollect(items)).toEqual([1, 2])
    }))

  it.effect("readAhead: pages are fetched ahead of a consumer still on its first item, as many more as readAhead allows, and no further", () =>
    Effect.gen(function* () {
      const pages = Array.from({ length: 12 }, (_, n) => page({ items: [n * 2, n * 2 + 1], next: n < 11 ? `c${n}` : undefined }))
      const spec: PaginationSpec = { style: "cursor", items: "/items", cursorParam: "after", nextCursor: "/next" }
      const fetchedAhead = (readAhead: number | undefined) =>
        Effect.gen(function* () {
          const script = scripted(...pages)
          let release!: () => void
          const held = new Promise<void>((resolve) => (release = resolve))
          const fiber = yield* Effect.forkChild(Stream.runForEach(stream(spec, script, {}, readAhead), () => Effect.promise(() => held)))
          // Let the producer run as far as the buffer allows.
          for (let i = 0; i < 50; i++) yield* Effect.yieldNow
          const fetched = script.asked.length
          release()
          yield* Fiber.join(fiber)
          expect(script.asked).toHaveLength(12)
          return fetched
        })
      const one = yield* fetchedAhead(undefined)
      const three = yield* fetchedAhead(3)
      expect(one).toBeGreaterThan(1)
      expect(three).toBeGreaterThan(one)
      expect(three).toBeLessThan(12)
    }))
})
