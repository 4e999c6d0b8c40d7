/**
 * The Nx generator `@effect-openapi/codegen:api`: adds a project for an API, with its client generated
 * from the spec (and its OpenAPI Overlays, `--overlay`) now and, through a cached `generate` target (inputs:
 * the spec and overlay files), before every build;
 * for Effect 4 (the default) or Effect 3 (`--effect 3`), with the peer dependencies of that target.
 * The package builds ESM and CommonJS (`dual-build`), takes `repository` and `homepage` from the workspace's
 * package.json, has a `contract` target (see `contract.ts`), and is tagged `api`, which puts it in
 * nx.json's release group.
 *
 * @module
 */
import { readJson, writeJson, type Tree } from "@nx/devkit"
import * as path from "node:path"
import { generateClient } from "../client/generate.js"
import { pascalCase } from "../client/names.js"
import { effectFlag, effectTargets, parseEffectVersion, type EffectVersion } from "../client/target.js"

/** The generator's options (see `generators/api.schema.json`). */
export interface ApiGeneratorOptions {
  readonly name: string
  readonly spec: string
  readonly directory?: string
  /** The Effect version the client is written for (default 4). */
  readonly effect?: EffectVersion | `${EffectVersion}`
  /** Generate with `--strict`: any structural lint error refuses the spec. */
  readonly strict?: boolean
  /** OpenAPI Overlay 1.0 files (relative to the workspace root) applied, in order, to the spec before generation. */
  readonly overlay?: string | ReadonlyArray<string>
}

/** The folder, in the project, whose `.har` files the `contract` target verifies (`deleted-users-record --out` writes there). */
export const fixturesFolder = "fixtures/recorded"

/** The Nx tag of every generated project; nx.json's `release.projects` names `tag:api`, so a new API joins the release group. */
export const releaseTag = "api"

/** What the generator reads from the workspace's own package.json. */
interface WorkspaceManifest {
  readonly repository?: string | { readonly type?: string; readonly url?: string; readonly directory?: string }
  readonly homepage?: string
  readonly engines?: { readonly node?: string }
}

/**
 * `repository` (the workspace's, with `directory` set to the project) and `homepage` (the project's folder
 * on GitHub when the repository is there, else the workspace's homepage) for a generated package;
 * `undefined` when the workspace's package.json has no `repository`.
 */
export const repositoryLinks = (workspace: WorkspaceManifest, root: string): { repository: { type: string; url: string; directory: string }; homepage?: string } | undefined => {
  const given = workspace.repository
  const url = typeof given === "string" ? given : given?.url
  if (url === undefined || url === "") return undefined
  const repository = { type: typeof given === "object" && given.type !== undefined ? given.type : "git", url, directory: root }
  const github = /github\.com[/:]([^/]+\/[^/#]+?)(\.git)?(#.*)?$/.exec(url)
  const homepage = github !== null ? `https://github.com/${github[1]}/tree/HEAD/${root}#readme` : workspace.homepage
  return homepage === undefined ? { repository } : { repository, homepage }
}

/** Whether the workspace holds the contract tool as a project (`contract-tests`), to build before `contract` runs. */
const hasContractTool = (tree: Tree): boolean => {
  try {
    return readJson<{ name?: string }>(tree, "packages/contract-tests/package.json").name === "@effect-openapi/contract"
  } catch {
    return false
  }
}

/** The workspace's list of generated clients, which `npm test` checks for drift. */
interface Registry {
  readonly $comment?: string
  readonly apis: Array<{ name: string; spec: string; out: string; regenerate: string; effect?: EffectVersion; strict?: boolean; overlay?: ReadonlyArray<string> }>
}

/** Adds the project, generates its client into `src/generated`, and registers it for the drift check. */
export default async function apiGenerator(tree: Tree, options: ApiGeneratorOptions): Promise<void> {
  const root = (options.directory ?? `packages/${options.name}`).replace(/\/+$/, "")
  const spec = options.spec.replace(/^\.\//, "")
  if (!tree.exists(spec)) throw new Error(`${spec}: no such file in the workspace`)
  if (tree.exists(root)) throw new Error(`${root} already exists`)
  const effect = parseEffectVersion(options.effect)
  const target = effectTargets[effect]
  const out = `${root}/src/generated`
  const regenerate = `npx nx run ${options.name}:generate`
  const strict = options.strict === true
  const overlays = (options.overlay === undefined ? [] : typeof options.overlay === "string" ? [options.overlay] : [...options.overlay]).map((file) => file.replace(/^\.\//, ""))
  for (const overlay of overlays) if (!tree.exists(overlay)) throw new Error(`${overlay}: no such file in the workspace`)
  const { files, warnings } = await generateClient({ spec: path.join(tree.root, spec), specLabel: spec, name: options.name, regenerate, effect, strict, overlays: overlays.map((file) => path.join(tree.root, file)) })
  for (const warning of warnings) console.warn(`warning: ${warning}`)
  for (const file of files) tree.write(`${out}/${file.file}`, file.source)
  const className = pascalCase(options.name)
  const up = root.split("/").map(() => "..").join("/")
  tree.write(`${root}/src/index.ts`, `/**\n * The ${options.name} API: the client generated from \`${spec}\`. Hand-written recipes go beside this file.\n *\n * @module\n */\nexport * from "./generated/index.js"\n`)
  tree.write(`${root}/tsconfig.build.json`, `${JSON.stringify({ extends: `${up}/tsconfig.base.json`, compilerOptions: { rootDir: "src", outDir: "dist", types: ["node"] }, include: ["src/**/*.ts"] }, null, 2)}\n`)
  tree.write(`${root}/tsconfig.json`, `${JSON.stringify({ extends: "./tsconfig.build.json", compilerOptions: { noEmit: true, rootDir: "." }, include: ["src/**/*.ts", "test/**/*.ts"] }, null, 2)}\n`)
  // The target's runtime: its Effect peer dependencies become the client's (one copy of effect in an application).
  const runtime = readJson<{ version: string; peerDependencies: Record<string, string> }>(tree, `${target.runtimeDir}/package.json`)
  const workspace = readJson<WorkspaceManifest>(tree, "package.json")
  const links = repositoryLinks(workspace, root)
  if (links === undefined) console.warn(`warning: the workspace's package.json has no "repository": ${root}/package.json gets no "repository" and "homepage" (add them there, or to the workspace's package.json and generate again)`)
  const fixtures = `${root}/${fixturesFolder}`
  const contractTool = hasContractTool(tree)
  writeJson(tree, `${root}/package.json`, {
    name: `@deleted-users/${options.name}`,
    version: "0.1.0",
    description: `An Effect client for ${options.name}, generated by effect-openapi from ${spec}.`,
    license: "MIT",
    ...links,
    type: "module",
    sideEffects: false,
    // ESM in dist/, CommonJS (with its own .d.ts) in dist/cjs/: dual-build, like every published package here.
    main: "./dist/cjs/index.js",
    module: "./dist/index.js",
    types: "./dist/index.d.ts",
    exports: {
      ".": { import: { types: "./dist/index.d.ts", default: "./dist/index.js" }, require: { types: "./dist/cjs/index.d.ts", default: "./dist/cjs/index.js" } },
      "./package.json": "./package.json"
    },
    files: ["dist", "src", "README.md"],
    ...(workspace.engines?.node === undefined ? {} : { engines: { node: workspace.engines.node } }),
    scripts: { build: "rm -rf dist && tsc -p tsconfig.build.json && dual-build" },
    nx: {
      name: options.name,
      // The tag puts it in nx.json's release group (`release.projects` holds `tag:api`).
      tags: [releaseTag],
      targets: {
        generate: {
          command: `node tools/codegen/dist/effect-openapi.js generate --spec ${spec} --name ${options.name} --out ${out}${effectFlag(effect)} --regenerate "${regenerate}"${strict ? " --strict" : ""}${overlays.map((file) => ` --overlay ${file}`).join("")}`,
          options: { cwd: "{workspaceRoot}" },
          dependsOn: [{ projects: ["codegen"], target: "build" }],
          inputs: [`{workspaceRoot}/${spec}`, ...overlays.map((file) => `{workspaceRoot}/${file}`), "{workspaceRoot}/tools/codegen/src/**/*.ts", "{workspaceRoot}/packages/openapi-lint/src/**/*.ts", `{workspaceRoot}/${target.runtimeDir}/src/**/*.ts`],
          outputs: [`{projectRoot}/src/generated`],
          cache: true
        },
        // The spec, its overlays and the generator are inputs of the build too: Nx may hash the build before
        // `generate` has written the new client, and the build's hash must still change with the spec.
        build: { dependsOn: ["^build", "generate"], inputs: ["production", "^production", `{workspaceRoot}/${spec}`, ...overlays.map((file) => `{workspaceRoot}/${file}`), "{workspaceRoot}/tools/codegen/src/**/*.ts"] },
        // Lint the spec, verify the recorded traffic (if any), and, given a base (CI's CONTRACT_BASE), diff the spec against it.
        contract: {
          command: `node tools/codegen/dist/generators/contract.js --spec ${spec} --fixtures ${fixtures}`,
          options: { cwd: "{workspaceRoot}" },
          // The contract tool: built first when it is a project of this workspace; installed, Nx hashes it
          // with every external dependency (a command target that names none).
          dependsOn: [{ projects: ["codegen"], target: "build" }, ...(contractTool ? [{ projects: ["contract-tests"], target: "build" }] : [])],
          inputs: [`{workspaceRoot}/${spec}`, `{projectRoot}/${fixturesFolder}/**/*`, "{workspaceRoot}/tools/codegen/src/generators/contract.ts", ...(contractTool ? ["{workspaceRoot}/packages/contract-tests/src/**/*.ts"] : []), { env: "CONTRACT_BASE" }, { env: "GITHUB_BASE_REF" }],
          cache: true
        }
      }
    },
    peerDependencies: runtime.peerDependencies,
    dependencies: { [target.runtime]: `^${runtime.version}`, ajv: "8.20.0", "ajv-formats": "3.0.1", "openapi-fetch": "0.17.0" }
  })
  tree.write(`${root}/README.md`, `# @deleted-users/${options.name}\n\nThe \`${className}\` Effect client, generated from [\`${spec}\`](${up}/${spec}) by effect-openapi: see [src/generated/README.md](src/generated/README.md)\nfor its operations and a curl line for each. Change the spec, then \`${regenerate}\` (the build does it when the spec changed).\n\n\`npx nx run ${options.name}:contract\` lints the spec, verifies the recorded traffic in [\`${fixturesFolder}\`](${fixturesFolder}) (HAR files, if any) against it, and, in CI (\`CONTRACT_BASE\`), fails on a breaking change since the base.\n`)
  const registry = readJson<Registry>(tree, "apis.json")
  writeJson(tree, "apis.json", { ...registry, apis: [...registry.apis, { name: options.name, spec, out, regenerate, effect, ...(strict ? { strict } : {}), ...(overlays.length > 0 ? { overlay: overlays } : {}) }] })
}
