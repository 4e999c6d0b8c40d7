// The `openapi-mock` command, run from its sources in a child process: the URL as the first line on
// stdout, SIGINT/SIGTERM closing it, and exit code 2 with one line on stderr for bad usage or a bad spec.
import { describe, expect, it } from "@effect/vitest"
import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { basic, specs } from "./support/mock.js"

const bin = fileURLToPath(new URL("../src/bin.ts", import.meta.url))
const hook = fileURLToPath(new URL("./support/ts-resolve.mjs", import.meta.url))

const start = (args: ReadonlyArray<string>) =>
  spawn(process.execPath, ["--import", hook, bin, ...args], { stdio: ["ignore", "pipe", "pipe"] })

/** Everything the process wrote, and its exit code, once it has exited. */
const finished = (child: ChildProcess) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    let stdout = ""
    let stderr = ""
    child.stdout!.on("data", (d) => (stdout += d))
    child.stderr!.on("data", (d) => (stderr += d))
    child.on("close", (code) => resolve({ code, stdout, stderr }))
  })

/** The first line the process writes on stdout. */
const firstLine = (child: ChildProcess) =>
  new Promise<string>((resolve, reject) => {
    let out = ""
    child.stdout!.on("data", (d) => {
      out += d
      if (out.includes("\n")) resolve(out.split("\n")[0]!)
    })
    child.on("close", () => reject(new Error(`exited before printing a line: ${out}`)))
  })

describe("the openapi-mock command", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("prints its URL first, serves the spec, and %s closes it (exit 0)", async (signal) => {
    const child = start(["--spec", specs.museum, "--port", "0"])
    const done = finished(child)
    const url = await firstLine(child)
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const res = await fetch(`${url}/museum-hours`, { headers: basic })
    expect(res.status).toBe(200)
    await res.arrayBuffer()
    child.kill(signal)
    const { code, stderr } = await done
    expect([code, stderr]).toEqual([0, ""])
  })

  const refused: ReadonlyArray<readonly [string, ReadonlyArray<string>, RegExp]> = [
    ["no arguments", [], /^openapi-mock: --spec is required; usage: openapi-mock --spec FILE/],
    ["an unknown option", ["--spec", specs.museum, "--verbose"], /^openapi-mock: Unknown option '--verbose'.*; usage:/],
    ["a port that is not a number", ["--spec", specs.museum, "--port", "http"], /^openapi-mock: --port must be 0\.\.65535, not http$/],
    ["a host other than the loopback", ["--spec", specs.museum, "--host", "0.0.0.0"], /^openapi-mock: --host may only be 127\.0\.0\.1, not 0\.0\.0\.0$/],
    ["a spec that does not exist", ["--spec", "nope.yaml"], /^openapi-mock: can't read the spec: nope\.yaml does not exist$/],
    ["a spec that does not parse (TypeScript)", ["--spec", bin], /^openapi-mock: can't read the spec: end of the stream or a document separator is expected/]
  ]
  it.each(refused)("%s: exit 2, one line on stderr, nothing on stdout", async (_, args, message) => {
    const { code, stdout, stderr } = await finished(start(args))
    expect(code).toBe(2)
    expect(stdout).toBe("")
    expect(stderr.endsWith("\n") && stderr.split("\n").length).toBe(2)
    expect(stderr.trimEnd()).toMatch(message)
  })

  it("--help prints the usage (exit 0)", async () => {
    const { code, stdout } = await finished(start(["--help"]))
    expect([code, stdout]).toEqual([0, "usage: openapi-mock --spec FILE [--port N] [--host 127.0.0.1]\n"])
  })
})
