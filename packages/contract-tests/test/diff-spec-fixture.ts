/** A small OpenAPI 3.0 spec for the diff tests: requests and responses, shared components, allOf, anyOf, oneOf, not, nullable, security, servers. */
/* eslint-disable @typescript-eslint/no-explicit-any */
export type Spec = any

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const tooMany = { $ref: "#/components/responses/TooManyRequests" }

/** A fresh copy of the base spec. */
export const baseSpec = (): Spec => ({
  openapi: "3.0.3",
  info: { title: "Users", version: "1.0.0" },
  servers: [{ url: "https://api.example.com/v1" }],
  security: [{ basicAuth: [] }, { bearerAuth: [] }],
  paths: {
    "/users": {
      get: {
        operationId: "ListUsers",
        parameters: [
          { $ref: "#/components/parameters/PageSize" },
          { name: "role", in: "query", schema: { type: "string", enum: ["admin", "agent", "end-user"] } },
          { name: "q", in: "query", schema: { type: "string", maxLength: 200 } }
        ],
        responses: {
          "200": {
            description: "A page",
            headers: { "X-Request-Id": { required: true, schema: { type: "string" } } },
            content: { "application/json": { schema: ref("UserList") } }
          },
          "429": tooMany
        }
      },
      post: {
        operationId: "CreateUser",
        requestBody: { required: true, content: { "application/json": { schema: ref("NewUser") } } },
        responses: { "201": { description: "Created", content: { "application/json": { schema: ref("User") } } }, "429": tooMany }
      }
    },
    "/users/{user_id}": {
      parameters: [{ name: "user_id", in: "path", required: true, schema: { type: "integer", format: "int64" } }],
      get: {
        operationId: "ShowUser",
        responses: {
          "200": { description: "A user", content: { "application/json": { schema: { type: "object", required: ["user"], properties: { user: ref("User") } } } } },
          "404": { description: "No such user", content: { "application/json": { schema: ref("Error") } } },
          "429": tooMany
        }
      },
      delete: { operationId: "DeleteUser", responses: { "204": { description: "Deleted" }, "429": tooMany } }
    }
  },
  components: {
    parameters: { PageSize: { name: "page[size]", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } } },
    headers: { "Retry-After": { required: true, schema: { type: "integer" } } },
    responses: {
      TooManyRequests: { description: "Slow down", headers: { "Retry-After": { $ref: "#/components/headers/Retry-After" } }, content: { "application/json": { schema: ref("Error") } } }
    },
    securitySchemes: { basicAuth: { type: "http", scheme: "basic" }, bearerAuth: { type: "http", scheme: "bearer" } },
    schemas: {
      Base: { type: "object", required: ["id"], properties: { id: { type: "integer", format: "int64" }, created_at: { type: "string", format: "date-time" } } },
      User: {
        allOf: [
          ref("Base"),
          {
            type: "object",
            required: ["name", "role"],
            properties: {
              name: { type: "string" },
              email: { type: "string", nullable: true, format: "email" },
              role: { type: "string", enum: ["admin", "agent", "end-user"] },
              tags: { type: "array", items: { type: "string" } },
              meta: { type: "object", additionalProperties: { type: "string" } },
              photo: { anyOf: [{ type: "object", required: ["url"], properties: { url: { type: "string" } } }, { type: "string" }] }
            }
          }
        ]
      },
      UserList: { type: "object", required: ["users"], properties: { users: { type: "array", items: ref("User") }, total: { type: "integer", minimum: 0, maximum: 10000 }, next: { type: "string", nullable: true } } },
      NewUser: {
        type: "object",
        required: ["name"],
        additionalProperties: false,
        properties: {
          name: { type: "string", maxLength: 100 },
          email: { type: "string" },
          nickname: { type: "string", nullable: true },
          role: { type: "string", enum: ["admin", "agent", "end-user"] },
          age: { type: "integer", minimum: 0, maximum: 150 },
          meta: { type: "object" },
          contact: { oneOf: [ref("Email"), ref("Phone")] }
        }
      },
      Email: { type: "object", required: ["email"], properties: { email: { type: "string" } } },
      Phone: { type: "object", required: ["phone"], properties: { phone: { type: "string" } } },
      Error: { type: "object", required: ["error"], properties: { error: { type: "string" }, details: { type: "string" } } }
    }
  }
})
