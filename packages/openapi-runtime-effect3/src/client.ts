/**
 * The executor under every generated method: input checked before anything is sent, the request
 * encoded and authenticated, sent through the transport with a timeout, decoded, retried by policy.
 *
 * @module
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { applySecurity, holdCredentials, type Credential, type SecurityScheme } from "./auth.js"
import { decodeResponse, pointerOf, type Received } from "./decode.js"
import { buildUrl, encodeBody, parameterHeaders, type EncodedBody } from "./encode.js"
import { InvalidInput, TransportError, type OperationError } from "./errors.js"
import type { BodySpec, OperationInput, OperationSpec, Validator } from "./operation.js"
import { scheduleOf, type RetrySetting } from "./retry.js"
import type { Transport } from "./transport.js"

/** What every generated client's layer takes. */
export interface ClientOptions {
  /** Where the API is, without a trailing slash (the paths are appended). */
  readonly baseUrl: string
  /** Credentials by security scheme name; held `Redacted`. */
  readonly auth?: Readonly<Record<string, Credential | undefined>>
  /** The retry policy of every call (default: `retryPolicy` by idempotency; `false` for none). */
  readonly retry?: RetrySetting
  /** Per-request timeout (default 30 s). */
  readonly timeout?: Duration.DurationInput
  /** Headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>
  /** The response header that carries the server's request id (default: what the spec declares, else `x-request-id`). */
  readonly requestIdHeader?: string
}

/** What a single call may change. */
export interface CallOptions {
  /** The retry policy of this call, in place of the client's (`false` for none). */
  readonly retry?: RetrySetting
  /** The timeout of each request of this call, in place of the client's. */
  readonly timeout?: Duration.DurationInput
  /** Headers for this call, over the client's headers of the same name. */
  readonly headers?: Readonly<Record<string, string>>
}

/** What the generator knows of an API besides its operations. */
export interface ApiDescription {
  /** The security schemes of the spec, by name. */
  readonly securitySchemes: Readonly<Record<string, SecurityScheme>>
  /** The response header the spec declares for request ids, if any. */
  readonly requestIdHeader: string | undefined
}

/** Sends one operation and returns its decoded response; `url` replaces the built URL (next links). */
export type Executor = (operation: OperationSpec, input: OperationInput | undefined, options?: CallOptions, url?: string) => Effect.Effect<Received<unknown>, OperationError>

const checkBaseUrl = (baseUrl: string): string => {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new InvalidInput({ operation: "layer", pointer: "/baseUrl", message: "baseUrl is not a URL" })
  }
  if (url.username !== "" || url.password !== "") throw new InvalidInput({ operation: "layer", pointer: "/baseUrl", message: "baseUrl must not carry credentials: use the auth option" })
  return url.origin + url.pathname.replace(/\/+$/, "")
}

const invalid = (operation: string, where: string, validate: Validator): InvalidInput => {
  const first = validate.errors?.[0]
  const pointer = `${where}${first === undefined ? "" : pointerOf(first)}`
  return new InvalidInput({ operation, pointer, message: `${operation}: ${pointer === "" ? "the input" : pointer} ${first?.message ?? "is invalid"}` })
}

const checkInput = (operation: OperationSpec, input: OperationInput): InvalidInput | BodySpec["content"][number] | undefined => {
  const params = operation.validateParameters
  if (params !== undefined && !params({ path: input.path, query: input.query, headers: input.headers, cookies: input.cookies })) {
    return invalid(operation.id, "", params)
  }
  const body = operation.body
  if (body === undefined) return undefined
  if (input.body === undefined) {
    return body.required ? new InvalidInput({ operation: operation.id, pointer: "/body", message: `${operation.id}: a body is required` }) : undefined
  }
  const chosen = input.contentType === undefined ? body.content[0] : body.content.find((c) => c.mediaType === input.contentType)
  if (chosen === undefined) {
    return new InvalidInput({ operation: operation.id, pointer: "/contentType", message: `${operation.id}: contentType must be one of ${body.content.map((c) => c.mediaType).join(", ")}` })
  }
  const plain = !(input.body instanceof FormData || input.body instanceof URLSearchParams || input.body instanceof Blob || input.body instanceof Uint8Array)
  if (chosen.validate !== undefined && plain && !chosen.validate(input.body)) return invalid(operation.id, "/body", chosen.validate)
  return chosen
}

/** Builds the executor of a client from its transport, options and what the spec says of security. */
export const makeExecutor = (transport: Transport, options: ClientOptions, api: ApiDescription): Executor => {
  const baseUrl = checkBaseUrl(options.baseUrl)
  const credentials = holdCredentials(options.auth)
  const requestIdHeader = (options.requestIdHeader ?? api.requestIdHeader ?? "x-request-id").toLowerCase()
  const defaultTimeout = Duration.decode(options.timeout ?? Duration.seconds(30))
  const accepts = new WeakMap<OperationSpec, string>()
  const acceptOf = (operation: OperationSpec): string => {
    let accept = accepts.get(operation)
    if (accept === undefined) {
      const types = new Set(Object.values(operation.responses).flatMap((r) => r.content.map((c) => c.mediaType)))
      accept = types.size === 0 ? "*/*" : [...types].join(", ")
      accepts.set(operation, accept)
    }
    return accept
  }

  // Nothing (input checks, encoding) happens until the returned effect runs.
  return (operation, input = {}, call = {}, url) => Effect.suspend(() => {
    const checked = checkInput(operation, input)
    if (checked instanceof InvalidInput) return Effect.fail(checked)
    const headers: Record<string, string> = { accept: acceptOf(operation) }
    for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = v
    for (const [k, v] of Object.entries(call.headers ?? {})) headers[k.toLowerCase()] = v
    parameterHeaders(operation, input, headers)
    const query: Array<[string, string]> = []
    applySecurity(operation.security, api.securitySchemes, credentials, headers, query)
    const target = url ?? buildUrl(baseUrl, operation, input, query)
    const timeout = call.timeout === undefined ? defaultTimeout : Duration.decode(call.timeout)
    const encoded: EncodedBody | Promise<EncodedBody> | undefined = checked === undefined ? undefined : encodeBody(checked.kind, checked.mediaType, input.body)
    const withBody = (body: EncodedBody | undefined) => {
      if (body !== undefined) headers["content-type"] = body.contentType
      return transport.send({ operation: operation.id, method: operation.method, url: target, headers, body: body?.body }, timeout)
    }
    const exchange = (encoded instanceof Promise
      ? Effect.flatMap(
          Effect.tryPromise({
            try: () => encoded,
            catch: () => new TransportError({ operation: operation.id, reason: "Refused", message: `${operation.id}: the body could not be read` })
          }),
          withBody
        )
      : withBody(encoded)
    ).pipe(Effect.flatMap((response) => Effect.flatMap(Clock.currentTimeMillis, (now) => decodeResponse(operation, response, requestIdHeader, now))))
    const schedule = scheduleOf(operation.method, call.retry !== undefined ? call.retry : options.retry)
    return schedule === undefined ? exchange : Effect.retry(exchange, schedule)
  })
}
