import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTracing } from './index.js';

interface Received {
  path: string | undefined;
  body: Buffer;
}

async function startCollector() {
  const received: Received[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ path: req.url, body: Buffer.concat(chunks) });
    res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('startTracing', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  // Runs first: once the SDK registers a tracer provider it stays registered for the process.
  it('starts nothing without an OTLP endpoint', async () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', undefined);
    vi.stubEnv('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', undefined);

    const tracing = await startTracing({ serviceName: 'coffer-test' });
    const span = trace.getTracer('test').startSpan('probe');
    span.end();

    expect(isSpanContextValid(span.spanContext())).toBe(false);
    await expect(tracing.shutdown()).resolves.toBeUndefined();
  });

  it('exports spans over OTLP to the configured endpoint, flushing on shutdown', async () => {
    const collector = await startCollector();
    try {
      vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', collector.endpoint);

      const tracing = await startTracing({ serviceName: 'coffer-test' });
      const span = trace.getTracer('test').startSpan('probe-span');
      span.end();
      await tracing.shutdown();

      expect(isSpanContextValid(span.spanContext())).toBe(true);
      const traces = collector.received.filter(({ path }) => path === '/v1/traces');
      expect(traces).toHaveLength(1);
      const body = traces[0]?.body.toString('latin1') ?? '';
      expect(body).toContain('coffer-test');
      expect(body).toContain('probe-span');
      expect(collector.received.map(({ path }) => path)).toEqual(['/v1/traces']);
    } finally {
      await collector.close();
    }
  });
});
