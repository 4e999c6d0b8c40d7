/**
 * A strict XML 1.0 well-formedness check for the JUnit tests. No XML parser is installed in this
 * workspace (`npm ls fast-xml-parser sax @xmldom/xmldom` is empty) and adding one is out of scope,
 * so this checks what a parser would reject: characters outside XML's Char production, unbalanced
 * or misnamed tags, unquoted or duplicate attributes, `<` in attribute values, bad entity and
 * character references, text outside the single root element. Returns the first problem, or undefined.
 *
 * @module
 */
const charOk = (cp: number) => cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
const name = /^[A-Za-z_:][-A-Za-z0-9_:.]*$/

const checkRefs = (text: string, where: number): string | undefined => {
  for (let i = text.indexOf("&"); i !== -1; i = text.indexOf("&", i + 1)) {
    const m = /^&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/.exec(text.slice(i, i + 12))
    if (m === null) return `bad reference at ${where + i}`
    if (m[2] !== undefined || m[3] !== undefined) {
      const cp = m[2] !== undefined ? Number(m[2]) : parseInt(m[3]!, 16)
      if (!charOk(cp)) return `reference to a character XML forbids (${cp}) at ${where + i}`
    }
  }
  return undefined
}

/** The first well-formedness error of an XML document, or `undefined` when it is well-formed. */
export const xmlWellFormednessError = (xml: string): string | undefined => {
  for (let i = 0; i < xml.length; i++) {
    const cp = xml.codePointAt(i)!
    if (cp > 0xffff) i++
    else if (cp >= 0xd800 && cp <= 0xdfff) return `lone surrogate at ${i}`
    if (!charOk(cp)) return `character U+${cp.toString(16).padStart(4, "0")} at ${i}`
  }
  let i = 0
  const decl = /^<\?xml version="1\.0"( encoding="[A-Za-z0-9._-]+")?\?>/.exec(xml)
  if (decl !== null) i = decl[0].length
  const stack: Array<string> = []
  let roots = 0
  while (i < xml.length) {
    const lt = xml.indexOf("<", i)
    const text = xml.slice(i, lt === -1 ? xml.length : lt)
    if (stack.length === 0 && text.trim() !== "") return `text outside the root element at ${i}`
    if (text.includes("]]>")) return `]]> in text at ${i}`
    const refError = checkRefs(text, i)
    if (refError !== undefined) return refError
    if (lt === -1) break
    const gt = xml.indexOf(">", lt)
    if (gt === -1) return `unterminated tag at ${lt}`
    const tag = xml.slice(lt + 1, gt)
    if (tag.startsWith("/")) {
      const closing = tag.slice(1).trim()
      if (stack.pop() !== closing) return `mismatched </${closing}> at ${lt}`
    } else {
      const selfClosing = tag.endsWith("/")
      const body = selfClosing ? tag.slice(0, -1) : tag
      const m = /^([^\s/>]+)((?:\s+[^\s=]+\s*=\s*"[^"]*")*)\s*$/.exec(body)
      if (m === null) return `malformed tag at ${lt}: <${tag.slice(0, 40)}>`
      if (!name.test(m[1]!)) return `bad element name ${m[1]} at ${lt}`
      const seen = new Set<string>()
      for (const a of m[2]!.matchAll(/([^\s=]+)\s*=\s*"([^"]*)"/g)) {
        if (!name.test(a[1]!)) return `bad attribute name ${a[1]} at ${lt}`
        if (seen.has(a[1]!)) return `duplicate attribute ${a[1]} at ${lt}`
        seen.add(a[1]!)
        if (a[2]!.includes("<")) return `< in an attribute value at ${lt}`
        const e = checkRefs(a[2]!, lt)
        if (e !== undefined) return e
      }
      if (stack.length === 0) roots++
      if (roots > 1) return `a second root element at ${lt}`
      if (!selfClosing) stack.push(m[1]!)
    }
    i = gt + 1
  }
  if (stack.length > 0) return `unclosed <${stack[stack.length - 1]}>`
  return roots === 1 ? undefined : "no root element"
}
