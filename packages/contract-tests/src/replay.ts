import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import { responseText, type HarEntry } from "./har.js"
import type { SpecIndex } from "./spec-index.js"

const canonical = (method: string, url: URL) =>
  `${method.toUpperCase()} ${url.pathname} ${[...url.searchParams].map(([k, v]) => `${k}=${v}`).sort().join("&")}`

/**
 * A `fetch` that answers from recorded entries instead of the network: a request gets the first
 * unused entry with the same method, path and query (compared decoded, in any order).
 */
export const harFetch = (entries: ReadonlyArray<HarEntry>): typeof globalThis.fetch => {
  const unused = [...entries]
  return async (input, init) => {
    const request = new Request(input, init)
    const key = canonical(request.method, new URL(request.url))
    const i = unused.findIndex((e) => canonical(e.request.method, new URL(e.request.url)) === key)
    if (i < 0) throw new TypeError(`no recorded entry for ${key}`)
    const [entry] = unused.splice(i, 1)
    const bodyless = [204, 205, 304].includes(entry!.response.status)
    return new Response(bodyless ? null : responseText(entry!), {
      status: entry!.response.status,
      headers: entry!.response.headers.map((h) => [h.name, h.value] as [string, string])
    })
  }
}

/** The error a replayed call failed with when the caller does not say its type: a tagged error. */
export interface ReplayedError {
  /** The error's tag. */
  readonly _tag: string
}

/** What replaying one entry through a client gave. */
export type ReplayOutcome<E = ReplayedError> =
  | {
      /** The client call succeeded. */
      readonly _tag: "Success"
      /** The operation replayed. */
      readonly operationId: string
      /** What the call returned. */
      readonly value: unknown
    }
  | {
      /** The client call failed. */
      readonly _tag: "Failure"
      /** The operation replayed. */
      readonly operationId: string
      /** The typed error it failed with. */
      readonly error: E
    }

/** A recorded request as the spec reads it: what a client call must stand for. */
export interface ReplayRequest {
  /** The spec's operation for the request's method and path. */
  readonly operationId: string
  /** The path parameters, by name, as the request's path gave them. */
  readonly pathParams: Record<string, string>
  /** The request's URL (its query is the call's query parameters). */
  readonly url: URL
}

/**
 * Replays one recorded entry through any client: the entry is matched to its operation in the spec,
 * `call` makes the client call that request stands for, and the client's `fetch`
 * (`FetchHttpClient.Fetch`) answers from the entry. A request that is no operation of the spec is a
 * defect, as is a call the entry cannot answer.
 */
export const replayThrough = <E, R>(
  index: SpecIndex,
  entry: HarEntry,
  call: (request: ReplayRequest) => Effect.Effect<unknown, E, R>
): Effect.Effect<ReplayOutcome<E>, never, R> => {
  const url = new URL(entry.request.url)
  const matched = index.match(entry.request.method, url.pathname)
  if (matched === undefined) return Effect.die(new Error(`${entry.request.method} ${url.pathname} is no operation of the spec`))
  const operationId = matched.operation.operationId
  return Effect.suspend(() => call({ operationId, pathParams: matched.pathParams, url })).pipe(
    Effect.match({
      onSuccess: (value): ReplayOutcome<E> => ({ _tag: "Success", operationId, value }),
      onFailure: (error): ReplayOutcome<E> => ({ _tag: "Failure", operationId, error })
    }),
    // Effect 4's fetch client reads `Fetch` from the fiber that sends, so it goes on the call, not the layer.
    Effect.provideService(FetchHttpClient.Fetch, harFetch([entry]))
  )
}
