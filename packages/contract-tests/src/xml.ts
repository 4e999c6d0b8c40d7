/**
 * Text that is always well-formed XML 1.0: markup characters escaped, and characters XML cannot
 * hold at all (C0 controls but tab, newline and return; lone surrogates; U+FFFE/U+FFFF) written
 * visibly as `\uXXXX` instead of breaking the file.
 *
 * @module
 */

// With the `u` flag a lone surrogate is one code point outside every allowed range.
const notXmlChar = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu
const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`

/** Escapes text for element content. */
export const xmlText = (s: string): string => s.replace(notXmlChar, hex).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

/** Escapes text for a double-quoted attribute value; tabs and line breaks are kept as character references (parsers would fold them to spaces). */
export const xmlAttribute = (s: string): string =>
  xmlText(s).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;")
