import { defineSlice, matching, milliseconds, optional, url, withDefault } from '@coffer/config';
import { defineModule, readyWhen } from '@coffer/module';
import { createKv, DEFAULT_COMMAND_TIMEOUT_MS } from './create-kv.js';
import type { Kv } from './types.js';

const PREFIX = /^[A-Za-z0-9:_-]{1,64}$/;

export const kvSlice = defineSlice(
  {
    REDIS_URL: optional(url(['redis', 'rediss'])),
    // Namespaces every key and channel, so deployments (or test runs) can share one Redis.
    COFFER_REDIS_PREFIX: withDefault(matching(PREFIX, '1 to 64 letters, digits or :_-'), 'coffer'),
    // Every Redis command fails after this long (503 to a client) instead of waiting on a paused or unreachable Redis.
    COFFER_REDIS_COMMAND_TIMEOUT_MS: withDefault(milliseconds(1), String(DEFAULT_COMMAND_TIMEOUT_MS)),
  },
  (env) => ({ redisUrl: env.REDIS_URL, prefix: env.COFFER_REDIS_PREFIX, commandTimeoutMs: env.COFFER_REDIS_COMMAND_TIMEOUT_MS }),
);

export const kvModule = defineModule<ReturnType<typeof kvSlice.toConfig>, Kv>({
  name: 'kv',
  kind: 'infrastructure',
  description: 'Redis (REDIS_URL) or in-process cache, locks and pub/sub',
  dependsOn: [],
  config: kvSlice,
  async start(ctx) {
    const kv = await createKv({
      redisUrl: ctx.config.redisUrl,
      prefix: ctx.config.prefix,
      commandTimeoutMs: ctx.config.commandTimeoutMs,
      // A lost connection drops pub/sub messages (token revocations): operators must see it.
      onError: (err) => ctx.logger.error({ err }, 'redis connection problem'),
      onRestored: (message) => ctx.logger.info(message),
    });
    return {
      exports: kv,
      stop: () => kv.close(),
      ready: readyWhen(() => kv.ping()),
    };
  },
});
