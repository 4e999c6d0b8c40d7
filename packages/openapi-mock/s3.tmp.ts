import { loadSpec } from "./src/index.js"
import { sampleOf } from "./src/sample.js"
const spec = await loadSpec("../../tools/codegen/test/specs/iceberg-rest-catalog.yaml")
console.log(JSON.stringify(sampleOf(spec.document, { $ref: "#/components/schemas/ViewUpdate" })))
console.log(JSON.stringify(sampleOf(spec.document, { $ref: "#/components/schemas/AssignUUIDUpdate" })))
