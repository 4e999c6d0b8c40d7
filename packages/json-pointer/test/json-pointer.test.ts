import { describe, expect, it } from "vitest"
import { append, escapeToken, unescapeFragmentToken, unescapeToken } from "@effect-openapi/json-pointer"

describe("JSON pointers (RFC 6901)", () => {
  it("escapes ~ before /, so each token reads back as written", () => {
    expect(escapeToken("a/b~c")).toBe("a~1b~0c")
    expect(escapeToken("~1")).toBe("~01")
    expect(escapeToken(3)).toBe("3")
    for (const token of ["a/b~c", "~1", "~01", "/", "~", "", "plain", "~~//"]) expect(unescapeToken(escapeToken(token))).toBe(token)
  })

  it("unescapes ~1 before ~0 (RFC 6901 §4): ~01 is ~1, not /", () => {
    expect(unescapeToken("~01")).toBe("~1")
    expect(unescapeToken("a~1b~0c")).toBe("a/b~c")
  })

  it("appends tokens, escaping each", () => {
    expect(append("#/paths", "/pets/{id}", "get")).toBe("#/paths/~1pets~1{id}/get")
    expect(append("", "items", 0, "a~b")).toBe("/items/0/a~0b")
    expect(append("/x")).toBe("/x")
  })

  it("reads a URI fragment's tokens: percent-decoded, then unescaped; a malformed escape as written", () => {
    expect(unescapeFragmentToken("~1pets~1%7Bid%7D")).toBe("/pets/{id}")
    expect(unescapeFragmentToken("100%")).toBe("100%")
    expect(unescapeFragmentToken("%7E1")).toBe("/")
  })
})
