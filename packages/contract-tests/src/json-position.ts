/**
 * Where a JSON text stops being JSON: `JSON.parse` says so only for some errors (and quotes the
 * whole text for others), so a small scanner finds the offset, then its line and column.
 *
 * @module
 */

/** A position in a text: 0-based offset, 1-based line and column. */
export interface TextPosition {
  /** Characters from the start, from 0. */
  readonly offset: number
  /** The line, from 1. */
  readonly line: number
  /** The column, from 1. */
  readonly column: number
}

const ws = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

/** The offset of the first error in a JSON text, or `undefined` when it is valid JSON. */
export const jsonErrorOffset = (text: string): number | undefined => {
  let i = 0
  const skip = () => {
    while (i < text.length && ws(text.charCodeAt(i))) i++
  }
  const fail = (): never => {
    throw i
  }
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) fail()
  }
  const string = () => {
    i++ // the opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i)
      if (c === 0x22) return void i++
      if (c < 0x20) fail()
      if (c === 0x5c) {
        i++
        const e = text[i]
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail()
          i += 5
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++
        else fail()
      } else i++
    }
    fail()
  }
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400))
    if (m === null || m[0] === "" || m[0] === "-") fail()
    i += m![0].length
  }
  const value = (depth: number): void => {
    if (depth > 5_000) fail()
    skip()
    const c = text[i]
    if (c === "{") {
      i++
      skip()
      if (text[i] === "}") return void i++
      for (;;) {
        skip()
        if (text[i] !== '"') fail()
        string()
        skip()
        if (text[i] !== ":") fail()
        i++
        value(depth + 1)
        skip()
        if (text[i] === ",") i++
        else if (text[i] === "}") return void i++
        else fail()
      }
    }
    if (c === "[") {
      i++
      skip()
      if (text[i] === "]") return void i++
      for (;;) {
        value(depth + 1)
        skip()
        if (text[i] === ",") i++
        else if (text[i] === "]") return void i++
        else fail()
      }
    }
    if (c === '"') return string()
    if (c === "t") return literal("true")
    if (c === "f") return literal("false")
    if (c === "n") return literal("null")
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return number()
    fail()
  }
  try {
    value(0)
    skip()
    return i < text.length ? i : undefined
  } catch (at) {
    if (typeof at === "number") return Math.min(at, text.length)
    throw at
  }
}

/** The line and column of an offset. */
export const positionOf = (text: string, offset: number): TextPosition => {
  let line = 1
  let lineStart = 0
  for (let k = text.indexOf("\n"); k !== -1 && k < offset; k = text.indexOf("\n", k + 1)) {
    line++
    lineStart = k + 1
  }
  return { offset, line, column: offset - lineStart + 1 }
}
