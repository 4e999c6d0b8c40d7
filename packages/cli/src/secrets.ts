/**
 * A URL in free text: scheme, optional user info, host and path, optional query and fragment. The
 * user info runs to the last `@` before the query, the fragment or the end of the URL, whatever it
 * holds (a password may have a `/` or a `:`): a URL that only seems to have a path with an `@` in it
 * loses its host too, which costs a message its where, never a secret.
 */
const url = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s?#"'<>]*@)?([^\s?#"'<>]*)([?#](?!<redacted>)[^\s"'<>]*)?/gi

/**
 * Strips what may be a secret from every URL in a text: the user info (`user:pass@`) and the query
 * and fragment (`?token=…`). The scheme, host, port and path stay, so a message still says where.
 */
export const stripUrlSecrets = (text: string): string =>
  text.replace(url, (_all, scheme: string, userinfo: string | undefined, rest: string, query: string | undefined) =>
    `${scheme}${userinfo === undefined ? "" : "<redacted>@"}${rest}${query === undefined ? "" : `${query[0]}<redacted>`}`
  )

/** Shorter secrets are not looked for: redacting every `abc` would garble the message more than it hides. */
const shortest = 4

/**
 * The forms in which the credentials of the environment could come back in a text (a hostile or
 * broken server echoing the request): each secret as is, URL-encoded and JSON-escaped, and the
 * `Authorization` value built from it (`Basic base64(email/token:token)`), longest first.
 */
const credentialForms = (env: Readonly<Record<string, string | undefined>>): ReadonlyArray<string> => {
  const email = env.ZENDESK_EMAIL ?? ""
  const token = env.ZENDESK_API_TOKEN
  const password = env.ZENDESK_PASSWORD
  const forms = new Set<string>()
  for (const secret of [token, password, env.ZENDESK_OAUTH_TOKEN]) {
    if (secret === undefined || secret.length < shortest) continue
    forms.add(secret)
    forms.add(encodeURIComponent(secret))
    forms.add(JSON.stringify(secret).slice(1, -1))
  }
  if (token !== undefined && token !== "") forms.add(Buffer.from(`${email}/token:${token}`).toString("base64"))
  if (password !== undefined && password !== "") forms.add(Buffer.from(`${email}:${password}`).toString("base64"))
  return [...forms].filter((form) => form.length >= shortest).sort((a, b) => b.length - a.length)
}

/**
 * Replaces with `<redacted>` every credential of the environment (`ZENDESK_API_TOKEN`,
 * `ZENDESK_PASSWORD`, `ZENDESK_OAUTH_TOKEN`, and the `Authorization` values made from them) found in
 * a text, as a server that echoes the request back in an error would show them. Secrets shorter than
 * 4 characters are not looked for.
 */
export const redactCredentials = (text: string, env: Readonly<Record<string, string | undefined>> = process.env): string => {
  let redacted = text
  for (const form of credentialForms(env)) redacted = redacted.split(form).join("<redacted>")
  return redacted
}
