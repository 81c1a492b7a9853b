import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// The inject path is expected to answer in milliseconds, so the low end is finer than prom-client's default.
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * A registry of its own (never prom-client's global one), so several services in one process or
 * one test can each have metrics without name clashes.
 */
export function createMetrics({ exposition }: { exposition?: (registry: Registry) => () => Promise<string> } = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  return {
    registry,
    /** The text /metrics serves: this registry's, or the whole server's when it runs several workers. */
    exposition: exposition?.(registry) ?? (() => registry.metrics()),
    httpRequestsTotal: new Counter({
      name: 'coffer_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern (never the raw path) and status code.',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    httpRequestDurationSeconds: new Histogram({
      name: 'coffer_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method and route pattern.',
      labelNames: ['method', 'route'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    grpcRequestsTotal: new Counter({
      name: 'coffer_grpc_requests_total',
      help: 'gRPC calls handled, by service, method and status code name.',
      labelNames: ['service', 'method', 'code'] as const,
      registers,
    }),
    // No labels: any label here could end up carrying a key name, a key id or a value.
    decryptionFailuresTotal: new Counter({
      name: 'coffer_decryption_failures_total',
      help: 'Secret values or data keys that failed to decrypt.',
      registers,
    }),
    auditEventsTotal: new Counter({
      name: 'coffer_audit_events_total',
      help: 'Audit events, by outcome.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    auditBufferSize: new Gauge({
      name: 'coffer_audit_buffer_size',
      help: 'Audit events buffered and not yet written.',
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
