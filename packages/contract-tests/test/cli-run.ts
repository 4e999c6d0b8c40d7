import { execFile } from "node:child_process"
import { promisify } from "node:util"
import { cli } from "./har-files.js"

/** What a CLI run gave. */
export interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

const exec = promisify(execFile)

/** Runs `node dist/cli.js …args` (in `cwd`), whatever its exit code. */
export const runCli = (args: ReadonlyArray<string>, cwd?: string): Promise<Run> =>
  exec(process.execPath, [cli, ...args], { cwd }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr })
  )

/** Runs a bash command line (for process substitution, `<(…)`), whatever its exit code. */
export const runBash = (line: string, cwd?: string): Promise<Run> =>
  exec("bash", ["-c", line], { cwd }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr })
  )
