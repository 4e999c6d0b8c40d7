import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import type * as OtlpExporter from "effect/observability/OtlpExporter"
import * as Option from "effect/Option"
import { UsageError } from "./errors.js"
import { stripUrlSecrets } from "./secrets.js"
import { escapeInvisible } from "./text.js"
import { packageVersion } from "./version.js"

/**
 * What is wrong with an OTLP endpoint as typed (`--otlp-endpoint` or `OTEL_EXPORTER_OTLP_ENDPOINT`),
 * or undefined: checked like a base URL (see `baseUrlProblem`), before a URL parser reads it. It
 * must be an http or https URL with no space, control or invisible character, no user info (`@`:
 * telemetry never carries credentials) and no query or fragment (the signal's path is appended).
 * The message never shows the user info; a query is shown as `?<redacted>`.
 */
export const otlpEndpointProblem = (text: string): string | undefined => {
  const odd = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Z}]/u.exec(text)
  if (odd !== null) {
    return `an OTLP endpoint must not have spaces or control or invisible characters, got ${odd[0] === " " ? "a space" : escapeInvisible(odd[0])} at character ${odd.index + 1}`
  }
  if (text.includes("@")) return "an OTLP endpoint must not carry credentials (user:password@)"
  if (/[?#]/.test(text)) return `an OTLP endpoint must not have a query or fragment, got ${stripUrlSecrets(text)}`
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return `not a URL: ${JSON.stringify(text.slice(0, 80))}; give one like http://127.0.0.1:4318`
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `an OTLP endpoint must be http or https, got ${url.protocol}`
  return undefined
}

/**
 * The telemetry of this run: `--otlp-endpoint`, else `OTEL_EXPORTER_OTLP_ENDPOINT`, else none (an
 * empty value is none). With none, nothing is loaded or built and the default tracer makes no spans.
 * With one, the OTLP exporter is loaded (a lazy import, off the start-up path) and its layer is
 * returned; a bad endpoint is a `UsageError` (exit 2, nothing sent). An export that fails is one
 * line on stderr (none with `quiet`), and never fails the run.
 */
export const telemetryLayer = (
  flag: Option.Option<string>,
  options: { readonly env?: string | undefined; readonly quiet?: boolean | undefined } = { env: process.env.OTEL_EXPORTER_OTLP_ENDPOINT }
): Effect.Effect<Option.Option<Layer.Layer<OtlpExporter.Flusher>>, UsageError> =>
  Effect.gen(function* () {
    const source = Option.isSome(flag) ? "--otlp-endpoint" : "OTEL_EXPORTER_OTLP_ENDPOINT"
    const endpoint = Option.isSome(flag) ? flag.value : options.env
    if (endpoint === undefined || endpoint === "") return Option.none()
    const problem = otlpEndpointProblem(endpoint)
    if (problem !== undefined) return yield* new UsageError({ message: `configuration: ${source}: ${problem}; fix ${source}` })
    const otlp = yield* Effect.promise(() => import("./otlp.js"))
    return Option.some<Layer.Layer<OtlpExporter.Flusher>>(otlp.layer(endpoint, packageVersion, options.quiet === true))
  })
