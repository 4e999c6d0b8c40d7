/** A URL in free text: scheme, optional user info, host and path, optional query and fragment. */
const url = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#"'<>]*@)?([^\s?#"'<>]*)([?#](?!<redacted>)[^\s"'<>]*)?/gi

/**
 * Strips what may be a secret from every URL in a text: the user info (`user:pass@`) and the query
 * and fragment (`?token=…`). The scheme, host, port and path stay, so a message still says where.
 */
export const stripUrlSecrets = (text: string): string =>
  text.replace(url, (_all, scheme: string, userinfo: string | undefined, rest: string, query: string | undefined) =>
    `${scheme}${userinfo === undefined ? "" : "<redacted>@"}${rest}${query === undefined ? "" : `${query[0]}<redacted>`}`
  )
