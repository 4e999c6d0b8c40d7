/**
 * Where a `node:http` request goes, as the options `http.request` takes (what `urlToHttpOptions`
 * makes of a `URL`), without parsing the whole URL each time: the origin is parsed once and kept, and
 * a path that the WHATWG parser would leave as it is (no dot segment, nothing it would escape or
 * rewrite) is taken as it is. Any other URL is parsed, as `http.request` would.
 *
 * @internal
 * @module
 */

/** The part of `http.request`'s options that says where a request goes. */
export interface RequestTarget {
  /** `http:` or `https:`. */
  readonly protocol: string
  /** The host name, an IPv6 address without its brackets. */
  readonly hostname: string
  /** The port, when the URL names one other than its scheme's. */
  readonly port: number | undefined
  /** The path and query. */
  readonly path: string
  /** `user:password`, decoded, when the URL carries them. */
  readonly auth: string | undefined
}

/** What `urlToHttpOptions` takes of a URL (without the fields `http.request` does not read). */
const fromUrl = (url: URL): RequestTarget => ({
  protocol: url.protocol,
  hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
  port: url.port === "" ? undefined : Number(url.port),
  path: `${url.pathname}${url.search}`,
  auth: url.username !== "" || url.password !== "" ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined
})

/** An origin with nothing to normalise but case: scheme, a name or IPv4 address, a port. */
const plainOrigin = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$/i

/**
 * A path and query the URL parser keeps byte for byte: characters it neither escapes nor reads
 * (no space, quote, `<`, `>`, backslash, `#`, `'`, braces, non-ASCII...), and no `.`/`%2e` segment.
 */
const plainPath = /^\/[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*$/
const dotSegment = /\/(?:\.|%2e)/i

/** A cache of parsed origins: a transport talks to a handful; past `maxOrigins` it starts over. */
const maxOrigins = 64

/** Turns URLs into request targets, each origin parsed once. Throws what `new URL` throws for a URL that is not one. */
export const makeRequestTargets = (): ((url: string) => RequestTarget) => {
  const origins = new Map<string, RequestTarget>()
  return (url) => {
    const slash = url.indexOf("/", url.indexOf("//") + 2)
    const origin = slash < 0 ? url : url.slice(0, slash)
    const path = slash < 0 ? "/" : url.slice(slash)
    const query = path.indexOf("?")
    if (!plainOrigin.test(origin) || !plainPath.test(path) || dotSegment.test(query < 0 ? path : path.slice(0, query))) return fromUrl(new URL(url))
    let known = origins.get(origin)
    if (known === undefined) {
      if (origins.size >= maxOrigins) origins.clear()
      known = fromUrl(new URL(origin))
      origins.set(origin, known)
    }
    return { protocol: known.protocol, hostname: known.hostname, port: known.port, path, auth: undefined }
  }
}
