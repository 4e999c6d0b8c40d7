/**
 * Gives every declaration and property of openapi-typescript's output a doc comment, so that the
 * API reference documents every member: the spec's own summary and description where openapi-typescript
 * emitted one, otherwise a sentence saying what the member is (a path, an operation, a parameter, a
 * response, a schema, a property).
 *
 * @module
 */
import ts from "typescript"

const methods = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"])

const locations: Readonly<Record<string, string>> = {
  query: "query",
  header: "header",
  path: "path",
  cookie: "cookie"
}

const topLevel: Readonly<Record<string, string>> = {
  paths: "Every path of the spec, by URL template: its parameters and its operations by method.",
  webhooks: "The webhooks of the spec, by name.",
  components: "The reusable components of the spec: schemas, responses, parameters, request bodies, headers and path items.",
  $defs: "The `$defs` of the spec.",
  operations: "Every operation of the spec, by operationId: its parameters, request body and responses."
}

const componentKinds: Readonly<Record<string, readonly [string, string]>> = {
  schemas: ["The schemas of the spec, by name.", "schema"],
  responses: ["The reusable responses of the spec, by name.", "response"],
  parameters: ["The reusable parameters of the spec, by name.", "parameter"],
  requestBodies: ["The reusable request bodies of the spec, by name.", "request body"],
  headers: ["The reusable headers of the spec, by name.", "header"],
  pathItems: ["The reusable path items of the spec, by name.", "path item"]
}

const code = (name: string) => `\`${name}\``

const property = (name: string) => `The ${code(name)} property.`

/** Describes a member of a response, given the names below the response (`headers`, `content`, ...). */
const inResponse = (rest: ReadonlyArray<string>): string => {
  const [first, second] = rest
  if (rest.length === 1 && first === "headers") return "The response headers, by name."
  if (rest.length === 2 && first === "headers") return `The ${code(second!)} response header.`
  if (rest.length === 1 && first === "content") return "The response body, by media type."
  if (rest.length === 2 && first === "content") return `The response body as ${code(second!)}.`
  return property(rest[rest.length - 1]!)
}

/** Describes a member of a request body, given the names below it. */
const inRequestBody = (rest: ReadonlyArray<string>): string => {
  if (rest.length === 1 && rest[0] === "content") return "The request body, by media type."
  if (rest.length === 2 && rest[0] === "content") return `The request body as ${code(rest[1]!)}.`
  return property(rest[rest.length - 1]!)
}

/** Describes a member of the parameters of an operation or path item, given the names below them. */
const inParameters = (rest: ReadonlyArray<string>, owner: string): string => {
  const [where, name] = rest
  const location = where === undefined ? undefined : locations[where]
  if (rest.length === 0) return `The parameters of ${owner}, by location.`
  if (location !== undefined && rest.length === 1) return `The ${location} parameters of ${owner}.`
  if (location !== undefined && rest.length === 2) return `The ${code(name!)} ${location} parameter.`
  return property(rest[rest.length - 1]!)
}

/** Describes a member of an operation, given the names below the operation. */
const inOperation = (rest: ReadonlyArray<string>): string => {
  const [first, second] = rest
  if (first === "parameters") return inParameters(rest.slice(1), "this operation")
  if (first === "requestBody") return rest.length === 1 ? "The request body of this operation." : inRequestBody(rest.slice(1))
  if (first === "responses") {
    if (rest.length === 1) return "The responses of this operation, by status code."
    if (rest.length === 2) return second === "default" ? "The default response (any status not listed)." : `The ${code(second!)} response.`
    return inResponse(rest.slice(2))
  }
  return property(rest[rest.length - 1]!)
}

/** Describes a path item's member, given the names below the path item. */
const inPathItem = (rest: ReadonlyArray<string>, url: string): string => {
  const [first] = rest
  if (first === "parameters") return inParameters(rest.slice(1), `every operation on ${code(url)}`)
  if (first !== undefined && methods.has(first)) {
    return rest.length === 1 ? `The ${code(`${first.toUpperCase()} ${url}`)} operation.` : inOperation(rest.slice(1))
  }
  return property(rest[rest.length - 1]!)
}

/**
 * The sentence documenting a member of openapi-typescript's output, from the names leading to it:
 * the top-level declaration first (`paths`, `components`, `operations`, ...), then each property.
 */
export const describeMember = (names: ReadonlyArray<string>): string => {
  const [top, first, ...rest] = names
  if (top === undefined) return "A declaration generated from the spec."
  if (first === undefined) return topLevel[top] ?? `The ${code(top)} declaration generated from the spec.`
  switch (top) {
    case "paths":
      return rest.length === 0 ? `The operations on ${code(first)}.` : inPathItem(rest, first)
    case "webhooks":
      return rest.length === 0 ? `The ${code(first)} webhook.` : inPathItem(rest, first)
    case "operations":
      return rest.length === 0 ? `The ${code(first)} operation.` : inOperation(rest)
    case "components": {
      const kind = componentKinds[first]
      if (kind === undefined) return rest.length === 0 ? `The ${code(first)} components of the spec.` : property(names[names.length - 1]!)
      const [name, ...below] = rest
      if (name === undefined) return kind[0]
      if (below.length === 0) return `The ${code(name)} ${kind[1]}.`
      if (first === "responses") return inResponse(below)
      if (first === "requestBodies") return inRequestBody(below)
      if (first === "pathItems") return inPathItem(below, name)
      return property(below[below.length - 1]!)
    }
    default:
      return property(names[names.length - 1]!)
  }
}

const hasDocComment = (node: ts.Node): boolean =>
  (ts.getSyntheticLeadingComments(node) ?? []).some((c) => c.kind === ts.SyntaxKind.MultiLineCommentTrivia && c.text.startsWith("*"))

// Nodes openapi-typescript parsed from text (not built by the factory) are printed from their source
// text, which the printer cannot find again: they keep what they have.
const addDocComment = (node: ts.Node, text: string): void => {
  if (node.pos >= 0) return
  ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, `* ${text.replace(/\*\//g, "*\\/")} `, true)
}

const nameOf = (name: ts.PropertyName): string | undefined =>
  ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined

const visit = (node: ts.Node, names: ReadonlyArray<string>): void => {
  if (ts.isPropertySignature(node)) {
    const name = nameOf(node.name)
    const here = name === undefined ? names : [...names, name]
    const described = describeMember(here)
    const declaresNone = node.type?.kind === ts.SyntaxKind.NeverKeyword
    if (!hasDocComment(node)) addDocComment(node, declaresNone ? `${described.replace(/\.$/, "")}: the spec declares none.` : described)
    ts.forEachChild(node, (child) => visit(child, here))
    return
  }
  ts.forEachChild(node, (child) => visit(child, names))
}

/**
 * Adds a doc comment to each top-level declaration and each property signature of
 * openapi-typescript's output that has none; the nodes are changed in place and returned.
 */
export const documentMembers = (nodes: ReadonlyArray<ts.Node>): ReadonlyArray<ts.Node> => {
  for (const node of nodes) {
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
      const name = node.name.text
      if (!hasDocComment(node)) addDocComment(node, describeMember([name]))
      ts.forEachChild(node, (child) => visit(child, [name]))
    } else {
      visit(node, [])
    }
  }
  return nodes
}
