import { describe, expect, it } from "vitest"
import { writeFileSync } from "node:fs"
import * as path from "node:path"
import { diffSpecs, readSpec, ruleIds, type Finding } from "../src/index.js"
import { baseSpec, type Spec } from "./diff-spec-fixture.js"
import { tempDir } from "./har-files.js"

type Edit = (s: Spec) => void
type Row = readonly [name: string, edit: Edit, pointer: string, message: string]

const S = (s: Spec) => s.components.schemas
const op = (s: Spec, p: string, m: string) => s.paths[p][m]
const param = (s: Spec, name: string) => op(s, "/users", "get").parameters.find((p: Spec) => p.name === name)
const renameSchema = (s: Spec, from: string, to: string) => {
  S(s)[to] = S(s)[from]
  delete S(s)[from]
  const text = JSON.stringify(s).split(`"#/components/schemas/${from}"`).join(`"#/components/schemas/${to}"`)
  Object.assign(s, JSON.parse(text))
}
const to31 = (s: Spec) => {
  s.openapi = "3.1.0"
}

/** Writes both versions to real files, reads them as the CLI does, and diffs them. */
const diffOf = (edit: Edit, before: Edit = () => {}): ReadonlyArray<Finding> => {
  const dir = tempDir("diff-pair-")
  const old = baseSpec()
  before(old)
  const next = structuredClone(old)
  edit(next)
  expect(JSON.stringify(next), "the mutation changes the spec").not.toBe(JSON.stringify(old))
  writeFileSync(path.join(dir, "old.json"), JSON.stringify(old))
  writeFileSync(path.join(dir, "new.yml"), JSON.stringify(next, null, 2))
  const findings = diffSpecs(readSpec(path.join(dir, "old.json")), readSpec(path.join(dir, "new.yml"))).findings
  for (const f of findings) expect(ruleIds, `${f.rule} is a rule of the catalogue`).toContain(f.rule)
  return findings
}
const show = (fs: ReadonlyArray<Finding>) => fs.map((f) => `${f.severity} ${f.rule} ${f.pointer}: ${f.message} [${f.operations.join(", ")}]`).join("\n")

const responseBreaking: ReadonlyArray<Row> = [
  ["a property made nullable (3.0 nullable)", (s) => (S(s).Base.properties.created_at.nullable = true), "Base/properties/created_at", "made nullable in a response"],
  ["a property made nullable (3.1 type array)", (s) => (S(s).Base.properties.created_at.type = ["string", "null"]), "Base/properties/created_at", "made nullable in a response"],
  ["a type changed", (s) => (S(s).Base.properties.id = { type: "string" }), "Base/properties/id", "type changed from integer to string"],
  ["a property no longer required (inside allOf)", (s) => (S(s).User.allOf[1].required = ["role"]), "User/allOf/1/properties/name", "no longer required in a response"],
  ["a property no longer required (in the allOf'd base)", (s) => (S(s).Base.required = []), "Base/properties/id", "no longer required in a response"],
  ["a response header removed (Retry-After)", (s) => delete s.components.responses.TooManyRequests.headers["Retry-After"], "#/components/responses/TooManyRequests/headers/Retry-After", "response header Retry-After removed"],
  ["a response header retyped", (s) => (s.components.headers["Retry-After"].schema = { type: "string" }), "#/components/headers/Retry-After/schema", "type changed from integer to string"],
  ["a response header no longer required", (s) => (op(s, "/users", "get").responses["200"].headers["X-Request-Id"].required = false), "headers/X-Request-Id", "no longer required"],
  ["a removed media type", (s) => (op(s, "/users", "get").responses["200"].content = { "application/xml": op(s, "/users", "get").responses["200"].content["application/json"] }), "application~1json", "removed content type application/json"],
  ["a schema deleted under a kept media type", (s) => delete op(s, "/users/{user_id}", "get").responses["200"].content["application/json"].schema, "responses/200/content/application~1json/schema", "type no longer declared in a response"],
  ["a type changed inside an anyOf object branch", (s) => (S(s).User.allOf[1].properties.photo.anyOf[0].properties.url = { type: "integer" }), "photo/anyOf/0/properties/url", "type changed from string to integer"],
  ["a new anyOf variant", (s) => S(s).User.allOf[1].properties.photo.anyOf.push({ type: "integer" }), "photo/anyOf/2", "new variant in a response"],
  ["additionalProperties opened", (s) => (S(s).User.allOf[1].properties.meta.additionalProperties = true), "properties/meta", "additionalProperties schema removed in a response"],
  ["an array's items retyped", (s) => (S(s).User.allOf[1].properties.tags.items = { type: "integer" }), "tags/items", "type changed from string to integer"],
  ["a maximum raised", (s) => (S(s).UserList.properties.total.maximum = 100000), "UserList/properties/total", "maximum changed from 10000 to 100000 in a response"],
  ["a format removed", (s) => delete S(s).Base.properties.created_at.format, "Base/properties/created_at", "format removed in a response"],
  ["a removed operation", (s) => delete s.paths["/users/{user_id}"].delete, "#/paths/~1users~1{user_id}/delete", "removed operation DeleteUser"],
  ["a body where there was none", (s) => (op(s, "/users/{user_id}", "delete").responses["204"].content = { "application/json": { schema: { type: "object" } } }), "responses/204", "a body (application/json) where there was none"],
  ["a server base path changed", (s) => (s.servers = [{ url: "https://api.example.com/v2" }]), "#/servers", "server base path changed from /v1 to /v2"]
]

const requestBreaking: ReadonlyArray<Row> = [
  ["a query parameter's enum narrowed", (s) => (param(s, "role").schema.enum = ["admin", "agent"]), "parameters/1/schema", 'enum value no longer accepted in a request: "end-user"'],
  ["a query parameter's maxLength lowered", (s) => (param(s, "q").schema.maxLength = 100), "parameters/2/schema", "maxLength changed from 200 to 100 in a request"],
  ["a shared parameter's maximum lowered", (s) => (s.components.parameters.PageSize.schema.maximum = 50), "#/components/parameters/PageSize/schema", "maximum changed from 100 to 50 in a request"],
  ["a parameter's type changed", (s) => (param(s, "q").schema = { type: "integer" }), "parameters/2/schema", "type changed from string to integer in a request"],
  ["a new required query parameter", (s) => op(s, "/users", "get").parameters.push({ name: "tenant", in: "query", required: true, schema: { type: "string" } }), "parameters/3", "new required query parameter tenant"],
  ["a query parameter made required", (s) => (param(s, "q").required = true), "parameters/2", "query parameter q now required"],
  ["a parameter's style changed", (s) => (s.components.parameters.PageSize.style = "deepObject"), "#/components/parameters/PageSize", "style changed from form, explode to deepObject"],
  ["a removed security option", (s) => (s.security = [{ basicAuth: [] }]), "#/security", "security option bearerAuth removed"],
  ["a security scheme changed", (s) => (s.components.securitySchemes.bearerAuth = { type: "apiKey", in: "header", name: "X-Key" }), "#/components/securitySchemes/bearerAuth", "security scheme bearerAuth changed"],
  ["a security option dropped by an operation of its own", (s) => (op(s, "/users/{user_id}", "delete").security = [{ basicAuth: ["admin"] }]), "delete/security", "security option bearerAuth removed"],
  ["a body property's maximum lowered", (s) => (S(s).NewUser.properties.age.maximum = 120), "NewUser/properties/age", "maximum changed from 150 to 120 in a request"],
  ["a body property's minLength added", (s) => (S(s).NewUser.properties.name.minLength = 3), "NewUser/properties/name", "minLength added (3) in a request"],
  ["a new required body property", (s) => S(s).NewUser.required.push("email"), "NewUser/properties/email", "new required property in a request: email"],
  ["a body enum narrowed", (s) => (S(s).NewUser.properties.role.enum = ["agent", "end-user"]), "NewUser/properties/role", 'enum value no longer accepted in a request: "admin"'],
  ["a oneOf variant removed", (s) => (S(s).NewUser.properties.contact.oneOf = [{ $ref: "#/components/schemas/Email" }]), "NewUser/properties/contact", "variant no longer accepted in a request"],
  ["a `not` added", (s) => (S(s).NewUser.properties.email.not = { enum: [""] }), "NewUser/properties/email", "`not` added in a request"],
  ["nullable removed (3.0)", (s) => delete S(s).NewUser.properties.nickname.nullable, "NewUser/properties/nickname", "no longer accepts null in a request"],
  ["a nested object closed", (s) => (S(s).NewUser.properties.meta.additionalProperties = false), "NewUser/properties/meta", "additional properties now refused in a request"],
  ["a body property removed from a closed object", (s) => delete S(s).NewUser.properties.age, "NewUser/properties/age", "a client that sends age is refused"],
  ["a request media type removed", (s) => (op(s, "/users", "post").requestBody.content = { "application/x-www-form-urlencoded": { schema: { $ref: "#/components/schemas/NewUser" } } }), "requestBody/content/application~1json", "request media type application/json no longer accepted"],
]

const warnings: ReadonlyArray<Row> = [
  ["a new enum value", (s) => S(s).User.allOf[1].properties.role.enum.push("owner"), "#/components/schemas/User/allOf/1/properties/role", 'new enum value in a response: "owner"'],
  ["a removed property", (s) => delete S(s).Base.properties.created_at, "#/components/schemas/Base/properties/created_at", "removed property"],
  ["a removed query parameter", (s) => (op(s, "/users", "get").parameters = op(s, "/users", "get").parameters.filter((p: Spec) => p.name !== "role")), "parameters/1", "removed query parameter role"],
  ["a path parameter's type narrowed", (s) => (s.paths["/users/{user_id}"].parameters[0].schema = { type: "integer", format: "int64", maximum: 1000 }), "parameters/0/schema", "maximum added (1000) in a request"],
  ["a renamed query parameter (the old one is removed)", (s) => (param(s, "q").name = "query"), "parameters/2", "removed query parameter q"],
  ["an OAuth-style scope added to a security option", (s) => (op(s, "/users/{user_id}", "delete").security = [{ basicAuth: ["admin"] }, { bearerAuth: [] }]), "delete/security", "security option basicAuth now asks for basicAuth[admin]"],
  ["a response enum removed", (s) => delete S(s).User.allOf[1].properties.role.enum, "User/allOf/1/properties/role", "enum removed in a response"]
]

const typeBreaking: ReadonlyArray<Row> = [
  ["a renamed component schema", (s) => renameSchema(s, "Error", "ApiError"), "#/components/schemas/ApiError", "schema Error renamed to ApiError"],
  ["a renamed path parameter", (s) => {
    s.paths["/users/{id}"] = s.paths["/users/{user_id}"]
    delete s.paths["/users/{user_id}"]
    s.paths["/users/{id}"].parameters[0].name = "id"
  }, "/parameters/0", "path parameter renamed from user_id to id"],
  ["a removed error status (the generated error type loses it)", (s) => delete op(s, "/users/{user_id}", "get").responses["404"], "responses/404", "removed status 404"],
  ["a renamed operationId", (s) => (op(s, "/users", "get").operationId = "ListAllUsers"), "#/paths/~1users/get", "operationId renamed from ListUsers to ListAllUsers"]
]

const harmless: ReadonlyArray<readonly [string, Edit, Edit?]> = [
  ["a new optional response property", (s) => (S(s).User.allOf[1].properties.locale = { type: "string" })],
  ["a new operation", (s) => (s.paths["/users/{user_id}"].patch = { operationId: "UpdateUser", responses: { "200": { description: "ok" } } })],
  ["a new optional query parameter", (s) => op(s, "/users", "get").parameters.push({ name: "sort", in: "query", schema: { type: "string" } })],
  ["a request enum widened", (s) => S(s).NewUser.properties.role.enum.push("owner")],
  ["a request maxLength raised", (s) => (S(s).NewUser.properties.name.maxLength = 200)],
  ["a response enum narrowed", (s) => (S(s).User.allOf[1].properties.role.enum = ["admin", "agent"])],
  ["a parameter's maximum raised", (s) => (s.components.parameters.PageSize.schema.maximum = 200)],
  ["a new status", (s) => (op(s, "/users/{user_id}", "get").responses["410"] = { description: "Gone" })],
  ["a new security option", (s) => {
    s.components.securitySchemes.apiKey = { type: "apiKey", in: "header", name: "X-Key" }
    s.security.push({ apiKey: [] })
  }],
  ["a new response header", (s) => (op(s, "/users", "get").responses["200"].headers["X-Trace"] = { schema: { type: "string" } })],
  ["a required request property made optional", (s) => (S(s).NewUser.required = [])],
  ["a request property made nullable", (s) => (S(s).NewUser.properties.email.nullable = true)],
  ["a response property made required", (s) => S(s).User.allOf[1].required.push("email")],
  ["descriptions and examples everywhere", (s) => {
    S(s).User.description = "A user"
    S(s).Base.properties.id.description = "Its id"
    S(s).Base.properties.id.example = 1
    op(s, "/users", "get").summary = "List users"
  }],
  ["an inline schema moved to a component", (s) => {
    S(s).UserEnvelope = op(s, "/users/{user_id}", "get").responses["200"].content["application/json"].schema
    op(s, "/users/{user_id}", "get").responses["200"].content["application/json"].schema = { $ref: "#/components/schemas/UserEnvelope" }
  }],
  ["an allOf flattened into one object", (s) => {
    S(s).User = { type: "object", required: ["id", "name", "role"], properties: { ...S(s).Base.properties, ...S(s).User.allOf[1].properties } }
  }],
  ["a new optional request media type", (s) => (op(s, "/users", "post").requestBody.content["application/merge-patch+json"] = { schema: { type: "object" } })],
  ["the server host changed, same base path", (s) => (s.servers = [{ url: "https://eu.api.example.com/v1" }])],
  ["a response anyOf variant removed", (s) => S(s).User.allOf[1].properties.photo.anyOf.pop()],
  ["a request oneOf variant added", (s) => S(s).NewUser.properties.contact.oneOf.push({ type: "string" })],
  ["a response array's maxItems added", (s) => (S(s).User.allOf[1].properties.tags.maxItems = 10)],
  ["a response made non-nullable (3.1 type array)", (s) => (S(s).UserList.properties.next = { type: "string" }), (s) => {
    to31(s)
    S(s).UserList.properties.next = { type: ["string", "null"] }
  }],
  ["a request type array widened (3.1)", (s) => (S(s).NewUser.properties.age.type = ["integer", "string"]), to31],
  ["a security scheme's description", (s) => (s.components.securitySchemes.basicAuth.description = "Email and password")]
]

describe("diff: each mutation pair, request and response side", () => {
  it.each(responseBreaking)("response, breaking: %s", (_, edit, pointer, message) => {
    const findings = diffOf(edit)
    expect(findings.filter((f) => f.severity === "breaking" && f.pointer.includes(pointer) && f.message.includes(message)), show(findings)).toHaveLength(1)
  })

  it.each(requestBreaking)("request, breaking: %s", (_, edit, pointer, message) => {
    const findings = diffOf(edit)
    expect(findings.filter((f) => f.severity === "breaking" && f.pointer.includes(pointer) && f.message.includes(message)), show(findings)).toHaveLength(1)
  })

  it.each(warnings)("warning: %s", (_, edit, pointer, message) => {
    const findings = diffOf(edit)
    expect(findings.filter((f) => f.severity === "warning" && f.pointer.includes(pointer) && f.message.includes(message)), show(findings)).toHaveLength(1)
  })

  it.each(typeBreaking)("type-breaking, same wire: %s", (_, edit, pointer, message) => {
    const findings = diffOf(edit)
    expect(findings.filter((f) => f.severity === "type-breaking" && f.pointer.includes(pointer) && f.message.includes(message)), show(findings)).toHaveLength(1)
    expect(findings.filter((f) => f.severity === "breaking"), show(findings)).toEqual([])
  })

  it.each(harmless.map(([name, edit, before]) => [name, edit, before ?? (() => {})] as const))("harmless: %s", (_, edit, before) => {
    const findings = diffOf(edit, before)
    expect(findings.filter((f) => f.severity !== "non-breaking"), show(findings)).toEqual([])
  })

  it("holds at least 40 pairs, breaking and harmless, on both sides", () => {
    expect(responseBreaking.length + requestBreaking.length + typeBreaking.length + harmless.length).toBeGreaterThanOrEqual(40)
    expect(responseBreaking.length).toBeGreaterThanOrEqual(10)
    expect(requestBreaking.length).toBeGreaterThanOrEqual(10)
    expect(harmless.length).toBeGreaterThanOrEqual(10)
  })
})

describe("diff: one finding per change", () => {
  it("a change in a shared schema is reported once, at the schema, with every operation it reaches", () => {
    const findings = diffOf((s) => S(s).User.allOf[1].properties.role.enum.push("owner"))
    expect(findings).toEqual([
      { rule: "response-property-enum-value-added", severity: "warning", side: "response", pointer: "#/components/schemas/User/allOf/1/properties/role", message: 'new enum value in a response: "owner"', operations: ["CreateUser", "ListUsers", "ShowUser"] }
    ])
  })

  it("a shared response header removed is one finding for every operation that answers 429", () => {
    const findings = diffOf((s) => delete s.components.responses.TooManyRequests.headers["Retry-After"])
    expect(findings).toHaveLength(1)
    expect(findings[0]!.operations).toEqual(["CreateUser", "DeleteUser", "ListUsers", "ShowUser"])
  })

  it("additions are non-breaking findings, so a release tool can tell minor from patch", () => {
    const findings = diffOf((s) => (S(s).User.allOf[1].properties.locale = { type: "string" }))
    expect(findings).toEqual([expect.objectContaining({ severity: "non-breaking", message: "new property in a response", pointer: "#/components/schemas/User/allOf/1/properties/locale" })])
  })
})
