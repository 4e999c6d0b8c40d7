/** JSON parsing that refuses what JSON.parse would silently change: deep nesting, integers past 2^53, numbers past the doubles (table-driven). */
import { describe, expect, it } from "@effect/vitest"
import { maxJsonDepth, parseJson } from "@effect-openapi/runtime"

describe("parseJson", () => {
  it.each([
    ["an integer past 2^53 - 1", '{"id":9007199254740993}', "/id"],
    ["2^53 itself (exact, but past the safe range)", '{"id":9007199254740992}', "/id"],
    ["a negative one, in an array in an object", '{"a":[1,{"b":-9007199254740993}]}', "/a/1/b"],
    ["a number past the doubles", '{"n":1e400}', "/n"],
    ["a negative one", '{"n":[-1.5E+400]}', "/n/0"],
    ["400 digits with no exponent", `{"n":1${"0".repeat(400)}}`, "/n"],
    ["the whole body", "12345678901234567890", ""],
    ["a key with quotes, ~ and / in it", '{"k\\"~/ey":12345678901234567890}', '/k"~0~1ey'],
    ["after strings holding brackets, quotes and backslashes", '{"s":"[{\\"\\\\","t":["]",{"u":99999999999999999}]}', "/t/1/u"],
    ["with whitespace", '{ "a" : [ 1 , 2 , 99999999999999999 ] }', "/a/2"]
  ])("%s is refused at its pointer", (_name, text, pointer) => {
    const parsed = parseJson(text)
    expect(parsed).toMatchObject({ _tag: "Refused", pointer })
  })

  it.each([
    ["the largest safe integers", '{"a":9007199254740991,"b":-9007199254740991}'],
    ["floats, large or small, with exponents", '{"f":1.5e300,"g":6.02e23,"h":-1E-400,"i":0.1}'],
    ["digits in strings", '{"s":"9007199254740993 1e400 [[[["}'],
    ["exactly the maximum depth", "[".repeat(maxJsonDepth) + "]".repeat(maxJsonDepth)]
  ])("%s parse as JSON.parse does", (_name, text) => {
    expect(parseJson(text)).toEqual({ _tag: "Ok", value: JSON.parse(text) })
  })

  it(`nesting past ${maxJsonDepth} levels is refused at the first value too deep, however deep the body goes`, () => {
    const deep = parseJson("[".repeat(100_000) + "]".repeat(100_000))
    expect(deep).toEqual({ _tag: "Refused", pointer: "/0".repeat(maxJsonDepth), message: `the body is nested deeper than ${maxJsonDepth} levels` })
    const objects = parseJson('{"a":'.repeat(maxJsonDepth + 1) + "1" + "}".repeat(maxJsonDepth + 1))
    expect(objects).toMatchObject({ _tag: "Refused", pointer: "/a".repeat(maxJsonDepth) })
    expect(parseJson("[[[1]]]", 2)).toMatchObject({ _tag: "Refused", pointer: "/0/0" })
  })

  it("text that is not JSON is refused at the root", () => {
    expect(parseJson("{")).toEqual({ _tag: "Refused", pointer: "", message: "the body is not JSON" })
  })
})
