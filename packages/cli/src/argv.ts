/** Options of the root command, with whether each takes a value. */
const globalOptions: ReadonlyMap<string, boolean> = new Map([
  ["--quiet", false],
  ["--subdomain", true],
  ["--base-url", true],
  ["--rate-limit", true],
  ["--rate-limit-store", true],
  ["--otlp-endpoint", true]
])

/**
 * Moves the root command's options to before the subcommand, wherever they were typed (but after a
 * `--`), so `purge --from f --yes --quiet` means `--quiet`, not an id named "--quiet".
 */
export const hoistGlobalOptions = (argv: ReadonlyArray<string>): Array<string> => {
  const [node, script, ...rest] = argv
  const hoisted: Array<string> = []
  const others: Array<string> = []
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!
    if (arg === "--") {
      others.push(...rest.slice(i))
      break
    }
    const name = arg.includes("=") ? arg.slice(0, arg.indexOf("=")) : arg
    const takesValue = globalOptions.get(name)
    if (takesValue === undefined) others.push(arg)
    else if (takesValue && !arg.includes("=") && i + 1 < rest.length) hoisted.push(arg, rest[++i]!)
    else hoisted.push(arg)
  }
  return [node ?? "node", script ?? "deleted-users", ...hoisted, ...others]
}
