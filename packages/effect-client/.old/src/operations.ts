/**
 * The generated Deleted Users client as the hand-written recipes use it: Zendesk's credentials as
 * the spec's security schemes, and every generated error as the `ZendeskError` class of its status
 * (Zendesk's code and description read from whichever envelope came back).
 *
 * @module
 */
import * as R from "@deleted-users/openapi-runtime"
import * as Effect from "effect/Effect"
import type { Auth } from "./config.js"
import { DecodeError, InvalidInput, type ZendeskError } from "./errors.js"
import type { ZendeskDeletedUsersAuth } from "./generated/index.js"
import { ResponseHeaders } from "./headers.js"
import { responseError } from "./response.js"

/** Zendesk's three ways to sign in, as the spec's `basicAuth` and `bearerAuth` schemes. */
export const schemeCredentials = (auth: Auth): ZendeskDeletedUsersAuth => {
  switch (auth._tag) {
    case "OAuth":
      return { bearerAuth: auth.token }
    case "ApiToken":
      return { basicAuth: { username: `${auth.email}/token`, password: auth.token } }
    case "Password":
      return { basicAuth: { username: auth.email, password: auth.password } }
  }
}

/** A generated client's error as the `ZendeskError` the documented API promises. */
export const toZendeskError = (error: R.OperationError): Effect.Effect<ZendeskError> => {
  if (error instanceof R.InvalidInput) {
    const field = error.pointer.split("/").pop() ?? ""
    return Effect.succeed(new InvalidInput({ operation: error.operation, field: field === "deleted_user_id" ? "id" : field, message: error.message }))
  }
  if (error instanceof R.TransportError) return Effect.succeed(error)
  // The whole body (not JSON, or not the declared media type) is "/" here, as the client has always said.
  if (error instanceof R.DecodeError) return Effect.succeed(error.pointer === "" ? new DecodeError({ ...error, pointer: "/", message: error.message }) : error)
  return responseError(error.operation, { status: error.status, headers: new ResponseHeaders(error.headers) }, error.body)
}

/** Runs a generated call once (no retries of its own) and maps its failure to `ZendeskError`. */
export const zendeskCall = <A>(call: Effect.Effect<A, R.OperationError>): Effect.Effect<A, ZendeskError> =>
  Effect.catch(call, (error) => Effect.flatMap(toZendeskError(error), Effect.fail))

/** Whether a failure may have happened after Zendesk acted (so a retried delete may find the user gone). */
export const mayHaveExecuted = (error: ZendeskError): boolean =>
  (error._tag === "TransportError" && error.reason !== "Refused") || error._tag === "ServerError"
