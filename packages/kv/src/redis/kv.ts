import { createLocks } from '../locks.js';
import type { ErrorReporter, Kv } from '../types.js';
import { createRedisCache } from './cache.js';
import { connectRedis, disconnectRedis, type RedisConnectionOptions } from './connection.js';
import { redisCall } from './errors.js';
import { createRedisLockStore } from './lock-store.js';
import { createRedisPubSub } from './pubsub.js';
import type { LivenessOptions } from './subscription-liveness.js';

export interface RedisKvOptions extends RedisConnectionOptions {
  prefix: string;
  onError: ErrorReporter;
  /** How the pub/sub connection is watched: a lost subscription must be noticed within a second. */
  heartbeat: LivenessOptions;
}

export async function createRedisKv(url: string, { prefix, heartbeat, ...connection }: RedisKvOptions): Promise<Kv> {
  const client = await connectRedis(url, connection);
  // Pub/sub gets a connection of its own: under RESP2 a subscribed connection can run no other commands.
  const subscriber = await connectRedis(url, connection).catch(async (error: unknown) => {
    await disconnectRedis(client);
    throw error;
  });
  const pubsub = createRedisPubSub(client, subscriber, `${prefix}:`, connection.onError, heartbeat);
  // A paused Redis drops no connection: this is the only sign that messages stopped arriving.
  pubsub.onLiveChange((live) => {
    if (live) connection.onRestored('The Redis pub/sub subscription is live again');
    else connection.onError(new Error('The Redis pub/sub subscription is not live: messages published meanwhile may be missed'));
  });
  let closing: Promise<void> | undefined;

  return {
    mode: 'redis',
    redis: { client, keyPrefix: `${prefix}:` },
    cache: createRedisCache(client, `${prefix}:cache:`),
    locks: createLocks(createRedisLockStore(client, `${prefix}:lock:`), connection.onError),
    pubsub,
    async ping() {
      await redisCall(() => Promise.all([client.ping(), subscriber.ping()]));
    },
    close() {
      pubsub.close();
      closing ??= Promise.all([disconnectRedis(client), disconnectRedis(subscriber)]).then(() => undefined);
      return closing;
    },
  };
}
