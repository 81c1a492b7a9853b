import type * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { createHealthClient, unary } from './client.js';
import type { HealthClient } from './generated/grpc/health/v1/Health.js';
import { createHealthService } from './health.js';
import { bindServer, createGrpcServer, shutdownServer } from './server.js';

let server: grpc.Server | undefined;
let client: HealthClient | undefined;

afterEach(async () => {
  client?.close();
  if (server) await shutdownServer(server, 1_000);
  server = client = undefined;
});

describe('connection recycling under load', () => {
  // A server recycles connections (max_connection_age, so that Kubernetes can rebalance): the
  // calls that raced its GOAWAY are refused by HTTP/2 without ever reaching a handler. Such a call
  // must be retried by the channel, not answered as "Stream refused by server" to the user.
  it('answers every call while the server recycles its connections many times', async () => {
    server = createGrpcServer({ 'grpc.max_connection_age_ms': 50, 'grpc.max_connection_age_grace_ms': 5_000 });
    createHealthService().addTo(server);
    const port = await bindServer(server, '127.0.0.1', 0);
    client = createHealthClient(`127.0.0.1:${port}`);
    const failures: string[] = [];
    let answered = 0;
    const until = Date.now() + 2_500;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (Date.now() < until) {
          try {
            await unary(client!, 'Check', { service: '' }, { ctx: { requestId: 'recycle' } });
            answered++;
          } catch (err) {
            failures.push((err as Error).message);
          }
        }
      }),
    );

    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(1_000);
  });
});
