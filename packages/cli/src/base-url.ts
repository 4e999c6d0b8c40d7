import { domainToUnicode } from "node:url"
import { stripUrlSecrets } from "./secrets.js"
import { escapeInvisible } from "./text.js"

/**
 * What is wrong with a base URL as typed (`--base-url` or `ZENDESK_BASE_URL`), checked before it is
 * parsed, or undefined. A URL parser changes some texts silently: it drops tabs, new lines and
 * leading or trailing spaces (`http://127.0.0.1:80\t81` goes to port 8081), an empty query or
 * fragment (`https://acme.zendesk.com/?`), and reads `user:pass@` as credentials for any host, even
 * when a `/` in the password makes the text no URL at all. The credentials would then go where the
 * text does not say, or be printed in the message. So a base URL must have no space, control or
 * invisible character, no `@`, and no `?` or `#`: where the credentials go is exactly what was typed.
 * The message never shows the user info; a query is shown as `?<redacted>`.
 */
export const baseUrlProblem = (text: string): string | undefined => {
  const odd = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Z}]/u.exec(text)
  if (odd !== null) {
    return `A base URL must not have spaces or control or invisible characters (a URL parser drops some silently), got ${odd[0] === " " ? "a space" : escapeInvisible(odd[0])} at character ${odd.index + 1}`
  }
  if (text.includes("@")) {
    return "A base URL must not carry credentials (user:password@); use the ZENDESK_* credential variables"
  }
  if (/[?#]/.test(text)) {
    return `A base URL must not have a query or fragment (credentials go in the ZENDESK_* variables), got ${stripUrlSecrets(text)}`
  }
  return undefined
}

/**
 * A host name label `xn--…` that is not punycode, if any: it names no host. (Node 20's URL refused
 * such a host; Node 24's takes it, and the request would go out to a name no resolver has.)
 */
export const badPunycodeLabel = (host: string): string | undefined =>
  host.split(".").find((label) => /^xn--/i.test(label) && /^xn--/i.test(domainToUnicode(label)))
