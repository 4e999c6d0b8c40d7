/**
 * A real npm registry for tests: Verdaccio on 127.0.0.1 (a free port), storage and config in a temp
 * folder, one user with a token, and an npm userconfig that points at it. `@deleted-users/*` and
 * `@effect-openapi/*` are stored locally; everything else is proxied to the npm registry this machine uses, or refused
 * (404) when `proxy` is false, so a test that publishes only our packages needs no network.
 */
import { execFile, spawn } from "node:child_process"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { createServer } from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import { promisify } from "node:util"

const root = path.resolve(import.meta.dirname, "../../..")
const exec = promisify(execFile)

/** A port nothing listens on, on 127.0.0.1. */
export const freePort = (): Promise<number> =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

/** A running Verdaccio. */
export interface Registry {
  /** Its temp folder (storage, config, htpasswd, .npmrc). */
  readonly dir: string
  /** `http://127.0.0.1:<port>/`. */
  readonly url: string
  /** The `.npmrc` lines that publish to it: `registry=` and the token. */
  readonly npmrc: string
  /** A userconfig file holding {@link npmrc}. */
  readonly userconfig: string
  /** Stops it and removes its folder. */
  readonly stop: () => Promise<void>
}

/** Starts Verdaccio and signs a user up; `proxy: false` serves `@deleted-users/*` and `@effect-openapi/*` only. */
export const startRegistry = async (options: { readonly proxy: boolean; readonly prefix?: string }): Promise<Registry> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), options.prefix ?? "verdaccio-"))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}/`
  const upstream = options.proxy ? (await exec("npm", ["config", "get", "registry"])).stdout.trim() : undefined
  await writeFile(path.join(dir, "config.yaml"), [
    `storage: ${path.join(dir, "storage")}`,
    "auth:",
    `  htpasswd: { file: ${path.join(dir, "htpasswd")}, max_users: 10 }`,
    ...(upstream === undefined ? [] : [`uplinks: { npmjs: { url: ${JSON.stringify(upstream)}, timeout: 60s } }`]),
    "packages:",
    "  '@deleted-users/*': { access: $all, publish: $authenticated }",
    "  '@effect-openapi/*': { access: $all, publish: $authenticated }",
    upstream === undefined ? "  '**': { access: $all }" : "  '**': { access: $all, proxy: npmjs }",
    "logs: { type: stdout, format: pretty, level: error }"
  ].join("\n"))
  const verdaccio = spawn(process.execPath, [path.join(root, "node_modules/verdaccio/bin/verdaccio"), "--config", path.join(dir, "config.yaml"), "--listen", `127.0.0.1:${port}`], { stdio: "ignore" })
  const stop = async () => {
    verdaccio.kill()
    await rm(dir, { recursive: true, force: true })
  }
  let up = false
  for (let i = 0; i < 150 && !up; i++) {
    up = await fetch(`${url}-/ping`).then((r) => r.ok, () => false)
    if (!up) await new Promise((r) => setTimeout(r, 200))
  }
  if (!up) {
    await stop()
    throw new Error(`Verdaccio did not answer on ${url} within 30 s`)
  }
  const user = await fetch(`${url}-/user/org.couchdb.user:ci`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "ci", password: "ci-password-1" }) })
  const { token } = (await user.json()) as { token: string }
  const npmrc = `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`
  const userconfig = path.join(dir, ".npmrc")
  await writeFile(userconfig, npmrc)
  return { dir, url, npmrc, userconfig, stop }
}
