import { startMock } from "./src/index.js"
const mock = await startMock({ spec: "../../specs/zendesk/deleted-users.yml" })
for (const [path, code] of [["/api/v2/deleted_users", "429"], ["/api/v2/deleted_users", "200"], ["/api/v2/deleted_users/count", "503"], ["/api/v2/deleted_users/5", "200"]]) {
  const r = await fetch(mock.url + path!, { headers: { authorization: "Bearer x", prefer: `code=${code}` } })
  console.log(path, r.status, JSON.stringify([...r.headers]), (await r.text()).slice(0, 300))
}
await mock.close()
