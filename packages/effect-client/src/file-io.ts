import * as Effect from "effect/Effect"
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from "node:fs"
import { PurgeFileError, type PurgeFileRole } from "./purge-errors.js"

/** The code and description of a system error (`ENOSPC`, `no space left on device`). */
export const systemError = (e: unknown): { readonly code: string; readonly reason: string } => {
  const error = e as NodeJS.ErrnoException
  const code = typeof error?.code === "string" ? error.code : "EUNKNOWN"
  const message = typeof error?.message === "string" ? error.message : String(e)
  // Node's messages read `ENOSPC: no space left on device, write`.
  const match = /^[A-Z0-9_]+: ([^,]+)/.exec(message)
  return { code, reason: match?.[1] ?? message }
}

/** A `PurgeFileError` for a system error met doing `operation` on a file. */
export const fileError = (file: PurgeFileRole, path: string, operation: PurgeFileError["operation"], e: unknown): PurgeFileError =>
  new PurgeFileError({ file, path, operation, ...systemError(e) })

/**
 * Appends `text` in full and syncs it to disk (unless `sync` is false): a short write is continued until every byte is written.
 * If any write or the sync fails (`ENOSPC`, `EIO`), what was written of `text` is cut off again (best
 * effort), so no torn line stays behind, and the error is returned (synchronously; see `appendDurably`).
 */
export const appendFullySync = (fd: number, text: string, sync = true): { readonly operation: "write" | "sync"; readonly cause: unknown } | undefined => {
  const buffer = Buffer.from(text, "utf8")
  let start: number | undefined
  let operation: "write" | "sync" = "write"
  try {
    start = fstatSync(fd).size
    let offset = 0
    while (offset < buffer.length) {
      const written = writeSync(fd, buffer, offset, buffer.length - offset)
      // A write that makes no progress would loop for ever: the device takes no more.
      if (written <= 0) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" })
      offset += written
    }
    operation = "sync"
    if (sync) fsyncSync(fd)
    return undefined
  } catch (cause) {
    if (start !== undefined) {
      try {
        ftruncateSync(fd, start)
      } catch {
        // The torn line stays: readers ignore a line that is not whole JSON.
      }
    }
    return { operation, cause }
  }
}

/** `appendFullySync` as an Effect that fails with a `PurgeFileError` naming the file. */
export const appendDurably = (file: PurgeFileRole, path: string, fd: number, text: string): Effect.Effect<void, PurgeFileError> =>
  Effect.suspend(() => {
    const failure = appendFullySync(fd, text)
    return failure === undefined ? Effect.void : Effect.fail(fileError(file, path, failure.operation, failure.cause))
  })

/**
 * The lines of the first `limit` bytes of a file (all of it by default), a batch per 64 KiB read, so
 * memory stays flat whatever the file's size. The last line is given even without its newline (a
 * reader must ignore a torn one). Returns whether the file ends with a newline (true when empty).
 * The file is closed when the generator ends or is returned early.
 */
export function* readLinesSync(path: string, limit = Infinity): Generator<Array<string>, boolean> {
  const fd = openSync(path, "r")
  try {
    const buffer = Buffer.alloc(1 << 16)
    let carry: Buffer | undefined
    let position = 0
    let last = 10
    for (;;) {
      const want = Math.min(buffer.length, limit - position)
      if (want <= 0) break
      const read = readSync(fd, buffer, 0, want, position)
      if (read === 0) break
      position += read
      last = buffer[read - 1]!
      const lines: Array<string> = []
      let start = 0
      for (let i = buffer.indexOf(10, 0); i >= 0 && i < read; i = buffer.indexOf(10, i + 1)) {
        const piece = buffer.subarray(start, i)
        lines.push((carry === undefined ? piece : Buffer.concat([carry, piece])).toString("utf8"))
        carry = undefined
        start = i + 1
      }
      if (start < read) {
        const rest = buffer.subarray(start, read)
        // A line longer than any record is no record: keep its first 64 KiB only, so memory stays bounded.
        carry = carry === undefined ? Buffer.from(rest) : carry.length > (1 << 16) ? carry : Buffer.concat([carry, rest])
      }
      if (lines.length > 0) yield lines
    }
    if (carry !== undefined && carry.length > 0) yield [carry.toString("utf8")]
    return last === 10
  } finally {
    closeSync(fd)
  }
}

/** Calls `f` on each line of a file (see `readLinesSync`); returns whether it ends with a newline. */
export const forEachLineSync = (path: string, f: (line: string) => void, limit = Infinity): boolean => {
  const lines = readLinesSync(path, limit)
  for (;;) {
    const next = lines.next()
    if (next.done === true) return next.value
    for (const line of next.value) f(line)
  }
}
