/**
 * The Nx generator `@effect-openapi/codegen:api`, in this workspace or any other that installed the toolkit: adds a project for an API, with its client generated
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
import { readdirSync, readFileSync, realpathSync } from "node:fs"
import { createRequire } from "node:module"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
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
  /** The npm scope of the package (`@acme` or `acme`; default: the scope of the workspace's own package name, none when it has none). */
  readonly scope?: string
}

/** The folder, in the project, whose `.har` files the `contract` target verifies (`deleted-users-record --out` writes there). */
export const fixturesFolder = "fixtures/recorded"

/** The Nx tag of every generated project; nx.json's `release.projects` names `tag:api`, so a new API joins the release group. */
export const releaseTag = "api"

/** What the generator reads from the workspace's own package.json. */
interface WorkspaceManifest {
  readonly name?: string
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

/** A toolkit package as the workspace sees it: where it is, and how Nx should track it. */
export interface ToolkitPackage {
  /** Its folder, relative to the workspace root (`node_modules/...` unless it is a project of the workspace). */
  readonly dir: string
  /** Its package.json. */
  readonly manifest: { readonly name: string; readonly version: string; readonly peerDependencies?: Record<string, string>; readonly scripts?: Record<string, string>; readonly nx?: { readonly name?: string } }
  /**
   * `project`: one of the workspace's own packages (its npm `workspaces`), built first, its sources inputs;
   * `installed`: from a registry, in node_modules, an external dependency Nx hashes by version;
   * `linked`: a link to a folder outside the workspace, which Nx can neither build nor hash.
   */
  readonly kind: "project" | "installed" | "linked"
  /** Its Nx project name, for a project. */
  readonly project: string | undefined
}

/** This generator's own package folder (`dist/generators/api.js` sits two folders down). */
const generatorDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")

const readManifest = (dir: string): ToolkitPackage["manifest"] | undefined => {
  try {
    return JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as ToolkitPackage["manifest"]
  } catch {
    return undefined
  }
}

/** The package `name` among the workspace's own packages (the folders its package.json `workspaces` names). */
const workspaceProject = (workspaceRoot: string, name: string): ToolkitPackage | undefined => {
  const root = readManifest(workspaceRoot) as { workspaces?: ReadonlyArray<string> | { packages?: ReadonlyArray<string> } } | undefined
  const patterns = Array.isArray(root?.workspaces) ? root.workspaces : ((root?.workspaces as { packages?: ReadonlyArray<string> } | undefined)?.packages ?? [])
  for (const pattern of patterns) {
    const base = pattern.replace(/\/\*$/, "")
    const dirs = pattern.endsWith("/*") ? (() => { try { return readdirSync(path.join(workspaceRoot, base)).map((d) => `${base}/${d}`) } catch { return [] } })() : [base]
    for (const dir of dirs) {
      const manifest = readManifest(path.join(workspaceRoot, dir))
      if (manifest?.name === name) return { dir, manifest, kind: "project", project: manifest.nx?.name ?? manifest.name }
    }
  }
  return undefined
}

/**
 * Finds a toolkit package: among the workspace's own packages; else resolved from the workspace root (what
 * its build will use), then from this generator (its own dependencies); `undefined` when none has it.
 */
export const findToolkitPackage = (workspaceRoot: string, name: string): ToolkitPackage | undefined => {
  const own = workspaceProject(workspaceRoot, name)
  if (own !== undefined) return own
  for (const from of [workspaceRoot, generatorDir]) {
    let dir: string
    try {
      dir = path.dirname(createRequire(path.join(from, "package.json")).resolve(`${name}/package.json`))
    } catch {
      continue
    }
    const manifest = readManifest(dir)
    if (manifest === undefined) continue
    const installed = realpathSync(dir).split(path.sep).includes("node_modules")
    const relative = path.relative(workspaceRoot, dir).split(path.sep).join("/")
    return { dir: relative, manifest, kind: installed ? "installed" : "linked", project: undefined }
  }
  return undefined
}

/** The generator itself, as the workspace sees it. */
const generatorPackage = (workspaceRoot: string): ToolkitPackage => {
  const manifest = readManifest(generatorDir)!
  return findToolkitPackage(workspaceRoot, manifest.name) ?? { dir: path.relative(workspaceRoot, generatorDir).split(path.sep).join("/"), manifest, kind: "linked", project: undefined }
}

/** A package that the generated package needs: found, or an error that says what to install. */
const requirePackage = (workspaceRoot: string, name: string): ToolkitPackage => {
  const found = findToolkitPackage(workspaceRoot, name)
  if (found === undefined) throw new Error(`${name} is not installed in this workspace: npm add ${name}, then run the generator again`)
  return found
}

/**
 * The npm scope of a generated package: `--scope` (with or without its `@`), else the workspace's own (the
 * scope of the root package.json's `name`, as Nx names a new workspace `@org/source`); `""` for none.
 */
export const scopeOf = (given: string | undefined, workspaceName: string | undefined): string => {
  const scope = given ?? /^(@[^/]+)\//.exec(workspaceName ?? "")?.[1] ?? ""
  const bare = scope.replace(/^@/, "")
  if (bare === "") return ""
  if (!/^[a-z0-9][a-z0-9._~-]*$/.test(bare)) throw new Error(`--scope ${JSON.stringify(given)}: not an npm scope (lower case, e.g. @acme)`)
  return `@${bare}`
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
  const workspace = readJson<WorkspaceManifest>(tree, "package.json")
  const scope = scopeOf(options.scope, workspace.name)
  const packageName = scope === "" ? options.name : `${scope}/${options.name}`
  // Where the toolkit is: projects of this workspace (built first, their sources are inputs), or installed (npm add).
  const generator = generatorPackage(tree.root)
  const runtimePackage = requirePackage(tree.root, target.runtime)
  const contractTool = requirePackage(tree.root, "@effect-openapi/contract")
  const packageBuild = requirePackage(tree.root, "@effect-openapi/package-build")
  const ownSources = (pkg: ToolkitPackage): Array<string> => (pkg.project === undefined ? [] : [`{workspaceRoot}/${pkg.dir}/src/**/*.ts`])
  const lint = findToolkitPackage(tree.root, "@effect-openapi/lint")
  // What Nx hashes for a toolkit package: a project's sources, an installed package's version, nothing for a link.
  const tracked = (...pkgs: Array<ToolkitPackage | undefined>) => {
    const present = pkgs.filter((pkg): pkg is ToolkitPackage => pkg !== undefined)
    const external = present.filter((pkg) => pkg.kind === "installed").map((pkg) => pkg.manifest.name)
    return [...present.flatMap(ownSources), ...(external.length === 0 ? [] : [{ externalDependencies: external }])]
  }
  const generatorInputs = tracked(generator, lint, runtimePackage)
  // The workspace's `production` named input when it defines one (Nx's presets do), else its files (`default`).
  const named = tree.exists("nx.json") ? (readJson<{ namedInputs?: Record<string, unknown> }>(tree, "nx.json").namedInputs ?? {}) : {}
  const sourceInputs = "production" in named ? ["production", "^production"] : ["default", "^default"]
  const buildFirst = (...pkgs: Array<ToolkitPackage>) => pkgs.flatMap((pkg) => (pkg.project === undefined || pkg.manifest.scripts?.["build"] === undefined ? [] : [{ projects: [pkg.project], target: "build" }]))
  const { files, warnings } = await generateClient({ spec: path.join(tree.root, spec), specLabel: spec, name: options.name, regenerate, effect, strict, overlays: overlays.map((file) => path.join(tree.root, file)) })
  for (const warning of warnings) console.warn(`warning: ${warning}`)
  for (const file of files) tree.write(`${out}/${file.file}`, file.source)
  const className = pascalCase(options.name)
  const up = root.split("/").map(() => "..").join("/")
  tree.write(`${root}/src/index.ts`, `/**\n * The ${options.name} API: the client generated from \`${spec}\`. Hand-written recipes go beside this file.\n *\n * @module\n */\nexport * from "./generated/index.js"\n`)
  // The workspace's base config when it has one (this workspace, an Nx workspace), else what the generated code needs.
  const base = tree.exists("tsconfig.base.json") ? { extends: `${up}/tsconfig.base.json` } : {}
  const standalone = tree.exists("tsconfig.base.json") ? {} : { target: "ES2022", lib: ["ES2022", "DOM", "DOM.Iterable"], module: "NodeNext", moduleResolution: "NodeNext", strict: true, declaration: true, skipLibCheck: true, isolatedModules: true }
  const types = tree.exists("node_modules/@types/node") ? ["node"] : []
  tree.write(`${root}/tsconfig.build.json`, `${JSON.stringify({ ...base, compilerOptions: { ...standalone, rootDir: "src", outDir: "dist", types }, include: ["src/**/*.ts"] }, null, 2)}\n`)
  tree.write(`${root}/tsconfig.json`, `${JSON.stringify({ extends: "./tsconfig.build.json", compilerOptions: { noEmit: true, rootDir: "." }, include: ["src/**/*.ts", "test/**/*.ts"] }, null, 2)}\n`)
  // The target's runtime: its Effect peer dependencies become the client's (one copy of effect in an application).
  const runtime = runtimePackage.manifest
  const links = repositoryLinks(workspace, root)
  if (links === undefined) console.warn(`warning: the workspace's package.json has no "repository": ${root}/package.json gets no "repository" and "homepage" (add them there, or to the workspace's package.json and generate again)`)
  const fixtures = `${root}/${fixturesFolder}`
  writeJson(tree, `${root}/package.json`, {
    name: packageName,
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
          command: `node ${generator.dir}/dist/effect-openapi.js generate --spec ${spec} --name ${options.name} --out ${out}${effectFlag(effect)} --regenerate "${regenerate}"${strict ? " --strict" : ""}${overlays.map((file) => ` --overlay ${file}`).join("")}`,
          options: { cwd: "{workspaceRoot}" },
          dependsOn: buildFirst(generator),
          inputs: [`{workspaceRoot}/${spec}`, ...overlays.map((file) => `{workspaceRoot}/${file}`), ...generatorInputs],
          outputs: [`{projectRoot}/src/generated`],
          cache: true
        },
        // The spec, its overlays and the generator are inputs of the build too: Nx may hash the build before
        // `generate` has written the new client, and the build's hash must still change with the spec.
        build: { dependsOn: ["^build", "generate", ...buildFirst(packageBuild)], inputs: [...sourceInputs, `{workspaceRoot}/${spec}`, ...overlays.map((file) => `{workspaceRoot}/${file}`), ...generatorInputs] },
        // Lint the spec, verify the recorded traffic (if any), and, given a base (CI's CONTRACT_BASE), diff the spec against it.
        contract: {
          command: `node ${generator.dir}/dist/generators/contract.js --spec ${spec} --fixtures ${fixtures}`,
          options: { cwd: "{workspaceRoot}" },
          // The contract tool: built first when it is a project of this workspace; installed, Nx hashes it
          // with every external dependency (a command target that names none).
          dependsOn: buildFirst(generator, contractTool),
          inputs: [`{workspaceRoot}/${spec}`, `{projectRoot}/${fixturesFolder}/**/*`, ...(generator.project === undefined ? [] : [`{workspaceRoot}/${generator.dir}/src/generators/contract.ts`]), ...tracked(contractTool), ...tracked(generator).filter((input) => typeof input !== "string"), { env: "CONTRACT_BASE" }, { env: "GITHUB_BASE_REF" }],
          cache: true
        }
      }
    },
    peerDependencies: runtime.peerDependencies,
    dependencies: { [target.runtime]: `^${runtime.version}`, ajv: "8.20.0", "ajv-formats": "3.0.1", "openapi-fetch": "0.17.0" },
    // What its targets run: `dual-build` in build, `openapi-contract` in contract.
    devDependencies: { [packageBuild.manifest.name]: `^${packageBuild.manifest.version}`, [contractTool.manifest.name]: `^${contractTool.manifest.version}` }
  })
  tree.write(`${root}/README.md`, `# ${packageName}\n\nThe \`${className}\` Effect client, generated from [\`${spec}\`](${up}/${spec}) by effect-openapi: see [src/generated/README.md](src/generated/README.md)\nfor its operations and a curl line for each. Change the spec, then \`${regenerate}\` (the build does it when the spec changed).\n\n\`npx nx run ${options.name}:contract\` lints the spec, verifies the recorded traffic in [\`${fixturesFolder}\`](${fixturesFolder}) (HAR files, if any) against it, and, in CI (\`CONTRACT_BASE\`), fails on a breaking change since the base.\n`)
  const registry: Registry = tree.exists("apis.json") ? readJson<Registry>(tree, "apis.json") : { $comment: "Every client generated by effect-openapi in this workspace (nx g @effect-openapi/codegen:api adds one); `effect-openapi check` over each entry finds drift.", apis: [] }
  writeJson(tree, "apis.json", { ...registry, apis: [...registry.apis, { name: options.name, spec, out, regenerate, effect, ...(strict ? { strict } : {}), ...(overlays.length > 0 ? { overlay: overlays } : {}) }] })
}
