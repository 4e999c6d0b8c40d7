/**
 * The rules `diff` applies, each with a stable id, its default severity, what it means and its
 * mirror (the same change on the other side of an exchange, or the other direction). Schema rules
 * are written once with `{place}`: `body` (a request or response body's own schema), `property`
 * (anything nested in one), `parameter` (a request parameter's schema) or `header` (a response
 * header's schema), as oasdiff names them: `request-{place}-max-decreased` is
 * `request-body-max-decreased`, `request-property-max-decreased` and `request-parameter-max-decreased`.
 *
 * @module
 */
import type { Change, Severity } from "./diff-findings.js"

/** A rule: id, default severity, meaning, mirror (a rule id, or why it has none). */
export interface Rule {
  /** The stable id findings name (`request-property-removed` style; `{place}` stands for body, property, parameter or header). */
  readonly id: string
  /** How serious its findings are unless an override file says otherwise. */
  readonly severity: Severity
  /** What change it finds, in one sentence. */
  readonly meaning: string
  /** The rule that mirrors it (request/response, added/removed), or `none:` with the reason there is none. */
  readonly mirror: string
}

type Row = readonly [id: string, severity: Severity, meaning: string, mirror: string]
const B = "breaking"
const T = "type-breaking"
const W = "warning"
const N = "non-breaking"

/** Waiver text for a mirror that would not break anything: the mirror narrows a request or widens a response. */
const safe = "none: the other direction narrows what a response sends or widens what a request accepts"

const rows: ReadonlyArray<Row> = [
  // Operations, lifecycle, webhooks.
  ["api-removed-without-deprecation", B, "an operation removed without being deprecated first", "endpoint-added"],
  ["api-removed-before-sunset", B, "a deprecated operation removed before its x-sunset date", "endpoint-added"],
  ["api-removed-with-deprecation", N, "a deprecated operation removed on or after its x-sunset (or deprecated with none)", "endpoint-added"],
  ["api-removed-unstable", N, "an operation of x-stability-level draft or alpha removed: no stability promised", "endpoint-added"],
  ["endpoint-added", N, "a new operation", "api-removed-without-deprecation"],
  ["endpoint-deprecated", N, "an operation marked deprecated", "endpoint-reactivated"],
  ["endpoint-reactivated", N, "an operation no longer deprecated", "endpoint-deprecated"],
  ["api-operation-id-changed", T, "an operationId renamed: the generated method is renamed", "api-operation-id-changed"],
  ["api-stability-decreased", B, "x-stability-level lowered (stable → beta → alpha → draft)", "api-stability-increased"],
  ["api-stability-increased", N, "x-stability-level raised", "api-stability-decreased"],
  ["api-invalid-stability-level", B, "x-stability-level is not draft, alpha, beta or stable", "none: a validity check of the new spec"],
  ["api-deprecated-sunset-parse", B, "the x-sunset of a deprecated operation is not a date", "none: a validity check of the new spec"],
  ["api-deprecated-sunset-missing", B, "an operation deprecated without x-sunset while the policy asks for a minimum of days", "none: a policy check of the new spec"],
  ["api-sunset-date-too-small", B, "an operation deprecated with an x-sunset sooner than the policy's minimum of days", "none: a policy check of the new spec"],
  ["sunset-deleted", B, "the x-sunset of a deprecated operation removed", "api-sunset-date-changed-too-small"],
  ["api-sunset-date-changed-too-small", B, "the x-sunset of a deprecated operation moved earlier", "sunset-deleted"],
  ["api-server-base-path-changed", B, "the base path of the servers an operation is served from changed", "api-servers-changed"],
  ["api-servers-changed", N, "the servers changed, same base path", "api-server-base-path-changed"],
  ["api-security-option-removed", B, "a security requirement a client may use is no longer accepted", "api-security-option-added"],
  ["api-security-option-added", N, "a new security requirement a client may use", "api-security-option-removed"],
  ["api-security-added", W, "authentication required where an operation was anonymous", "api-security-option-added"],
  ["api-security-scope-added", W, "a security requirement asks for more OAuth scopes", "api-security-option-added"],
  ["api-security-scheme-changed", B, "a security scheme changed what a client sends (type, scheme, name, location, URLs)", "api-security-scheme-changed"],
  ["webhook-removed", B, "a webhook removed", "webhook-added"],
  ["webhook-added", N, "a new webhook", "webhook-removed"],
  // Generated types.
  ["component-schema-removed", T, "a component schema removed: generated code no longer exports its type", "component-schema-added"],
  ["component-schema-renamed", T, "a component schema renamed (same content): a new generated type name", "component-schema-renamed"],
  ["component-schema-added", N, "a new component schema", "component-schema-removed"],
  ["path-parameter-renamed", T, "a path parameter renamed (same URL): a new name in generated code", "path-parameter-renamed"],
  // Parameters.
  ["request-parameter-removed", W, "a parameter removed: a client that sends it is ignored", "new-optional-request-parameter"],
  ["request-parameter-removed-before-sunset", B, "a deprecated parameter removed before its x-sunset date", "new-optional-request-parameter"],
  ["request-parameter-removed-with-deprecation", N, "a deprecated parameter removed on or after its x-sunset", "new-optional-request-parameter"],
  ["request-parameter-sunset-parse", B, "the x-sunset of a deprecated parameter is not a date", "none: a validity check of the new spec"],
  ["request-parameter-deprecated-sunset-missing", B, "a parameter deprecated without x-sunset while the policy asks for a minimum of days", "none: a policy check of the new spec"],
  ["request-parameter-sunset-date-too-small", B, "a parameter deprecated with an x-sunset sooner than the policy's minimum of days", "none: a policy check of the new spec"],
  ["request-parameter-sunset-deleted", B, "the x-sunset of a deprecated parameter removed", "request-parameter-sunset-date-changed-too-small"],
  ["request-parameter-sunset-date-changed-too-small", B, "the x-sunset of a deprecated parameter moved earlier", "request-parameter-sunset-deleted"],
  ["new-required-request-parameter", B, "a new required parameter", "request-parameter-removed"],
  ["new-optional-request-parameter", N, "a new optional parameter", "request-parameter-removed"],
  ["request-parameter-became-required", B, "a parameter made required", "request-parameter-became-optional"],
  ["request-parameter-became-optional", N, "a parameter no longer required", "request-parameter-became-required"],
  ["request-parameter-style-changed", B, "a parameter's style or explode changed: the client serializes it differently", "request-parameter-style-changed"],
  ["request-parameter-default-value-changed", B, "a parameter's default changed: a client that omits it gets other behaviour", "request-parameter-default-value-changed"],
  ["request-parameter-default-value-added", B, "a default given to a parameter that had none", "request-parameter-default-value-removed"],
  ["request-parameter-default-value-removed", B, "a parameter's default removed", "request-parameter-default-value-added"],
  // Request bodies.
  ["request-body-added-required", B, "a required request body where there was none", "request-body-removed"],
  ["request-body-added-optional", N, "an optional request body where there was none", "request-body-removed"],
  ["request-body-removed", B, "the request body removed", "request-body-added-optional"],
  ["request-body-became-required", B, "the request body made required", "request-body-became-optional"],
  ["request-body-became-optional", N, "the request body no longer required", "request-body-became-required"],
  ["request-body-media-type-removed", B, "a request media type no longer accepted", "request-body-media-type-added"],
  ["request-body-media-type-added", N, "a new request media type", "request-body-media-type-removed"],
  ["request-body-media-type-generalized", N, "a request media type now accepted through a range (application/json → application/*)", "response-media-type-name-generalized"],
  ["request-body-wrapped-in-one-of", B, "the request body schema wrapped in a oneOf: its generated type changes, a value matching two branches is refused", "response-body-wrapped-in-one-of"],
  // Responses.
  ["response-success-status-removed", B, "a 2XX status removed", "response-success-status-added"],
  ["response-non-success-status-removed", T, "an error status removed: the generated error type loses a member (the wire may still carry it)", "response-non-success-status-added"],
  ["response-success-status-added", N, "a new 2XX status", "response-success-status-removed"],
  ["response-non-success-status-added", N, "a new error status", "response-non-success-status-removed"],
  ["response-media-type-removed", B, "a response media type removed (or the whole body)", "response-media-type-added"],
  ["response-media-type-added", N, "a new response media type", "response-media-type-removed"],
  ["response-body-added", B, "a body where a response had none", "response-media-type-removed"],
  ["response-media-type-name-generalized", B, "a response media type generalized (application/json → application/*): the client cannot tell what comes", "request-body-media-type-generalized"],
  ["response-body-wrapped-in-one-of", B, "the response body schema wrapped in a oneOf: its generated type changes", "request-body-wrapped-in-one-of"],
  ["required-response-header-removed", B, "a required response header removed", "response-header-added"],
  ["optional-response-header-removed", W, "an optional response header removed", "response-header-added"],
  ["response-header-became-optional", B, "a response header no longer required", "response-header-added"],
  ["response-header-added", N, "a new response header", "optional-response-header-removed"],
  // Object properties.
  ["new-required-request-property", B, "a new required request property", "response-optional-property-added"],
  ["request-property-became-required", B, "a request property made required", "response-property-became-optional"],
  ["request-property-became-required-with-default", B, "a request property with a default made required", "response-property-became-optional"],
  ["new-optional-request-property", N, "a new optional request property", "request-property-removed"],
  ["request-property-removed", W, "a request property removed: a client that sends it is ignored", "new-optional-request-property"],
  ["request-property-removed-from-closed-object", B, "a request property removed from an object with additionalProperties: false: a client that sends it is refused", "response-property-added-to-closed-object"],
  ["response-required-property-removed", B, "a required response property removed", "new-required-request-property"],
  ["response-optional-property-removed", W, "an optional response property removed", "response-optional-property-added"],
  ["request-property-deprecated-sunset-invalid", B, "the x-sunset of a newly deprecated request property is not a date", "response-property-deprecated-sunset-invalid"],
  ["request-property-deprecated-sunset-missing", B, "a request property deprecated without x-sunset while the policy asks for days", "response-property-deprecated-sunset-missing"],
  ["request-property-sunset-date-too-small", B, "a request property deprecated with an x-sunset sooner than the policy's days", "response-property-sunset-date-too-small"],
  ["response-property-deprecated-sunset-invalid", B, "the x-sunset of a newly deprecated response property is not a date", "request-property-deprecated-sunset-invalid"],
  ["response-property-deprecated-sunset-missing", B, "a response property deprecated without x-sunset while the policy asks for days", "request-property-deprecated-sunset-missing"],
  ["response-property-sunset-date-too-small", B, "a response property deprecated with an x-sunset sooner than the policy's days", "request-property-sunset-date-too-small"],
  ["request-property-stability-decreased", B, "a request property's x-stability-level lowered", "response-property-stability-decreased"],
  ["response-property-stability-decreased", B, "a response property's x-stability-level lowered", "request-property-stability-decreased"],
  ["response-property-became-optional", B, "a response property no longer required", "request-property-became-required"],
  ["response-optional-property-added", N, "a new response property", "response-optional-property-removed"],
  ["response-property-added-to-closed-object", B, "a new property in a response object with additionalProperties: false", "request-property-removed-from-closed-object"],
  // Schemas, request side.
  ["request-{place}-type-changed", B, "a type no longer accepts what it accepted (or a type where there was none)", "response-{place}-type-changed"],
  ["request-{place}-list-of-types-narrowed", B, "a type list lost a type", "response-{place}-list-of-types-widened"],
  ["request-{place}-became-not-nullable", B, "null no longer accepted", "response-{place}-became-nullable"],
  ["request-{place}-became-enum", B, "an enum where any value was accepted", "response-{place}-enum-removed"],
  ["request-{place}-enum-value-removed", B, "an enum value no longer accepted", "response-{place}-enum-value-added"],
  ["request-{place}-enum-value-added", N, "a new enum value accepted", "response-{place}-enum-value-added"],
  ["request-{place}-x-extensible-enum-value-removed", B, "an x-extensible-enum value no longer accepted", `none: x-extensible-enum promises that responses may grow`],
  ["request-{place}-const-added", B, "a const where any value was accepted", "response-{place}-const-removed"],
  ["request-{place}-const-changed", B, "a const changed", "response-{place}-const-changed"],
  ["request-{place}-max-decreased", B, "a maximum lowered", "response-{place}-max-increased"],
  ["request-{place}-max-set", W, "a maximum where there was none", "response-{place}-max-unset"],
  ["request-{place}-exclusive-max-decreased", B, "an exclusive maximum lowered (or made exclusive)", "response-{place}-exclusive-max-increased"],
  ["request-{place}-exclusive-max-set", W, "an exclusive maximum where there was none", "response-{place}-exclusive-max-unset"],
  ["request-{place}-min-increased", B, "a minimum raised", "response-{place}-min-decreased"],
  ["request-{place}-min-set", W, "a minimum where there was none", "response-{place}-min-unset"],
  ["request-{place}-exclusive-min-increased", B, "an exclusive minimum raised (or made exclusive)", "response-{place}-exclusive-min-decreased"],
  ["request-{place}-exclusive-min-set", W, "an exclusive minimum where there was none", "response-{place}-exclusive-min-unset"],
  ["request-{place}-max-length-decreased", B, "maxLength lowered", "response-{place}-max-length-increased"],
  ["request-{place}-max-length-set", W, "maxLength where there was none", "response-{place}-max-length-unset"],
  ["request-{place}-min-length-increased", B, "minLength raised (or set: none is 0)", "response-{place}-min-length-decreased"],
  ["request-{place}-max-items-decreased", B, "maxItems lowered", "response-{place}-max-items-increased"],
  ["request-{place}-max-items-set", W, "maxItems where there was none", "response-{place}-max-items-unset"],
  ["request-{place}-min-items-increased", B, "minItems raised", "response-{place}-min-items-decreased"],
  ["request-{place}-min-items-set", W, "minItems where there was none", "response-{place}-min-items-unset"],
  ["request-{place}-max-properties-decreased", B, "maxProperties lowered", "response-{place}-max-properties-increased"],
  ["request-{place}-max-properties-set", W, "maxProperties where there was none", "response-{place}-max-properties-unset"],
  ["request-{place}-min-properties-increased", B, "minProperties raised", "response-{place}-min-properties-decreased"],
  ["request-{place}-min-properties-set", W, "minProperties where there was none", "response-{place}-min-properties-unset"],
  ["request-{place}-pattern-added", B, "a pattern where there was none", "response-{place}-pattern-removed"],
  ["request-{place}-pattern-changed", W, "a pattern changed (values it accepted may be refused)", "response-{place}-pattern-changed"],
  ["request-{place}-pattern-generalized", N, "a pattern widened to match anything (.*)", "response-{place}-pattern-changed"],
  ["request-{place}-format-changed", B, "a format added or changed", "response-{place}-format-changed"],
  ["request-{place}-multiple-of-changed", B, "multipleOf added or changed to one the old values do not meet", "response-{place}-multiple-of-changed"],
  ["request-{place}-unique-items-added", B, "uniqueItems added", "response-{place}-unique-items-removed"],
  ["request-{place}-not-added", B, "a `not` added (or narrowed): values accepted before are refused", "response-{place}-not-removed"],
  ["request-{place}-additional-properties-refused", B, "additionalProperties: false added", "response-{place}-additional-properties-allowed"],
  ["request-{place}-additional-properties-schema-added", B, "an additionalProperties schema where any was accepted", "response-{place}-additional-properties-schema-removed"],
  ["request-{place}-items-added", B, "an items schema where any item was accepted", "response-{place}-items-removed"],
  ["request-{place}-one-of-removed", B, "a oneOf branch no longer accepted", "response-{place}-one-of-added"],
  ["request-{place}-any-of-removed", B, "an anyOf branch no longer accepted", "response-{place}-any-of-added"],
  ["request-{place}-one-of-added", N, "a new oneOf/anyOf branch accepted", "response-{place}-one-of-added"],
  ["request-{place}-all-of-added", B, "an allOf member added: values must meet one more schema", "request-{place}-all-of-removed"],
  ["request-{place}-all-of-removed", W, "an allOf member removed: the server may no longer read what it described", "request-{place}-all-of-added"],
  ["request-{place}-prefix-items-removed", B, "a prefixItems entry removed: positions mean something else", "response-{place}-prefix-items-added"],
  ["request-{place}-prefix-items-added", N, "a prefixItems entry added at the end", "response-{place}-prefix-items-removed"],
  ["request-{place}-contains-added", B, "contains added: an array must hold a matching item", "response-{place}-contains-removed"],
  ["request-{place}-min-contains-increased", B, "minContains raised", "response-{place}-min-contains-decreased"],
  ["request-{place}-max-contains-decreased", B, "maxContains lowered (or set)", "response-{place}-max-contains-increased"],
  ["request-{place}-dependent-required-added", B, "dependentRequired added for a property", "response-{place}-dependent-required-removed"],
  ["request-{place}-dependent-required-changed", B, "dependentRequired asks for more properties", "response-{place}-dependent-required-changed"],
  ["request-{place}-dependent-schema-added", B, "a dependentSchemas entry added", "response-{place}-dependent-schema-removed"],
  ["request-{place}-if-added", B, "an if added", "response-{place}-if-removed"],
  ["request-{place}-then-added", B, "a then added", "response-{place}-then-removed"],
  ["request-{place}-else-added", B, "an else added", "response-{place}-else-removed"],
  ["request-{place}-property-names-added", B, "propertyNames added", "response-{place}-property-names-removed"],
  ["request-{place}-pattern-property-added", B, "a patternProperties entry added", "response-{place}-pattern-property-removed"],
  ["request-{place}-unevaluated-items-added", B, "unevaluatedItems added (false or a schema)", "response-{place}-unevaluated-items-removed"],
  ["request-{place}-unevaluated-properties-added", B, "unevaluatedProperties added (false or a schema)", "response-{place}-unevaluated-properties-removed"],
  ["request-{place}-content-schema-added", B, "contentSchema added", "response-{place}-content-schema-removed"],
  ["request-{place}-content-media-type-changed", B, "contentMediaType added or changed", "response-{place}-content-media-type-changed"],
  ["request-{place}-content-encoding-changed", B, "contentEncoding added or changed", "response-{place}-content-encoding-changed"],
  // Schemas, response side.
  ["response-{place}-type-changed", B, "a type may send what it did not (or no type any more)", "request-{place}-type-changed"],
  ["response-{place}-list-of-types-widened", B, "a type list gained a type", "request-{place}-list-of-types-narrowed"],
  ["response-{place}-became-nullable", B, "null may come back", "request-{place}-became-not-nullable"],
  ["response-{place}-enum-removed", W, "an enum removed: any value may come back", "request-{place}-became-enum"],
  ["response-{place}-enum-value-added", W, "a new enum value may come back", "request-{place}-enum-value-removed"],
  ["response-{place}-const-removed", B, "a const removed", "request-{place}-const-added"],
  ["response-{place}-const-changed", B, "a const changed", "request-{place}-const-changed"],
  ["response-{place}-max-increased", B, "a maximum raised", "request-{place}-max-decreased"],
  ["response-{place}-max-unset", B, "a maximum removed", "request-{place}-max-set"],
  ["response-{place}-exclusive-max-increased", B, "an exclusive maximum raised (or made inclusive)", "request-{place}-exclusive-max-decreased"],
  ["response-{place}-exclusive-max-unset", B, "an exclusive maximum removed", "request-{place}-exclusive-max-set"],
  ["response-{place}-min-decreased", B, "a minimum lowered", "request-{place}-min-increased"],
  ["response-{place}-min-unset", B, "a minimum removed", "request-{place}-min-set"],
  ["response-{place}-exclusive-min-decreased", B, "an exclusive minimum lowered (or made inclusive)", "request-{place}-exclusive-min-increased"],
  ["response-{place}-exclusive-min-unset", B, "an exclusive minimum removed", "request-{place}-exclusive-min-set"],
  ["response-{place}-max-length-increased", B, "maxLength raised", "request-{place}-max-length-decreased"],
  ["response-{place}-max-length-unset", B, "maxLength removed", "request-{place}-max-length-set"],
  ["response-{place}-min-length-decreased", B, "minLength lowered (or removed)", "request-{place}-min-length-increased"],
  ["response-{place}-max-items-increased", B, "maxItems raised", "request-{place}-max-items-decreased"],
  ["response-{place}-max-items-unset", B, "maxItems removed", "request-{place}-max-items-set"],
  ["response-{place}-min-items-decreased", B, "minItems lowered", "request-{place}-min-items-increased"],
  ["response-{place}-min-items-unset", B, "minItems removed", "request-{place}-min-items-set"],
  ["response-{place}-max-properties-increased", B, "maxProperties raised", "request-{place}-max-properties-decreased"],
  ["response-{place}-max-properties-unset", B, "maxProperties removed", "request-{place}-max-properties-set"],
  ["response-{place}-min-properties-decreased", B, "minProperties lowered", "request-{place}-min-properties-increased"],
  ["response-{place}-min-properties-unset", B, "minProperties removed", "request-{place}-min-properties-set"],
  ["response-{place}-pattern-removed", W, "a pattern removed: values may no longer match what a client checks", "request-{place}-pattern-added"],
  ["response-{place}-pattern-changed", W, "a pattern changed", "request-{place}-pattern-changed"],
  ["response-{place}-format-changed", B, "a format removed or changed", "request-{place}-format-changed"],
  ["response-{place}-multiple-of-changed", B, "multipleOf removed or changed", "request-{place}-multiple-of-changed"],
  ["response-{place}-unique-items-removed", B, "uniqueItems removed", "request-{place}-unique-items-added"],
  ["response-{place}-not-removed", B, "a `not` removed (or widened): values it excluded may come back", "request-{place}-not-added"],
  ["response-{place}-additional-properties-allowed", B, "additionalProperties: false removed", "request-{place}-additional-properties-refused"],
  ["response-{place}-additional-properties-schema-removed", B, "an additionalProperties schema removed: any extra property may come back", "request-{place}-additional-properties-schema-added"],
  ["response-{place}-items-removed", B, "an items schema removed", "request-{place}-items-added"],
  ["response-{place}-one-of-added", B, "a new oneOf branch: no old branch allows it", "request-{place}-one-of-removed"],
  ["response-{place}-any-of-added", B, "a new anyOf branch: no old branch allows it", "request-{place}-any-of-removed"],
  ["response-{place}-prefix-items-added", B, "a prefixItems entry added: a position now means something", "request-{place}-prefix-items-removed"],
  ["response-{place}-prefix-items-removed", N, "a prefixItems entry removed at the end", "request-{place}-prefix-items-added"],
  ["response-{place}-contains-removed", B, "contains removed", "request-{place}-contains-added"],
  ["response-{place}-min-contains-decreased", B, "minContains lowered", "request-{place}-min-contains-increased"],
  ["response-{place}-max-contains-increased", B, "maxContains raised (or removed)", "request-{place}-max-contains-decreased"],
  ["response-{place}-dependent-required-removed", B, "dependentRequired removed for a property", "request-{place}-dependent-required-added"],
  ["response-{place}-dependent-required-changed", B, "dependentRequired asks for fewer properties", "request-{place}-dependent-required-changed"],
  ["response-{place}-dependent-schema-removed", B, "a dependentSchemas entry removed", "request-{place}-dependent-schema-added"],
  ["response-{place}-if-removed", B, "an if removed", "request-{place}-if-added"],
  ["response-{place}-then-removed", B, "a then removed", "request-{place}-then-added"],
  ["response-{place}-else-removed", B, "an else removed", "request-{place}-else-added"],
  ["response-{place}-property-names-removed", B, "propertyNames removed", "request-{place}-property-names-added"],
  ["response-{place}-pattern-property-removed", B, "a patternProperties entry removed", "request-{place}-pattern-property-added"],
  ["response-{place}-unevaluated-items-removed", B, "unevaluatedItems removed", "request-{place}-unevaluated-items-added"],
  ["response-{place}-unevaluated-properties-removed", B, "unevaluatedProperties removed", "request-{place}-unevaluated-properties-added"],
  ["response-{place}-content-schema-removed", B, "contentSchema removed", "request-{place}-content-schema-added"],
  ["response-{place}-content-media-type-changed", B, "contentMediaType removed or changed", "request-{place}-content-media-type-changed"],
  ["response-{place}-content-encoding-changed", B, "contentEncoding removed or changed", "request-{place}-content-encoding-changed"]
]

/** Every rule, as written (schema rules with `{place}`). */
export const rules: ReadonlyArray<Rule> = rows.map(([id, severity, meaning, mirror]) => ({ id, severity, meaning, mirror }))

/** The places a schema rule names, by side. */
export const places = { request: ["body", "property", "parameter"], response: ["body", "property", "header"] } as const

/** Every concrete rule id (`{place}` spelled out). */
export const ruleIds: ReadonlyArray<string> = rules.flatMap((r) => {
  if (!r.id.includes("{place}")) return [r.id]
  const side = r.id.startsWith("request-") ? "request" : "response"
  return places[side].map((p) => r.id.replace("{place}", p))
})

const byId = new Map<string, Rule>(rules.map((r) => [r.id, r]))

/** The rule of a concrete id (`request-body-max-decreased` → `request-{place}-max-decreased`), or `undefined`. */
export const ruleOf = (id: string): Rule | undefined => byId.get(id) ?? byId.get(id.replace(/^(request|response)-(body|property|parameter|header)-/, "$1-{place}-"))

/** The side a rule id concerns. */
const sideOf = (id: string): Change["side"] =>
  /^(request|new-(required|optional)-request|api-security)/.test(id) ? "request" : /response/.test(id) ? "response" : /^(component|path-parameter|api-operation-id)/.test(id) ? "types" : "operation"

/** A change found by rule `id`, with the rule's severity unless `severity` is given (an unknown id is a bug: it throws). */
export const change = (id: string, pointer: string, message: string, severity?: Severity): Change => {
  const rule = ruleOf(id)
  if (rule === undefined) throw new Error(`diff: no rule ${id}`)
  return { rule: id, severity: severity ?? rule.severity, side: sideOf(id), pointer, message }
}
