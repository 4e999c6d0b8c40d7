/**
 * Characters a terminal would not show as themselves: controls (C0, DEL, C1: `\x1b[2J` clears the
 * screen, `\r` overwrites the line), format characters (a byte order mark, zero-width spaces, bidi
 * overrides that reorder what follows), separators other than the plain space, private-use,
 * unassigned and lone surrogate code points.
 */
const invisible = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Z}]/gu

const hex4 = (unit: number) => `\\u${unit.toString(16).toUpperCase().padStart(4, "0")}`

/** One code point as JSON escapes it: `\uFEFF`, or a surrogate pair `\uDB40\uDC01` past U+FFFF. */
const escapeCodePoint = (char: string): string => {
  const cp = char.codePointAt(0)!
  if (cp <= 0xffff) return hex4(cp)
  const v = cp - 0x10000
  return hex4(0xd800 + (v >> 10)) + hex4(0xdc00 + (v & 0x3ff))
}

/**
 * Shows every character a terminal would not show as itself as a `\uXXXX` escape (the plain space
 * stays): a message quoting a file, a path or a server's words then shows what is there, on one
 * line, and cannot move the cursor, clear the screen or reorder the text.
 */
export const escapeInvisible = (text: string): string => text.replace(invisible, (char) => (char === " " ? char : escapeCodePoint(char)))

/** A text quoted for a message: JSON's quotes and escapes, and invisible characters escaped too (`"\uFEFF123"`). */
export const quote = (text: string): string => escapeInvisible(JSON.stringify(text))
