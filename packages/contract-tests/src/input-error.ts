/**
 * Bad input or usage: an unreadable or invalid file, an invalid spec, a bad option. The CLI prints
 * its one-line message (no stack trace) and exits 2, so CI can tell it from a finding (exit 1).
 *
 * @module
 */

/** A bad input or usage, with a one-line message naming the file (and position) at fault. */
export class InputError extends Error {
  /** Tells an `InputError` from any other error without `instanceof` across module copies. */
  readonly _tag = "InputError"
  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, " "))
    this.name = "InputError"
  }
}

/** Whether an error is an {@link InputError}. */
export const isInputError = (e: unknown): e is InputError => typeof e === "object" && e !== null && (e as { _tag?: unknown })._tag === "InputError"

/** A system error's one-line reason (`ENOENT: no such file or directory` → `no such file or directory`). */
export const reasonOf = (e: unknown): string => {
  const err = e as { code?: string; message?: string }
  const reasons: Record<string, string> = { ENOENT: "no such file or directory", EACCES: "permission denied", EISDIR: "is a directory", ENOTDIR: "not a directory" }
  return (err.code !== undefined ? reasons[err.code] : undefined) ?? String(err.message ?? e).split("\n")[0]!
}
