import { z } from 'zod';
import { createPublicKey } from 'node:crypto';
import { address, directory, ed25519Key, host, integer, key32, milliseconds, oneOf, optional, port, size, url, withDefault } from './variables.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const variables = {
  COFFER_HTTP_PORT: withDefault(port(1), '8080'),
  COFFER_HTTP_HOST: withDefault(host(), '127.0.0.1'),
  COFFER_DATA_DIR: withDefault(directory(), './.coffer'),
  DATABASE_URL: optional(url(['postgres', 'postgresql'])),
  // The schema owner, for migrations; the services themselves should log in as coffer_app.
  DATABASE_OWNER_URL: optional(url(['postgres', 'postgresql'])),
  REDIS_URL: optional(url(['redis', 'rediss'])),
  COFFER_MASTER_KEY: optional(key32()),
  // Auth signs principals with the private key; the services verify them with the public one. A
  // process that runs auth, secret and audit together makes a throwaway pair when none is given.
  COFFER_PRINCIPAL_SIGNING_KEY: optional(ed25519Key('private')),
  COFFER_PRINCIPAL_VERIFY_KEY: optional(ed25519Key('public')),
  COFFER_LOG_LEVEL: withDefault(oneOf(LOG_LEVELS), 'info'),
  COFFER_GRPC_HOST: withDefault(host(), '127.0.0.1'),
  // 0 lets the OS pick a free port.
  COFFER_GRPC_PORT: withDefault(port(0), '0'),
  COFFER_AUTH_ADDR: optional(address()),
  COFFER_SECRET_ADDR: optional(address()),
  COFFER_AUDIT_ADDR: optional(address()),
  COFFER_BODY_LIMIT: withDefault(size(), '256kb'),
  COFFER_AUDIT_FLUSH_MS: withDefault(milliseconds(1), '200'),
  COFFER_AUDIT_BATCH_SIZE: withDefault(integer(1, 100_000), '200'),
  // 0 turns the authentication cache off.
  COFFER_AUTH_CACHE_TTL_MS: withDefault(milliseconds(0), '10000'),
  COFFER_SHUTDOWN_TIMEOUT_MS: withDefault(milliseconds(1), '10000'),
  COFFER_DB_POOL_MAX: withDefault(integer(1, 1000), '10'),
};

const COFFER_VARIABLES = Object.keys(variables).filter((name) => name.startsWith('COFFER_'));
// The coffer CLI's variables: a shell that runs both must not stop the server.
const CLIENT_VARIABLES = ['COFFER_TOKEN', 'COFFER_API_URL'];

export const configSchema = z
  .looseObject(variables)
  .superRefine(
    (env, ctx) => {
      for (const name of Object.keys(env)) {
        if (name.startsWith('COFFER_') && !COFFER_VARIABLES.includes(name) && !CLIENT_VARIABLES.includes(name)) {
          ctx.addIssue({ code: 'custom', path: [name], message: `unknown variable; the valid ones are ${COFFER_VARIABLES.join(', ')}` });
        }
      }
    },
    // A typo must be reported alongside bad values, not only once they are fixed.
    { when: () => true },
  )
  .superRefine((env, ctx) => {
    const { COFFER_PRINCIPAL_SIGNING_KEY: signing, COFFER_PRINCIPAL_VERIFY_KEY: verify } = env;
    if (signing && verify && !createPublicKey(signing).equals(verify)) {
      ctx.addIssue({ code: 'custom', path: ['COFFER_PRINCIPAL_VERIFY_KEY'], message: 'is not the public half of COFFER_PRINCIPAL_SIGNING_KEY' });
    }
  })
  .transform((env) => ({
    httpHost: env.COFFER_HTTP_HOST,
    httpPort: env.COFFER_HTTP_PORT,
    grpcHost: env.COFFER_GRPC_HOST,
    grpcPort: env.COFFER_GRPC_PORT,
    authAddr: env.COFFER_AUTH_ADDR,
    secretAddr: env.COFFER_SECRET_ADDR,
    auditAddr: env.COFFER_AUDIT_ADDR,
    dataDir: env.COFFER_DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    databaseOwnerUrl: env.DATABASE_OWNER_URL,
    redisUrl: env.REDIS_URL,
    masterKey: env.COFFER_MASTER_KEY,
    principalSigningKey: env.COFFER_PRINCIPAL_SIGNING_KEY,
    principalVerifyKey: env.COFFER_PRINCIPAL_VERIFY_KEY,
    logLevel: env.COFFER_LOG_LEVEL,
    bodyLimit: env.COFFER_BODY_LIMIT,
    auditFlushMs: env.COFFER_AUDIT_FLUSH_MS,
    auditBatchSize: env.COFFER_AUDIT_BATCH_SIZE,
    authCacheTtlMs: env.COFFER_AUTH_CACHE_TTL_MS,
    shutdownTimeoutMs: env.COFFER_SHUTDOWN_TIMEOUT_MS,
    dbPoolMax: env.COFFER_DB_POOL_MAX,
    embedded: env.DATABASE_URL === undefined,
  }));

export type Config = Readonly<z.output<typeof configSchema>>;
