/** The generated Postman collection of the Deleted Users API, imported and run by newman against the simulator. */
import { start } from "@deleted-users/simulator"
import { readFile } from "node:fs/promises"
import * as path from "node:path"
import newman from "newman"
import { describe, expect, it } from "vitest"

const root = path.resolve(import.meta.dirname, "../../..")

const runCollection = (collection: object, envVar: Array<{ key: string; value: string }>) =>
  new Promise<ReadonlyArray<newman.NewmanRunExecution>>((resolve, reject) =>
    newman.run({ collection, envVar, reporters: [], timeoutRequest: 10_000 }, (error, summary) => (error === null ? resolve(summary.run.executions) : reject(error)))
  )

const body = (execution: newman.NewmanRunExecution | undefined): { [key: string]: any } => JSON.parse(execution?.response?.text() ?? "null")

describe("the generated Postman collection (v2.1)", () => {
  it("has a folder per tag, one request per operation, and base URL and credentials as collection variables", async () => {
    const collection = JSON.parse(await readFile(path.join(root, "packages/effect-client/src/generated/postman-collection.json"), "utf8"))
    expect(collection.info.schema).toBe("https://schema.getpostman.com/json/collection/v2.1.0/collection.json")
    expect(collection.item.map((folder: { name: string }) => folder.name)).toEqual(["Users"])
    expect(collection.item[0].item).toHaveLength(4)
    const variables = collection.variable.map((v: { key: string }) => v.key)
    expect(variables).toEqual(expect.arrayContaining(["baseUrl", "deleted_user_id"]))
    expect(JSON.stringify(collection.auth)).toContain("{{basicAuthPassword}}")
  })

  it("newman imports it and runs list, count, show and permanent delete against the simulator", async () => {
    const sim = await start({ users: 30, seed: 5 })
    try {
      const id = sim.state.idsWhere("soft-deleted")[0]!
      const collection = JSON.parse(await readFile(path.join(root, "packages/effect-client/src/generated/postman-collection.json"), "utf8"))
      const executions = await runCollection(collection, [
        { key: "baseUrl", value: sim.url },
        { key: "basicAuthUsername", value: "admin@example.com/token" },
        { key: "basicAuthPassword", value: "sim-api-token" },
        { key: "deleted_user_id", value: String(id) }
      ])
      const byName = Object.fromEntries(executions.map((e) => [e.item.name, e]))
      expect(Object.keys(byName).sort()).toEqual(["Count deleted users", "List deleted users", "Permanently delete a user", "Show a deleted user"])
      for (const execution of executions) expect(execution.response?.code, execution.item.name).toBe(200)
      expect(body(byName["Count deleted users"]).count.value).toBeGreaterThan(0)
      expect(body(byName["Show a deleted user"]).deleted_user.id).toBe(id)
      expect(byName["Permanently delete a user"]!.request.method).toBe("DELETE")
      expect(sim.state.purges.get(id)).toBe(1)
    } finally {
      await sim.close()
    }
  })
})
