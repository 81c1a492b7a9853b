import { describe, expect, it } from 'vitest';
import { createHealthClient, unary } from './client.js';
import { CofferError } from '@coffer/contract';
import type { HealthClient } from './generated/grpc/health/v1/Health.js';
import type { HealthCheckResponse__Output } from './generated/grpc/health/v1/HealthCheckResponse.js';
import { createHealthService, type HealthService } from './health.js';
import { loopbackServers } from './test-loopback.js';

const ctx = { requestId: 'health-test' };
const loopback = loopbackServers();

async function serveHealth(): Promise<{ health: HealthService; client: HealthClient }> {
  const health = createHealthService();
  const client = await loopback.serve((server) => health.addTo(server), createHealthClient);
  return { health, client };
}

/** Collects Watch updates; `next(n)` resolves once n have arrived. */
function watch(client: HealthClient, service: string) {
  const received: string[] = [];
  let ended = false;
  const stream = client.Watch({ service });
  stream.on('data', (response: HealthCheckResponse__Output) => received.push(response.status));
  stream.on('end', () => (ended = true));
  stream.on('error', () => undefined);
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  return {
    received,
    next: (count: number) => until(() => received.length >= count),
    ended: () => until(() => ended),
    cancel: () => stream.cancel(),
  };
}

describe('health service', () => {
  it('answers Check with the status of a registered service and of the whole server', async () => {
    const { health, client } = await serveHealth();
    health.setStatus('coffer.v1.SecretService', 'SERVING');

    expect(await unary(client, 'Check', { service: 'coffer.v1.SecretService' }, { ctx })).toEqual({ status: 'SERVING' });
    expect(await unary(client, 'Check', { service: '' }, { ctx })).toEqual({ status: 'SERVING' });

    health.setStatus('coffer.v1.SecretService', 'NOT_SERVING');
    expect(await unary(client, 'Check', { service: 'coffer.v1.SecretService' }, { ctx })).toEqual({ status: 'NOT_SERVING' });
  });

  it('answers Check for an unknown service with NOT_FOUND', async () => {
    const { client } = await serveHealth();

    const error = await unary(client, 'Check', { service: 'coffer.v1.Nope' }, { ctx }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CofferError);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('streams status changes to watchers, SERVICE_UNKNOWN first for an unregistered service', async () => {
    const { health, client } = await serveHealth();
    const watcher = watch(client, 'coffer.v1.AuditService');
    await watcher.next(1);

    health.setStatus('coffer.v1.AuditService', 'SERVING');
    health.setStatus('coffer.v1.AuditService', 'SERVING');
    health.setStatus('coffer.v1.AuditService', 'NOT_SERVING');
    await watcher.next(3);

    expect(watcher.received).toEqual(['SERVICE_UNKNOWN', 'SERVING', 'NOT_SERVING']);
    watcher.cancel();
  });

  it('on shutdown reports NOT_SERVING and ends Watch streams so the server can stop gracefully', async () => {
    const { health, client } = await serveHealth();
    const watcher = watch(client, '');
    await watcher.next(1);

    health.shutdown();
    await watcher.ended();
    health.setStatus('', 'SERVING');

    expect(watcher.received).toEqual(['SERVING', 'NOT_SERVING']);
    expect(await unary(client, 'Check', { service: '' }, { ctx })).toEqual({ status: 'NOT_SERVING' });
  });
});
