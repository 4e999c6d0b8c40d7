/**
 * Opaque cursors shaped like Zendesk's: standard base64 that always holds `+`, `/` and `=`, so a
 * client that forgets to percent-encode them breaks here as it would against Zendesk.
 */
const marker = [0xfb, 0xef, 0xbe, 0xff, 0xff, 0xff] // "++++////" in base64
const size = 16 // 16 bytes: base64 ends in "=="

/** Encodes the id a page ends (after) or starts (before) at. */
export const encodeCursor = (direction: "after" | "before", id: number): string => {
  const bytes = Buffer.alloc(size)
  Buffer.from(marker).copy(bytes, 0)
  bytes[6] = direction === "after" ? 0x61 : 0x62
  bytes.writeBigUInt64BE(BigInt(id), 7)
  bytes[15] = checksum(bytes)
  return bytes.toString("base64")
}

const checksum = (bytes: Buffer) => {
  let sum = 0x5a
  for (let i = 0; i < 15; i++) sum = (sum * 31 + bytes[i]!) & 0xff
  return sum
}

/** Decodes a cursor, or `undefined` when it is not one of ours (Zendesk answers 400). */
export const decodeCursor = (cursor: string, direction: "after" | "before"): number | undefined => {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(cursor)) return undefined
  const bytes = Buffer.from(cursor, "base64")
  if (bytes.length !== size || bytes[15] !== checksum(bytes)) return undefined
  if (bytes[6] !== (direction === "after" ? 0x61 : 0x62)) return undefined
  return Number(bytes.readBigUInt64BE(7))
}
