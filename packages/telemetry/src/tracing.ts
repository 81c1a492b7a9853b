export interface Tracing {
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  serviceName: string;
}

/**
 * Starts OpenTelemetry tracing when an OTLP endpoint is configured; the exporter itself reads the
 * standard OTEL_* variables. Without an endpoint nothing starts and shutdown does nothing; the SDK is
 * not even loaded (it costs every process about 30 MB and 0.4 s of start-up).
 */
export async function startTracing({ serviceName }: TracingOptions): Promise<Tracing> {
  const { OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT } = process.env;
  if (!OTEL_EXPORTER_OTLP_ENDPOINT && !OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
    return { shutdown: async () => {} };
  }
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const sdk = new NodeSDK({
    serviceName,
    // Metrics are scraped from prom-client and logs go through pino; the SDK would otherwise
    // also start OTLP metric and log exporters by default.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
