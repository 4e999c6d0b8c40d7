// Codegen: regenerating the types, `nx run types:generate` cold and on a cache hit, and the warm test command.
import { execSync } from "node:child_process"
import { generateClient, regenerateCommand, specPath, typesApiName } from "@effect-openapi/codegen"
import * as path from "node:path"

const timed = (f) => {
  const t0 = performance.now()
  f()
  return performance.now() - t0
}
const sh = (command) => execSync(command, { stdio: "ignore", env: { ...process.env, NX_DAEMON: "false" } })

/** Generates a client from the 355-operation Rebilly spec shipped inside @redocly/openapi-core, in process. */
export const generateLargeClient = async () => {
  const { generateClient } = await import("../tools/codegen/dist/client/generate.js")
  const spec = path.join(import.meta.dirname, "../node_modules/@redocly/openapi-core/src/benchmark/benches/rebilly.yaml")
  const t0 = performance.now()
  const { files } = await generateClient({ spec, name: "rebilly", postman: false })
  return { ms: performance.now() - t0, bytes: files.reduce((n, f) => n + f.source.length, 0) }
}

export const codegen = async ({ testCommand = true, nx = true } = {}) => {
  const t0 = performance.now()
  const { files } = await generateClient({ spec: specPath, name: typesApiName, regenerate: regenerateCommand, strict: true, postman: false })
  const inProcessMs = performance.now() - t0
  if (!nx) return { inProcessMs, files: files.map((f) => f.file) }
  const nxColdMs = timed(() => sh("npx nx run types:generate --skip-nx-cache --output-style=static"))
  const nxCacheHitMs = timed(() => sh("npx nx run types:generate --output-style=static"))
  const warmTestMs = testCommand ? timed(() => sh("npm test")) : undefined
  return { inProcessMs, nxColdMs, nxCacheHitMs, warmTestMs }
}
