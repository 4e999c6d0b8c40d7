import * as Effect from "effect/Effect"
import { accessSync, closeSync, constants, fsyncSync, openSync, statfsSync, statSync, writeSync } from "node:fs"
import * as path from "node:path"
import { UsageError } from "./errors.js"

const codeOf = (e: unknown) => (e as NodeJS.ErrnoException).code ?? String(e)

/**
 * Linux file systems that are kernel interfaces, not storage (by `statfs` magic number): their files
 * look regular, yet a write fails (`/proc/version`: EIO), cannot be synced, or changes the system.
 */
const kernelFileSystems: ReadonlyMap<number, string> = new Map([
  [0x9fa0, "procfs"],
  [0x62656572, "sysfs"],
  [0x64626720, "debugfs"],
  [0x74726163, "tracefs"],
  [0x73636673, "securityfs"],
  [0x27e0eb, "cgroupfs"],
  [0x63677270, "cgroup2fs"],
  [0x62656570, "configfs"],
  [0xde5e81e4, "efivarfs"],
  [0xcafe4a11, "bpffs"],
  [0x6165676c, "pstorefs"],
  [0x65735543, "fusectl"]
])

/** The kernel interface a path is on, if it is on one (see `kernelFileSystems`); undefined when `statfs` cannot tell. */
const kernelFileSystemOf = (file: string): string | undefined => {
  try {
    return kernelFileSystems.get(Number(statfsSync(file).type))
  } catch {
    return undefined
  }
}

/**
 * Opens an existing file to append (never creating or truncating it), writes nothing and syncs it:
 * the error code of the first step that fails, or undefined. What the run does to the file later.
 */
const probeAppend = (file: string): string | undefined => {
  let fd: number | undefined
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_APPEND)
    writeSync(fd, new Uint8Array(0))
    fsyncSync(fd)
    return undefined
  } catch (e) {
    return codeOf(e)
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd)
      } catch {}
    }
  }
}

/**
 * Checks, before anything is sent, that a file the run will write can be written: an existing file
 * must be a regular file, on a file system that stores data (not procfs, sysfs and the like), that
 * can be opened to append, written and synced (nothing is written to it); a new one needs an
 * existing, writable folder on such a file system.
 */
export const checkWritableFile = (flag: string, file: string): Effect.Effect<void, UsageError> =>
  Effect.suspend(() => {
    const fail = (why: string, todo: string) => Effect.fail(new UsageError({ message: `${flag} ${file}: ${why}; ${todo}; nothing was sent` }))
    const onKernelFs = (where: string, fs: string) => fail(`${where} on ${fs}, a kernel interface that stores no file`, "give a path on a disk")
    let stats
    try {
      stats = statSync(file)
    } catch (e) {
      if (codeOf(e) !== "ENOENT") return fail(`cannot be read (${codeOf(e)})`, "choose another path")
    }
    if (stats !== undefined) {
      if (stats.isDirectory()) return fail("is a folder", `give a file path, e.g. ${path.join(file, flag === "--audit-log" ? "audit.ndjson" : "purge.checkpoint")}`)
      if (!stats.isFile()) return fail("is not a regular file", "give a file path")
      const fs = kernelFileSystemOf(file)
      if (fs !== undefined) return onKernelFs("is", fs)
      try {
        accessSync(file, constants.W_OK)
      } catch (e) {
        return fail(`cannot be written (${codeOf(e)})`, "fix its permissions or choose another path")
      }
      const failed = probeAppend(file)
      if (failed !== undefined) return fail(`cannot be written (${failed})`, "fix it or choose another path")
      return Effect.void
    }
    const dir = path.dirname(path.resolve(file))
    try {
      if (!statSync(dir).isDirectory()) return fail(`${dir} is not a folder`, "choose another path")
    } catch {
      return fail(`the folder ${dir} does not exist`, "create it or choose another path")
    }
    const fs = kernelFileSystemOf(dir)
    if (fs !== undefined) return onKernelFs(`the folder ${dir} is`, fs)
    try {
      accessSync(dir, constants.W_OK)
    } catch (e) {
      return fail(`the folder ${dir} cannot be written (${codeOf(e)})`, "fix its permissions or choose another path")
    }
    return Effect.void
  })
