import { startMock, loadSpec } from "./src/index.js"
import { makeValidate } from "./src/validate.js"
import { child } from "./src/pointer.js"
for (const file of process.argv.slice(2)) {
  const spec = await loadSpec(file)
  const validate = makeValidate(spec)
  const mock = await startMock({ spec: file })
  let ok = 0, bad = 0
  for (const [path, item] of Object.entries(spec.document.paths ?? {})) {
    for (const method of ["get", "post", "put", "delete", "patch"]) {
      const op = (item as any)[method]; if (!op) continue
      for (const code of Object.keys(op.responses ?? {})) {
        const url = path.replace(/\{[^}]+\}/g, "1")
        const r = await fetch(mock.url + url, { method, headers: { authorization: "Bearer x", prefer: `code=${code.replace(/XX/i, "00").replace("default", "599")}` } })
        const text = await r.text()
        if (r.status >= 400 && text.includes("urn:openapi-mock:invalid")) { continue }
        if (text.includes("urn:openapi-mock")) { console.log("MOCK", method, path, code, r.status, text.slice(0, 200)); continue }
        const ct = r.headers.get("content-type")
        if (!ct || !ct.includes("json")) { continue }
        let resp = op.responses[code]; let rp = child("#/paths", path, method, "responses", code)
        if (resp.$ref) { rp = resp.$ref; resp = resp }
        const errs = validate(child(rp, "content", ct, "schema"), JSON.parse(text))
        if (errs.length) { bad++; console.log("BAD", method, path, code, JSON.stringify(errs.slice(0, 3)), text.slice(0, 200)) } else ok++
      }
    }
  }
  console.log(file, "ok", ok, "bad", bad)
  await mock.close()
}
