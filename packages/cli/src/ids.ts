import { parseId } from "@deleted-users/effect-client"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Stream from "effect/Stream"
import { createReadStream } from "node:fs"
import { UsageError } from "./errors.js"
import { quote } from "./text.js"

/** The longest an id can be typed (2^53 - 1 has 16 digits); longer tokens are cut when shown. */
const maxShown = 80

/** A token of an ids file that is not an id: where it is, and the first 80 characters of its line. */
export interface BadLine {
  /** The line number, from 1. */
  readonly line: number
  /** The line's first 80 characters. */
  readonly text: string
  /** Why the token is not an id. */
  readonly reason: string
}

const reasonFor = (token: string) =>
  /^\d+$/.test(token) ? "not a positive safe integer (at most 9007199254740991)" : "not a user id (a positive integer)"

/** An id token, or undefined: digits only, at most 16 of them, a positive safe integer. */
const idOf = (token: string): number | undefined => {
  if (token.length > 16 || !/^\d+$/.test(token)) return undefined
  const id = Number(token)
  return Number.isSafeInteger(id) && id > 0 ? id : undefined
}

/**
 * Reads ids from chunks of text in one pass, in constant memory whatever the size or the length of a
 * line: ids are separated by new lines, spaces or commas, and `#` starts a comment. A byte order mark
 * (U+FEFF) at the very start of the text, as some editors write, is skipped. Yields the ids of each
 * chunk; returns the first bad token's line (the scan stops there), if any.
 */
export async function* scanIds(chunks: AsyncIterable<string>): AsyncGenerator<Array<number>, BadLine | undefined> {
  let atStart = true
  let line = 1
  let head = "" // the current line's first 80 characters, as far as read
  let carry = "" // a token cut by the end of a chunk (at most 21 characters are kept)
  let comment = false
  let bad = undefined as { line: number; reason: string } | undefined
  const badLine = (text: string): BadLine => ({ ...(bad as { line: number; reason: string }), text })
  for await (const read of chunks) {
    let chunk = read
    if (atStart && chunk.length > 0) {
      atStart = false
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1)
    }
    if (bad !== undefined) {
      // The rest of the bad line's first 80 characters, from the next chunks.
      const end = chunk.indexOf("\n")
      head += chunk.slice(0, Math.min(end < 0 ? chunk.length : end, maxShown - head.length))
      if (end >= 0 || head.length >= maxShown) return badLine(head)
      continue
    }
    const batch: Array<number> = []
    let lineStart = 0
    let tokenStart = -1
    const endToken = (end: number) => {
      const token = tokenStart < 0 ? carry : carry + chunk.slice(tokenStart, Math.min(end, tokenStart + 21))
      carry = ""
      tokenStart = -1
      if (token === "") return
      const id = idOf(token)
      if (id === undefined) bad = { line, reason: reasonFor(token) }
      else batch.push(id)
    }
    for (let i = 0; i < chunk.length && bad === undefined; i++) {
      const c = chunk.charCodeAt(i)
      if (c === 10) {
        if (!comment) endToken(i)
        if (bad !== undefined) {
          head += chunk.slice(lineStart, Math.min(i, lineStart + maxShown - head.length))
          return badLine(head)
        }
        line++
        head = ""
        lineStart = i + 1
        comment = false
      } else if (comment) {
        continue
      } else if (c === 35 /* # */) {
        endToken(i)
        comment = true
      } else if (c === 32 || c === 44 || c === 9 || c === 13) {
        endToken(i)
      } else if (tokenStart < 0) {
        tokenStart = i
      }
    }
    if (bad !== undefined) {
      // The bad line's first 80 characters from this chunk; the next chunks add the rest (above).
      head += chunk.slice(lineStart, lineStart + maxShown - head.length)
      const newline = head.indexOf("\n")
      if (newline >= 0) return badLine(head.slice(0, newline))
      if (head.length >= maxShown) return badLine(head)
      continue
    }
    if (tokenStart >= 0) carry = (carry + chunk.slice(tokenStart, tokenStart + 21)).slice(0, 21)
    if (head.length < maxShown) head += chunk.slice(lineStart, lineStart + maxShown - head.length)
    if (batch.length > 0) yield batch
  }
  if (bad !== undefined) return badLine(head)
  if (!comment && carry !== "") {
    const id = idOf(carry)
    if (id === undefined) return { line, reason: reasonFor(carry), text: head }
    yield [id]
  }
  return undefined
}

/** Counts the ids of a scan, keeping them only when asked; the first bad line, if any. */
const checkAll = async (chunks: AsyncIterable<string>, keep: Array<number> | undefined): Promise<Result.Result<number, BadLine>> => {
  const scan = scanIds(chunks)
  let count = 0
  for (;;) {
    const next = await scan.next()
    if (next.done === true) return next.value === undefined ? Result.succeed(count) : Result.fail(next.value)
    count += next.value.length
    if (keep !== undefined) for (const id of next.value) keep.push(id)
  }
}

const describeBad = (source: string, bad: BadLine) =>
  `${source} line ${bad.line}: ${bad.reason}: ${quote(bad.text.replace(/\r$/, ""))}${bad.text.length >= maxShown ? " (first 80 characters)" : ""}; fix or remove it: nothing was sent`

const openChunks = (file: string): AsyncIterable<string> => createReadStream(file === "-" ? "/dev/stdin" : file, { encoding: "utf8", highWaterMark: 1 << 16, ...(file === "-" ? { fd: 0, autoClose: false } : {}) })

const readError = (file: string, e: unknown) =>
  new UsageError({ message: `--from ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))}); give a readable file of ids, or - for stdin` })

/**
 * Checks every id of a file (or `-`, stdin) before anything is sent, in constant memory, and
 * returns how many there are and the ids as a stream that reads the file again (stdin, which
 * cannot be read twice, is kept in memory, 8 bytes an id).
 */
export const readIdsFile = (file: string): Effect.Effect<{
  /** How many ids the file holds. */
  readonly count: number
  /** The ids, read again from the file as the stream is consumed. */
  readonly ids: Stream.Stream<number>
}, UsageError> =>
  Effect.gen(function* () {
    const kept: Array<number> = []
    const result = yield* Effect.tryPromise({
      try: () => checkAll(openChunks(file), file === "-" ? kept : undefined),
      catch: (e) => readError(file, e)
    })
    if (Result.isFailure(result)) return yield* new UsageError({ message: describeBad(`--from ${file}`, result.failure) })
    const ids: Stream.Stream<number> = file === "-"
      ? Stream.fromIterable(kept)
      : // A second pass over the file already checked, a chunk at a time, as the purge asks for ids.
        Stream.fromAsyncIterable(scanIds(openChunks(file)), (e) => e).pipe(Stream.orDie, Stream.flattenIterable)
    return { count: result.success, ids }
  })

/** Parses ids given as arguments before anything is sent: one bad id refuses them all, naming it (80 characters at most). */
export const parseIds = (raw: ReadonlyArray<string>): Effect.Effect<Array<number>, UsageError> =>
  Effect.gen(function* () {
    const ids: Array<number> = []
    for (const [i, r] of raw.entries()) {
      const parsed = yield* Effect.result(parseId("PermanentlyDeleteUser", r))
      if (Result.isFailure(parsed)) {
        const shown = quote(r.length > maxShown ? `${r.slice(0, maxShown)}…` : r)
        const why = /^\s*\d+\s*$/.test(r) ? "not a positive safe integer (at most 9007199254740991)" : r.startsWith("-") ? "not a user id (an unknown option?)" : "not a user id (a positive integer)"
        return yield* new UsageError({ message: `argument ${i + 1}: ${why}: ${shown}; nothing was sent` })
      }
      ids.push(parsed.success)
    }
    return ids
  })
