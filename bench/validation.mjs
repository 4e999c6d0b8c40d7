// Run-time validation per 100-user page against JSON.parse alone.
import { start } from "@deleted-users/simulator"
import { operationSpecs } from "@deleted-users/effect-client/generated"

// The generated validator of ListDeletedUsers' 200 body (compiled at generation time).
const check = operationSpecs.listDeletedUsers.responses["200"].content[0].validate
const validate = (_name, body) => (check(body) ? undefined : check.errors)
import { timeInterleaved } from "./stats.mjs"

export const validation = async ({ ms = 2000 } = {}) => {
  const sim = await start({ users: 200, seed: 3, softDeletedShare: 0.85, purgedShare: 0.15 })
  let body
  try {
    const res = await fetch(`${sim.url}/api/v2/deleted_users?page%5Bsize%5D=100`, { headers: { authorization: `Basic ${Buffer.from("admin@example.com/token:sim-api-token").toString("base64")}` } })
    body = await res.text()
  } finally {
    await sim.close()
  }
  if (JSON.parse(body).deleted_users.length !== 100) throw new Error("expected a page of 100 users")
  if (validate("DeletedUsersResponse", JSON.parse(body)) !== undefined) throw new Error("the page should validate")
  let sink = 0
  const { parse: parseUs, both: bothUs } = timeInterleaved({
    parse: () => (sink += JSON.parse(body).deleted_users.length),
    both: () => {
      const page = JSON.parse(body)
      sink += validate("DeletedUsersResponse", page) === undefined ? 1 : 0
    }
  }, { ms, batch: 20 })
  return { pageBytes: body.length, parseUs, parseAndValidateUs: bothUs, validationOverhead: bothUs / parseUs - 1, sink }
}
