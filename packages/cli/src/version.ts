/** Written into the bundled command by bundle-bin from package.json (a release bumps it); the unbundled build has none. */
declare const __PACKAGE_VERSION__: string | undefined

/** The command's version (`--version`, and the `service.version` of exported telemetry). */
export const packageVersion: string = typeof __PACKAGE_VERSION__ === "string" ? __PACKAGE_VERSION__ : "0.0.0-unbundled"
