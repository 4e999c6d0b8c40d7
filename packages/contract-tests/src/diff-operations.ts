/**
 * Comparing two versions of one operation: its operationId (renamed: type-breaking), stability and
 * deprecation, parameters, request body, responses, security requirements and servers.
 *
 * @module
 */
import type { Change } from "./diff-findings.js"
import type { OperationContext, OperationRef } from "./diff-context.js"
import { compareParams } from "./diff-parameters.js"
import { compareBodies, compareResponses } from "./diff-payloads.js"
import { compareSecurity } from "./diff-security.js"
import { operationLifecycle } from "./diff-lifecycle.js"
import { change } from "./diff-rules.js"
import { compareServers } from "./diff-servers.js"

export { operationsOf, type OperationContext, type OperationRef } from "./diff-context.js"

/** Every change between two versions of one operation. */
export const compareOperation = (ctx: OperationContext, oldRef: OperationRef, newRef: OperationRef): Array<Change> => {
  const out: Array<Change> = []
  if (oldRef.label !== newRef.label && typeof oldRef.op.operationId === "string") out.push(change("api-operation-id-changed", newRef.pointer, `operationId renamed from ${oldRef.label} to ${newRef.label}`))
  out.push(...operationLifecycle(ctx.policy, oldRef.op, newRef.op, newRef.pointer, newRef.label))
  out.push(...compareParams(ctx, oldRef, newRef), ...compareBodies(ctx, oldRef, newRef), ...compareResponses(ctx, oldRef, newRef), ...compareSecurity(ctx, oldRef, newRef), ...compareServers(ctx, oldRef, newRef))
  return out
}
