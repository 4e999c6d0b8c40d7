/**
 * `text/event-stream` responses as a `Stream` of typed events: the body parsed by `eventsource-parser`,
 * each event's `data` JSON-decoded and checked by the schema the spec declares for the media type
 * (a mismatch fails with `DecodeError`, its pointer in the data), and a dropped connection reopened with
 * `Last-Event-ID` after the server's `retry`, a bounded number of times in a row.
 *
 * @module
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { createParser, type EventSourceMessage } from "eventsource-parser"
import { parseJson } from "./decode.js"
import { DecodeError, TransportError } from "./errors.js"
import type { OperationSpec, Validator } from "@effect-openapi/runtime-core"
import { bytesOfAnswer, type StreamedResponse } from "./streaming.js"
import { describeFailure } from "./validation.js"

/** One server-sent event, its `data` decoded by the declared schema. */
export interface ServerSentEvent<A> {
  /** The event's `data`: JSON-decoded (plain text when it is not JSON and the schema takes a string). */
  readonly data: A
  /** The event's type (`event:`), `message` when the server named none. */
  readonly event: string
  /** The last event id the server set (`id:`), if any; sent back as `Last-Event-ID` on reconnect. */
  readonly id: string | undefined
}

/** How an event stream reads and reconnects. */
export interface EventStreamOptions {
  /** Reconnections in a row after a dropped connection, with no event between them (default 3; 0: none). */
  readonly reconnects?: number
  /** The most characters of one event (its lines up to the blank line that ends it; default 1 Mi): past it the stream fails with `TransportError` reason `TooLarge`. */
  readonly maxEventBytes?: number
  /** The longest wait before a reconnection, whatever `retry` the server sets (default 60 s). */
  readonly maxRetryDelay?: Duration.Input
}

/** The wait before reconnecting when the server set no `retry`: 1 s. */
export const defaultRetryDelay = Duration.seconds(1)

/** The events of one opened stream, for `eventStream`: who opens it and how `data` is checked. */
export interface EventSource<E> {
  /** The operationId, for errors. */
  readonly operation: string
  /** Opens the stream (again), sending `Last-Event-ID` when given. */
  readonly open: (lastEventId: string | undefined) => Effect.Effect<StreamedResponse, E>
  /** The validator of the media type's schema, when the spec declares one. */
  readonly validate?: Validator | undefined
  /** What a `data` that breaks the schema does (default `fail`): `warn` logs and yields it, `off` does not check. */
  readonly responses?: "fail" | "warn" | "off"
}

/** Failures that mean the connection dropped (and a reconnection may resume the stream). */
const isDropped = (error: unknown): boolean =>
  error instanceof TransportError && (error.reason === "Body" || error.reason === "Connection" || error.reason === "Timeout" || error.reason === "Refused")

const mediaTypeOf = (headers: Readonly<Record<string, string>>): string => (headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase()

/** The length of the text after its last blank line (an event's end), or undefined when it has none. */
const afterLastEvent = (text: string): number | undefined => {
  const ends = [[text.lastIndexOf("\n\n"), 2], [text.lastIndexOf("\r\r"), 2], [text.lastIndexOf("\r\n\r\n"), 4]] as const
  const end = Math.max(...ends.map(([at, length]) => (at < 0 ? -1 : at + length)))
  return end < 0 ? undefined : text.length - end
}

/**
 * The events of a `text/event-stream` operation as a `Stream`. Before the body, the call's own typed
 * errors; within it, `DecodeError` for a `data` that breaks its schema (or a body of another media
 * type), `TransportError` when the connection drops more than `reconnects` times in a row (each
 * reconnection sends `Last-Event-ID` and waits the server's `retry`, at most `maxRetryDelay`), or when
 * an event passes `maxEventBytes`. The stream ends when the server ends the body.
 */
export const eventStream = <A, E>(source: EventSource<E>, options: EventStreamOptions = {}): Stream.Stream<ServerSentEvent<A>, E | DecodeError | TransportError> =>
  Stream.suspend(() => {
    const reconnects = Math.max(0, options.reconnects ?? 3)
    const maxEventBytes = options.maxEventBytes ?? 1024 * 1024
    const maxDelay = Duration.toMillis(Duration.fromInputUnsafe(options.maxRetryDelay ?? Duration.seconds(60)))
    let lastEventId: string | undefined
    let retryMillis = Duration.toMillis(defaultRetryDelay)
    let failures = 0
    const decodeData = (message: EventSourceMessage, id: string | undefined, response: StreamedResponse): Effect.Effect<ServerSentEvent<A>, DecodeError> => {
      const event = (data: unknown): ServerSentEvent<A> => ({ data: data as A, event: message.event ?? "message", id })
      const parsed = parseJson(message.data)
      const validate = source.validate
      if (validate === undefined || source.responses === "off") return Effect.succeed(event(parsed._tag === "Ok" ? parsed.value : message.data))
      if (parsed._tag === "Ok" && validate(parsed.value)) return Effect.succeed(event(parsed.value))
      const failure = parsed._tag === "Ok" ? describeFailure(validate.errors, "") : { pointer: parsed.pointer, message: parsed.message }
      // A schema of `type: string` takes the data as sent.
      if (validate(message.data)) return Effect.succeed(event(message.data))
      const problem = `event ${message.event ?? "message"}${id === undefined ? "" : ` (id ${id})`}: the data at ${failure.pointer === "" ? "/" : failure.pointer} ${failure.message}`
      if (source.responses === "warn") {
        return Effect.as(Effect.logWarning(`${source.operation}: ${problem} (validation responses: "warn")`).pipe(Effect.annotateLogs({ operation: source.operation, pointer: failure.pointer })), event(parsed._tag === "Ok" ? parsed.value : message.data))
      }
      return Effect.fail(new DecodeError({ operation: source.operation, status: response.status, pointer: failure.pointer, message: `${source.operation}: ${problem}`, requestId: response.requestId }))
    }
    const eventsOf = (response: StreamedResponse): Stream.Stream<ServerSentEvent<A>, DecodeError | TransportError> => {
      const type = mediaTypeOf(response.headers)
      if (type !== "" && type !== "text/event-stream") {
        return Stream.fail(new DecodeError({ operation: source.operation, status: response.status, pointer: "", message: `${source.operation}: the body is ${type}, not text/event-stream`, requestId: response.requestId }))
      }
      const decoder = new TextDecoder()
      const messages: Array<readonly [EventSourceMessage, string | undefined]> = []
      const parser = createParser({
        onEvent: (message) => {
          if (message.id !== undefined) lastEventId = message.id
          messages.push([message, lastEventId])
        },
        onRetry: (millis) => {
          retryMillis = millis
        }
      })
      let pending = 0
      const parse = (chunk: Uint8Array): Effect.Effect<ReadonlyArray<readonly [EventSourceMessage, string | undefined]>, TransportError> => {
        const text = decoder.decode(chunk, { stream: true })
        const rest = afterLastEvent(text)
        pending = rest === undefined ? pending + text.length : rest
        if (pending > maxEventBytes) {
          return Effect.fail(new TransportError({ operation: source.operation, reason: "TooLarge", status: response.status, message: `${source.operation}: an event passed ${maxEventBytes} bytes (maxEventBytes); reading stopped` }))
        }
        parser.feed(text)
        if (messages.length === 0) return Effect.succeed([])
        failures = 0
        return Effect.succeed(messages.splice(0))
      }
      // Each event is decoded as it is pulled: those before a bad one are yielded, then the stream fails.
      return Stream.mapEffect(Stream.flattenIterable(Stream.mapEffect(response.body, parse)), ([message, id]) => decodeData(message, id, response))
    }
    const connect = (): Stream.Stream<ServerSentEvent<A>, E | DecodeError | TransportError> =>
      Stream.catch(
        Stream.unwrap(Effect.map(source.open(lastEventId), eventsOf)),
        (error) => {
          if (!isDropped(error) || failures >= reconnects) return Stream.fail(error)
          failures++
          return Stream.unwrap(Effect.as(Effect.sleep(Duration.millis(Math.min(retryMillis, maxDelay))), connect()))
        }
      )
    return connect()
  })

/** The validator of the `text/event-stream` content of an operation's first 2xx response that declares one. */
export const eventValidator = (operation: OperationSpec): Validator | undefined => {
  for (const [key, response] of Object.entries(operation.responses)) {
    if (!key.startsWith("2")) continue
    const media = response.content.find((c) => c.mediaType.toLowerCase() === "text/event-stream")
    if (media !== undefined) return media.validate
  }
  return undefined
}

/**
 * A test double's answer (the event stream's text) as the events the client would yield, each `data`
 * checked by `validate`: the same parser and decoding, no reconnection. For `layerTest`.
 */
export const eventsOfAnswer = <A, E>(operation: string, answer: Effect.Effect<unknown, E>, validate: Validator | undefined): Stream.Stream<ServerSentEvent<A>, E | DecodeError | TransportError> =>
  eventStream<A, E>({
    operation,
    validate,
    open: () =>
      Effect.map(answer, (body): StreamedResponse => ({ status: 200, headers: { "content-type": "text/event-stream" }, requestId: undefined, body: bytesOfAnswer(Effect.succeed(body)) }))
  }, { reconnects: 0 })
