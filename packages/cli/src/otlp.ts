import * as Cause from "effect/Cause"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as OtlpMetrics from "effect/observability/OtlpMetrics"
import * as OtlpSerialization from "effect/observability/OtlpSerialization"
import * as OtlpTracer from "effect/observability/OtlpTracer"

/**
 * Each exporter's last flush, when the run ends, is cut after this long (traces and metrics flush
 * one after the other: at most twice this in all), so a collector that is down or slow never holds
 * the exit up for long.
 */
const shutdownTimeout = "1 second"

/** One part of a log message as text: an error's message, not its stack. */
const textOf = (part: unknown): string => {
  const value = Cause.isCause(part) ? Cause.squash(part) : part
  return value instanceof Error ? value.message : typeof value === "string" ? value : String(value)
}

/**
 * The exporters' own logs (an export that failed: "Disabling exporter for 60 seconds", with the
 * error) as one line on stderr, like every message of the command, and none with `--quiet`.
 */
const oneLineLogger = (quiet: boolean) =>
  Logger.make(({ message, cause }) => {
    if (quiet) return
    const parts = [...(Array.isArray(message) ? message : [message]), ...(cause.reasons.length > 0 ? [cause] : [])]
    process.stderr.write(`deleted-users: telemetry: ${parts.map(textOf).join(": ").replace(/\s+/g, " ")}\n`)
  })

/**
 * Exports the run's spans and metrics over OTLP/HTTP (JSON) to `baseUrl` (`/v1/traces`,
 * `/v1/metrics`), through a client of its own (never the Zendesk client, so never its credentials);
 * what is left is flushed when the layer's scope closes. Loaded only when an endpoint is given (see
 * `telemetry.ts`), so a run without one does not load or build any of it.
 */
export const layer = (baseUrl: string, serviceVersion: string, quiet: boolean) => {
  const resource = { serviceName: "deleted-users", serviceVersion }
  const base = baseUrl.replace(/\/+$/, "")
  return Layer.mergeAll(
    OtlpTracer.layer({ url: `${base}/v1/traces`, resource, shutdownTimeout }),
    OtlpMetrics.layer({ url: `${base}/v1/metrics`, resource, shutdownTimeout })
  ).pipe(Layer.provide(Layer.mergeAll(OtlpSerialization.layerJson, FetchHttpClient.layer, Logger.layer([oneLineLogger(quiet)]))))
}
