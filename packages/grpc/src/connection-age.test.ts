import { describe, expect, it } from 'vitest';
import { createHealthClient, unary } from './client.js';
import { createHealthService } from './health.js';
import { loopbackServers } from './test-loopback.js';

const loopback = loopbackServers();

describe('connection recycling under load', () => {
  // A server recycles connections (max_connection_age, so that Kubernetes can rebalance): the
  // calls that raced its GOAWAY are refused by HTTP/2 without ever reaching a handler. Such a call
  // must be retried by the channel, not answered as "Stream refused by server" to the user.
  it('answers every call while the server recycles its connections many times', async () => {
    const client = await loopback.serve((server) => createHealthService().addTo(server), createHealthClient, {
      'grpc.max_connection_age_ms': 50,
      'grpc.max_connection_age_grace_ms': 5_000,
    });
    const failures: string[] = [];
    let answered = 0;
    const until = Date.now() + 2_500;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (Date.now() < until) {
          try {
            await unary(client, 'Check', { service: '' }, { ctx: { requestId: 'recycle' } });
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
