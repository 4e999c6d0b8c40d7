/**
 * How a recording reaches the disk, for `deleted-users-record` and `HarRecorder` alike: written into a
 * temporary folder beside its destination, checked, and only then moved into place; a folder the recorder
 * did not make is replaced only with `force`. A failed or refused recording writes nothing.
 *
 * @module
 */
import * as Data from "effect/Data"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs"
import * as path from "node:path"

/** A recording that cannot be made or written: the message says what, why and what to do. */
export class RecordingError extends Data.TaggedError("RecordingError")<{
  /** What failed, why, and what to do; it ends with what was written (nothing). */
  readonly message: string
}> {}

/** The file that marks a folder the recorder made, and may replace without `force`. */
export const recorderMarker = ".recorded-by-deleted-users-record"

/** Refuses a folder that exists, is not empty and has no marker, unless `force`. */
const checkReplaceable = (dir: string, force: boolean): void => {
  if (!existsSync(dir) || force) return
  if (!existsSync(path.join(dir, recorderMarker)) && readdirSync(dir).length > 0) {
    throw new RecordingError({ message: `${dir} exists and was not made by the recorder: pass --force (force: true) to replace it, or choose another folder; nothing was written` })
  }
}

/**
 * Writes folders safely: `write` fills a staged folder for each of `targets` (created, empty) and returns the
 * files it wrote (staged paths); when it returns, each target is replaced by its staged folder, marked as the
 * recorder's. A target that exists and was not made by the recorder is refused (`RecordingError`) unless
 * `force`; if `write` throws, nothing is written. Returns the files at their final paths.
 */
export const writeFolders = async (
  targets: ReadonlyArray<string>,
  force: boolean,
  write: (staged: ReadonlyArray<string>) => Promise<ReadonlyArray<string>> | ReadonlyArray<string>
): Promise<Array<string>> => {
  if (targets.length === 0) return []
  for (const dir of targets) checkReplaceable(dir, force)
  const parent = path.dirname(path.resolve(targets[0]!))
  mkdirSync(parent, { recursive: true })
  const stage = mkdtempSync(path.join(parent, ".recording-"))
  try {
    const staged = targets.map((_, i) => path.join(stage, `new-${i}`))
    for (const dir of staged) mkdirSync(dir)
    const files = await write(staged)
    for (const dir of staged) writeFileSync(path.join(dir, recorderMarker), "This folder was written by deleted-users-record; a new recording replaces it.\n")
    staged.forEach((from, i) => {
      const to = targets[i]!
      const old = path.join(stage, `old-${i}`)
      if (existsSync(to)) renameSync(to, old)
      renameSync(from, to)
    })
    return files.map((file) => {
      const i = staged.findIndex((dir) => file.startsWith(dir + path.sep))
      return i === -1 ? file : path.join(targets[i]!, path.relative(staged[i]!, file))
    })
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
}
