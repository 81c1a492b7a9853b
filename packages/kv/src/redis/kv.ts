import { createLocks } from '../locks.js';
import type { ErrorReporter, Kv } from '../types.js';
import { createRedisCache } from './cache.js';
import { connectRedis, disconnectRedis } from './connection.js';
import { createRedisLockStore } from './lock-store.js';
import { createRedisPubSub } from './pubsub.js';

export async function createRedisKv(url: string, prefix: string, onError: ErrorReporter): Promise<Kv> {
  const client = await connectRedis(url, onError);
  // Pub/sub gets a connection of its own: under RESP2 a subscribed connection can run no other commands.
  const subscriber = await connectRedis(url, onError).catch(async (error: unknown) => {
    await disconnectRedis(client);
    throw error;
  });
  let closing: Promise<void> | undefined;

  return {
    mode: 'redis',
    cache: createRedisCache(client, `${prefix}:cache:`),
    locks: createLocks(createRedisLockStore(client, `${prefix}:lock:`), onError),
    pubsub: createRedisPubSub(client, subscriber, `${prefix}:`, onError),
    async ping() {
      await Promise.all([client.ping(), subscriber.ping()]);
    },
    close() {
      closing ??= Promise.all([disconnectRedis(client), disconnectRedis(subscriber)]).then(() => undefined);
      return closing;
    },
  };
}
