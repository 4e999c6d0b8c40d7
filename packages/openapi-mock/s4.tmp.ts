import { Ajv2020 } from "ajv/dist/2020.js"
import { Ajv } from "ajv"
import { loadSpec } from "./src/index.js"
import { toFragment } from "./src/pointer.js"
const spec = await loadSpec("../../tools/codegen/test/specs/iceberg-rest-catalog.yaml")
const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false })
ajv.addSchema(spec.document as object, "openapi-mock:spec")
const v = ajv.compile({ $ref: "openapi-mock:spec" + toFragment("#/components/schemas/CommitViewRequest") })
v({ updates: [{ action: "string", uuid: "string" }], requirements: [{}] })
console.log(JSON.stringify(v.errors!.map(e => [e.instancePath, e.schemaPath, e.keyword, e.params]), null, 0))
