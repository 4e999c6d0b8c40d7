/** Request encoding, by each parameter style and body kind (table-driven). */
import { describe, expect, it } from "vitest"
import { buildUrl, encodeBody, isHeaderName, isHeaderValue, parameterHeaders, unsafePathParameter, type OperationSpec, type ParameterSpec } from "@effect-openapi/runtime-core"

const op = (path: string, parameters: ReadonlyArray<ParameterSpec>): OperationSpec => ({ id: "op", method: "get", path, parameters, responses: {}, security: [] })

describe("buildUrl", () => {
  it.each([
    ["simple path value, percent-encoded", op("/u/{id}", [{ name: "id", in: "path" }]), { path: { id: "a b/c" } }, "/u/a%20b%2Fc"],
    ["simple path array", op("/u/{ids}", [{ name: "ids", in: "path" }]), { path: { ids: [1, 2] } }, "/u/1,2"],
    ["label path", op("/u/{id}", [{ name: "id", in: "path", style: "label" }]), { path: { id: 5 } }, "/u/.5"],
    ["matrix path, exploded array", op("/u/{id}", [{ name: "id", in: "path", style: "matrix", explode: true }]), { path: { id: [1, 2] } }, "/u/;id=1;id=2"],
    ["form query, exploded array (the default)", op("/q", [{ name: "t", in: "query" }]), { query: { t: ["x", "y"] } }, "/q?t=x&t=y"],
    ["form query, array not exploded", op("/q", [{ name: "t", in: "query", explode: false }]), { query: { t: ["x", "y"] } }, "/q?t=x%2Cy"],
    ["pipeDelimited query", op("/q", [{ name: "t", in: "query", style: "pipeDelimited", explode: false }]), { query: { t: ["x", "y"] } }, "/q?t=x%7Cy"],
    ["deepObject query", op("/q", [{ name: "f", in: "query", style: "deepObject", explode: true }]), { query: { f: { a: 1, b: "two" } } }, "/q?f%5Ba%5D=1&f%5Bb%5D=two"],
    ["bracketed names and opaque cursors are percent-encoded", op("/q", [{ name: "page[after]", in: "query" }]), { query: { "page[after]": "a+b/c=" } }, "/q?page%5Bafter%5D=a%2Bb%2Fc%3D"],
    ["an undefined query value is left out", op("/q", [{ name: "a", in: "query" }, { name: "b", in: "query" }]), { query: { a: undefined, b: 1 } }, "/q?b=1"],
    ["a JSON-content query parameter", op("/q", [{ name: "j", in: "query", json: true }]), { query: { j: { a: [1] } } }, "/q?j=%7B%22a%22%3A%5B1%5D%7D"],
    ["a date is ISO 8601", op("/q", [{ name: "d", in: "query" }]), { query: { d: new Date(Date.UTC(2024, 0, 2)) } }, "/q?d=2024-01-02T00%3A00%3A00.000Z"],
    ["a parameter used twice is substituted twice", op("/u/{id}/v/{id}", [{ name: "id", in: "path" }]), { path: { id: 7 } }, "/u/7/v/7"],
    ["a name that starts another's", op("/u/{id}/{idx}", [{ name: "id", in: "path" }, { name: "idx", in: "path" }]), { path: { id: 1, idx: 2 } }, "/u/1/2"],
    ["two parameters in one segment", op("/a/{x}-{y}.json", [{ name: "x", in: "path" }, { name: "y", in: "path" }]), { path: { x: "p", y: "q" } }, "/a/p-q.json"],
    ["an undeclared {name} stays as it is", op("/u/{id}/{other}", [{ name: "id", in: "path" }]), { path: { id: 1 } }, "/u/1/{other}"],
    ["a value holding a {name} is encoded, not substituted again", op("/u/{a}/{b}", [{ name: "a", in: "path" }, { name: "b", in: "path" }]), { path: { a: "{b}", b: "x" } }, "/u/%7Bb%7D/x"],
    ["path and query together, query after", op("/u/{id}", [{ name: "q", in: "query" }, { name: "id", in: "path" }]), { path: { id: 3 }, query: { q: "s" } }, "/u/3?q=s"]
  ] as const)("%s", (_name, operation, input, expected) => {
    expect(buildUrl("http://h", operation, input)).toBe(`http://h${expected}`)
  })

  it("puts the extra query (an API key) after the parameters", () => {
    expect(buildUrl("http://h", op("/q", [{ name: "a", in: "query" }]), { query: { a: 1 } }, [["key", "k&1"]])).toBe("http://h/q?a=1&key=k%261")
    expect(buildUrl("http://h", op("/q", []), {}, [["key", "k"]])).toBe("http://h/q?key=k")
  })
})

describe("header and cookie parameters", () => {
  it("writes headers in lower case, arrays comma-joined, cookies into one Cookie header", () => {
    const headers: Record<string, string> = {}
    parameterHeaders(op("/", [{ name: "X-Trace", in: "header" }, { name: "X-Tags", in: "header" }, { name: "session", in: "cookie" }, { name: "pref", in: "cookie" }]), { headers: { "X-Trace": "t1", "X-Tags": ["a", "b"] }, cookies: { session: "s 1", pref: "dark" } }, headers)
    expect(headers).toEqual({ "x-trace": "t1", "x-tags": "a,b", cookie: "session=s%201; pref=dark" })
  })
})

describe("encodeBody", () => {
  it.each([
    ["json", "application/json", { a: [1, "x"] }, '{"a":[1,"x"]}'],
    ["json", "application/problem+json", null, "null"],
    ["form", "application/x-www-form-urlencoded", { a: "1 2", b: ["x", "y"], c: undefined }, "a=1+2&b=x&b=y"],
    ["form", "application/x-www-form-urlencoded", new URLSearchParams("z=1"), "z=1"],
    ["text", "text/plain", "hello", "hello"]
  ] as const)("%s as %s", (kind, mediaType, value, expected) => {
    expect(encodeBody(kind, mediaType, value)).toEqual({ contentType: mediaType, body: expected })
  })

  it("bytes go as they are; a Blob is read", async () => {
    expect(encodeBody("binary", "application/octet-stream", new Uint8Array([1, 2]))).toEqual({ contentType: "application/octet-stream", body: new Uint8Array([1, 2]) })
    expect(await encodeBody("binary", "application/octet-stream", new Blob([new Uint8Array([3])]))).toEqual({ contentType: "application/octet-stream", body: new Uint8Array([3]) })
  })

  it("multipart carries its boundary in the content type, and every part", async () => {
    const encoded = await encodeBody("multipart", "multipart/form-data", { title: "t", tags: ["a", "b"], file: new Blob(["xyz"]) })
    expect(encoded.contentType).toMatch(/^multipart\/form-data; boundary=/)
    const form = await new Response(encoded.body as BodyInit, { headers: { "content-type": encoded.contentType } }).formData()
    expect(form.get("title")).toBe("t")
    expect(form.getAll("tags")).toEqual(["a", "b"])
    expect(await (form.get("file") as Blob).text()).toBe("xyz")
  })
})

describe("unsafePathParameter", () => {
  it.each([
    ["..", op("/things/{name}", [{ name: "name", in: "path" }]), { path: { name: ".." } }, "name"],
    [".", op("/things/{name}", [{ name: "name", in: "path" }]), { path: { name: "." } }, "name"],
    ["empty", op("/things/{name}", [{ name: "name", in: "path" }]), { path: { name: "" } }, "name"],
    ["missing", op("/things/{name}", [{ name: "name", in: "path" }]), { path: {} }, "name"],
    ["a label value of '.' makes '..'", op("/things/{id}", [{ name: "id", in: "path", style: "label" }]), { path: { id: "." } }, "id"],
    ["two parameters that make '..' together", op("/a/{x}{y}/b", [{ name: "x", in: "path" }, { name: "y", in: "path" }]), { path: { x: ".", y: "." } }, "x"],
    ["'...' is a name", op("/things/{name}", [{ name: "name", in: "path" }]), { path: { name: "..." } }, undefined],
    ["'a.b' is a name", op("/things/{name}", [{ name: "name", in: "path" }]), { path: { name: "a.b" } }, undefined],
    ["'%2e%2e' is sent encoded (%252e%252e)", op("/things/{name}", [{ name: "name", in: "path" }]), { path: { name: "%2e%2e" } }, undefined],
    ["'..' inside a segment", op("/things/{name}.json", [{ name: "name", in: "path" }]), { path: { name: ".." } }, undefined],
    ["a matrix value", op("/things/{id}", [{ name: "id", in: "path", style: "matrix" }]), { path: { id: ".." } }, undefined],
    ["no path parameter", op("/things", []), {}, undefined],
    ["an undeclared {name} counts as empty", op("/things/{other}", []), {}, "other"],
    ["the second of two segments", op("/a/{x}/{y}", [{ name: "x", in: "path" }, { name: "y", in: "path" }]), { path: { x: "ok", y: ".." } }, "y"],
    ["a segment of '.' from one value and an empty one", op("/a/{x}{y}", [{ name: "x", in: "path" }, { name: "y", in: "path" }]), { path: { x: ".", y: "" } }, "x"]
  ] as const)("%s", (_name, operation, input, expected) => {
    expect(unsafePathParameter(operation, input)).toBe(expected)
  })
})

describe("header values and names", () => {
  it.each([
    ["plain", "abc 1/2;q=0.5", true],
    ["a tab", "a\tb", true],
    ["Latin-1 (obs-text)", "caf\u00e9", true],
    ["CR LF", "a\r\nInjected: 1", false],
    ["LF", "a\nb", false],
    ["NUL", "a\u0000b", false],
    ["DEL", "a\u007fb", false],
    ["past Latin-1", "\u20ac", false]
  ] as const)("value: %s", (_name, value, ok) => {
    expect(isHeaderValue(value)).toBe(ok)
  })

  it("names are RFC 9110 tokens", () => {
    expect(["x-api-key", "X_Trace", "a!#$%&'*+.^`|~9"].every(isHeaderName)).toBe(true)
    expect(["", "x bad", "x:y", "x\ny", "\u00e9"].some(isHeaderName)).toBe(false)
  })
})
