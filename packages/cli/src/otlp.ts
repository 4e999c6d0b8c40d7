import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import * as OtlpMetrics from "effect/observability/OtlpMetrics"
import * as OtlpSerialization from "effect/observability/OtlpSerialization"
import * as OtlpTracer from "effect/observability/OtlpTracer"

/**
 * Each exporter's last flush, when the run ends, is cut after this long (traces and metrics flush
 * one after the other: at most twice this in all), so a collector that is down or slow never holds
 * the exit up for long.
 */
const shutdownTimeout = "1 second"

/**
 * Exports the run's spans and metrics over OTLP/HTTP (JSON) to `baseUrl` (`/v1/traces`,
 * `/v1/metrics`), through a client of its own (never the Zendesk client, so never its credentials);
 * what is left is flushed when the layer's scope closes. Loaded only when an endpoint is given (see
 * `telemetry.ts`), so a run without one does not load or build any of it.
 */
export const layer = (baseUrl: string, serviceVersion: string) => {
  const resource = { serviceName: "deleted-users", serviceVersion }
  const base = baseUrl.replace(/\/+$/, "")
  return Layer.mergeAll(
    OtlpTracer.layer({ url: `${base}/v1/traces`, resource, shutdownTimeout }),
    OtlpMetrics.layer({ url: `${base}/v1/metrics`, resource, shutdownTimeout })
  ).pipe(Layer.provide(Layer.merge(OtlpSerialization.layerJson, FetchHttpClient.layer)))
}
