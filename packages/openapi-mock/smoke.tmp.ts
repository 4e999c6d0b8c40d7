import { startMock } from "./src/index.js"
const mock = await startMock({ spec: "../../tools/codegen/test/specs/redocly-museum.yaml" })
const auth = { authorization: "Basic " + Buffer.from("a:b").toString("base64") }
const show = async (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) => {
  const r = await fetch(mock.url + path, { method, headers: { ...auth, ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  console.log(method, path, r.status, [...r.headers].filter(([k]) => !["date","connection","keep-alive"].includes(k)).map(([k, v]) => `${k}=${v}`).join(" "), (await r.text()).slice(0, 300))
}
await show("GET", "/museum-hours")
await show("GET", "/museum-hours?limit=99&page=x")
await show("GET", "/special-events/dad4bce8-f5cb-4078-a211-995864315e39", { prefer: "code=404" })
await show("GET", "/special-events/nope")
await show("POST", "/tickets", { prefer: "example=event_entry" }, { ticketType: "event", ticketDate: "2023-09-05", email: "x@example.com" })
await show("POST", "/tickets", {}, { ticketType: "bogus", email: 3 })
await show("DELETE", "/special-events/dad4bce8-f5cb-4078-a211-995864315e39")
await show("PUT", "/tickets")
await show("GET", "/nowhere")
await show("GET", "/tickets/a54a57ca-36f8-421b-a6b4-2e8f26858a4c/qr")
await show("GET", "/museum-hours", { prefer: "example=nope" })
await show("GET", "/museum-hours", { accept: "text/html" })
const r = await fetch(mock.url + "/museum-hours"); console.log("noauth", r.status, r.headers.get("www-authenticate"), await r.text())
await mock.close()
