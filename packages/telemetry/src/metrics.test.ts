import { register as globalRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics } from './index.js';

describe('createMetrics', () => {
  it('exposes default metrics and the Coffer metrics in its own registry', async () => {
    const metrics = createMetrics();
    metrics.httpRequestsTotal.inc({ method: 'GET', route: '/api/v1/orgs', status: '200' });
    metrics.httpRequestDurationSeconds.observe({ method: 'GET', route: '/api/v1/orgs' }, 0.004);
    metrics.grpcRequestsTotal.inc({ service: 'coffer.v1.SecretService', method: 'Inject', code: 'OK' });
    metrics.decryptionFailuresTotal.inc();
    metrics.auditEventsTotal.inc({ outcome: 'written' });
    metrics.auditBufferSize.set(3);

    const text = await metrics.registry.metrics();

    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('coffer_http_requests_total{method="GET",route="/api/v1/orgs",status="200"} 1');
    expect(text).toContain('coffer_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/v1/orgs"} 1');
    expect(text).toContain('coffer_grpc_requests_total{service="coffer.v1.SecretService",method="Inject",code="OK"} 1');
    expect(text).toContain('coffer_decryption_failures_total 1');
    expect(text).toContain('coffer_audit_events_total{outcome="written"} 1');
    expect(text).toContain('coffer_audit_buffer_size 3');
  });

  it('gives every call its own registry and leaves the global one empty', async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.decryptionFailuresTotal.inc();

    expect(await second.registry.metrics()).toContain('coffer_decryption_failures_total 0');
    expect(await globalRegistry.getMetricsAsJSON()).toEqual([]);
  });
});
