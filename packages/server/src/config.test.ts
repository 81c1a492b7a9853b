import { execFileSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ConfigError } from '@coffer/config';
import { authModule } from '@coffer/auth';
import { databaseModule } from '@coffer/db';
import { gatewayModule } from '@coffer/gateway';
import { principalSigningModule, principalVerificationModule } from '@coffer/grpc';
import { kvModule } from '@coffer/kv';
import { kmsModule } from '@coffer/secret';
import { MODULES } from './modules.js';
import { createRegistry } from './registry.js';
import { configure } from './runner.js';

/** The settings of the whole platform (`all`) as its modules' slices read them, the way coffer-server starts. */
const registry = createRegistry(MODULES);

function settingsOf(env: NodeJS.ProcessEnv, targets = ['all']) {
  const { platform, configOf } = configure(registry, targets, env);
  return {
    platform,
    database: configOf(databaseModule),
    kv: configOf(kvModule),
    gateway: configOf(gatewayModule),
    auth: configOf(authModule),
    kms: configOf(kmsModule),
    principalSigning: configOf(principalSigningModule),
    principalVerification: configOf(principalVerificationModule),
  };
}

function problemsOf(env: NodeJS.ProcessEnv, targets = ['all']): readonly string[] {
  try {
    configure(registry, targets, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

describe('the configuration of every module, from the environment', () => {
  it('applies the defaults to an empty environment', () => {
    expect(settingsOf({})).toEqual({
      platform: { dataDir: path.resolve('.coffer'), logLevel: 'info', shutdownTimeoutMs: 10_000, grpcHost: '127.0.0.1', grpcPort: 0, workers: 'auto' },
      database: {
        databaseUrl: undefined,
        ownerUrl: undefined,
        poolMax: 10,
        timeouts: { connectMs: 2_000, acquireMs: 2_000, statementMs: 5_000, lockMs: 2_000, idleInTransactionMs: 10_000 },
        embedded: true,
      },
      kv: { redisUrl: undefined, prefix: 'coffer', commandTimeoutMs: 500 },
      gateway: {
        httpHost: '127.0.0.1',
        httpPort: 8080,
        addresses: { auth: undefined, secret: undefined, audit: undefined },
        bodyLimit: 512 * 1024,
        auditFlushMs: 200,
        auditBatchSize: 50,
        authCacheTtlMs: 10_000,
        auditSpoolDir: undefined,
        httpLimits: { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, idleTimeoutMs: 5_000, maxConnections: 1024 },
        rateLimits: { address: 1200, credential: 600, identity: 60 },
        trustedProxies: undefined,
        sso: { problems: [], providers: [], publicUrl: 'http://127.0.0.1:8080' },
      },
      auth: {
        authKey: undefined,
        publicUrl: 'http://127.0.0.1:8080',
        smtpUrl: undefined,
        mailFrom: 'Coffer <coffer@localhost>',
        hibpUrl: undefined,
        hibpTimeoutMs: 2_000,
        accessMs: 15 * 60_000,
        idleMs: 7 * 86_400_000,
        absoluteMs: 30 * 86_400_000,
        deviceCodeMs: 10 * 60_000,
        bruteForce: {
          accountFailures: 10,
          addressFailures: 50,
          forgotPasswordRequests: 5,
          windowMs: 15 * 60_000,
          lockoutMs: 15 * 60_000,
          slowAfter: 3,
          delayMs: 250,
          maxDelayMs: 2_000,
        },
      },
      kms: { masterKey: undefined },
      principalSigning: { privateKey: undefined },
      principalVerification: { publicKeys: [] },
    });
  });

  it('treats an empty value as unset', () => {
    const settings = settingsOf({ COFFER_HTTP_PORT: '', DATABASE_URL: '' });
    expect(settings.gateway?.httpPort).toBe(8080);
    expect(settings.database?.embedded).toBe(true);
  });

  it('ignores variables that are not Coffer settings, and those of the coffer CLI', () => {
    expect(() => settingsOf({ PATH: '/usr/bin', HOME: '/root', NODE_ENV: 'production', COFFER_TOKEN: 't', COFFER_API_URL: 'http://x' })).not.toThrow();
  });

  it('reads every setting from the environment', () => {
    const key = randomBytes(32);
    const authKey = randomBytes(32);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const settings = settingsOf({
      COFFER_HTTP_PORT: '9000',
      COFFER_HTTP_HOST: '0.0.0.0',
      COFFER_DATA_DIR: 'var/coffer',
      DATABASE_URL: 'postgresql://coffer:pw@db.internal:5432/coffer',
      DATABASE_OWNER_URL: 'postgresql://owner:pw@db.internal:5432/coffer',
      REDIS_URL: 'rediss://:pw@cache.internal:6380/1',
      COFFER_REDIS_PREFIX: 'coffer-prod',
      COFFER_REDIS_COMMAND_TIMEOUT_MS: '250',
      COFFER_MASTER_KEY: key.toString('hex'),
      COFFER_AUTH_KEY: authKey.toString('base64'),
      COFFER_PUBLIC_URL: 'https://coffer.example.com/',
      COFFER_SMTP_URL: 'smtps://mailer:pw@smtp.example.com:465',
      COFFER_MAIL_FROM: 'Coffer <no-reply@example.com>',
      COFFER_HIBP_URL: 'https://api.pwnedpasswords.com',
      COFFER_HIBP_TIMEOUT_MS: '1500',
      COFFER_SESSION_ACCESS_TTL: '1h',
      COFFER_SESSION_IDLE_TTL: '24h',
      COFFER_SESSION_ABSOLUTE_TTL: '90d',
      COFFER_DEVICE_CODE_TTL: '5m',
      COFFER_BRUTE_FORCE_ACCOUNT_FAILURES: '5',
      COFFER_BRUTE_FORCE_ADDRESS_FAILURES: '100',
      COFFER_BRUTE_FORCE_RESET_MAILS: '3',
      COFFER_BRUTE_FORCE_WINDOW: '30m',
      COFFER_BRUTE_FORCE_LOCKOUT: '1h',
      COFFER_BRUTE_FORCE_SLOW_AFTER: '2',
      COFFER_BRUTE_FORCE_DELAY_MS: '100',
      COFFER_BRUTE_FORCE_MAX_DELAY_MS: '5000',
      COFFER_RATE_LIMIT_ADDRESS: '3000',
      COFFER_RATE_LIMIT_CREDENTIAL: '0',
      COFFER_RATE_LIMIT_IDENTITY: '20',
      COFFER_PRINCIPAL_SIGNING_KEY: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      COFFER_PRINCIPAL_VERIFY_KEY: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      COFFER_LOG_LEVEL: 'debug',
      COFFER_GRPC_HOST: '::',
      COFFER_GRPC_PORT: '50051',
      COFFER_AUTH_ADDR: 'auth.coffer.svc:50051',
      COFFER_SECRET_ADDR: '10.0.0.7:50052',
      COFFER_AUDIT_ADDR: '[::1]:50053',
      COFFER_BODY_LIMIT: '1mb',
      COFFER_AUDIT_FLUSH_MS: '50',
      COFFER_AUDIT_BATCH_SIZE: '500',
      COFFER_AUTH_CACHE_TTL_MS: '0',
      COFFER_AUDIT_SPOOL_DIR: 'var/spool',
      COFFER_HTTP_HEADERS_TIMEOUT_MS: '5000',
      COFFER_HTTP_REQUEST_TIMEOUT_MS: '20000',
      COFFER_HTTP_IDLE_TIMEOUT_MS: '3000',
      COFFER_HTTP_MAX_CONNECTIONS: '256',
      COFFER_SHUTDOWN_TIMEOUT_MS: '30000',
      COFFER_DB_POOL_MAX: '25',
      COFFER_DB_CONNECT_TIMEOUT_MS: '1500',
      COFFER_DB_ACQUIRE_TIMEOUT_MS: '1000',
      COFFER_DB_STATEMENT_TIMEOUT_MS: '4000',
      COFFER_DB_LOCK_TIMEOUT_MS: '500',
      COFFER_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '20000',
      COFFER_WORKERS: '4',
    });
    expect(settings).toEqual({
      platform: { dataDir: path.resolve('var/coffer'), logLevel: 'debug', shutdownTimeoutMs: 30_000, grpcHost: '::', grpcPort: 50051, workers: 4 },
      database: {
        databaseUrl: 'postgresql://coffer:pw@db.internal:5432/coffer',
        ownerUrl: 'postgresql://owner:pw@db.internal:5432/coffer',
        poolMax: 25,
        timeouts: { connectMs: 1_500, acquireMs: 1_000, statementMs: 4_000, lockMs: 500, idleInTransactionMs: 20_000 },
        embedded: false,
      },
      kv: { redisUrl: 'rediss://:pw@cache.internal:6380/1', prefix: 'coffer-prod', commandTimeoutMs: 250 },
      gateway: {
        httpHost: '0.0.0.0',
        httpPort: 9000,
        addresses: { auth: 'auth.coffer.svc:50051', secret: '10.0.0.7:50052', audit: '[::1]:50053' },
        bodyLimit: 1024 * 1024,
        auditFlushMs: 50,
        auditBatchSize: 500,
        authCacheTtlMs: 0,
        auditSpoolDir: path.resolve('var/spool'),
        httpLimits: { headersTimeoutMs: 5_000, requestTimeoutMs: 20_000, idleTimeoutMs: 3_000, maxConnections: 256 },
        rateLimits: { address: 3000, credential: 0, identity: 20 },
        trustedProxies: undefined,
        sso: { problems: [], providers: [], publicUrl: 'https://coffer.example.com' },
      },
      auth: {
        authKey,
        publicUrl: 'https://coffer.example.com',
        smtpUrl: 'smtps://mailer:pw@smtp.example.com:465',
        mailFrom: 'Coffer <no-reply@example.com>',
        hibpUrl: 'https://api.pwnedpasswords.com',
        hibpTimeoutMs: 1_500,
        accessMs: 3_600_000,
        idleMs: 86_400_000,
        absoluteMs: 90 * 86_400_000,
        deviceCodeMs: 5 * 60_000,
        bruteForce: {
          accountFailures: 5,
          addressFailures: 100,
          forgotPasswordRequests: 3,
          windowMs: 30 * 60_000,
          lockoutMs: 3_600_000,
          slowAfter: 2,
          delayMs: 100,
          maxDelayMs: 5_000,
        },
      },
      kms: { masterKey: key },
      principalSigning: { privateKey: expect.objectContaining({ type: 'private', asymmetricKeyType: 'ed25519' }) },
      principalVerification: { publicKeys: [expect.objectContaining({ type: 'public', asymmetricKeyType: 'ed25519' })] },
    });
  });

  it('accepts the master key as base64, padded or not', () => {
    const key = randomBytes(32);
    const base64 = key.toString('base64');
    expect(settingsOf({ COFFER_MASTER_KEY: base64 }).kms?.masterKey).toEqual(key);
    expect(settingsOf({ COFFER_MASTER_KEY: base64.replace(/=$/, '') }).kms?.masterKey).toEqual(key);
  });

  it('accepts principal keys made by the openssl recipe in deploy/README.md, and several verify keys for a rotation', () => {
    const privateDer = execFileSync('openssl', ['genpkey', '-algorithm', 'ed25519', '-outform', 'DER']);
    const publicDer = execFileSync('openssl', ['pkey', '-inform', 'DER', '-pubout', '-outform', 'DER'], { input: privateDer });
    const next = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const settings = settingsOf({
      COFFER_PRINCIPAL_SIGNING_KEY: privateDer.toString('base64'),
      COFFER_PRINCIPAL_VERIFY_KEY: `${publicDer.toString('base64')}, ${next}`,
    });
    const [current, rotated] = settings.principalVerification!.publicKeys;
    expect(createPublicKey(settings.principalSigning!.privateKey!).equals(current!)).toBe(true);
    expect(rotated?.asymmetricKeyType).toBe('ed25519');
  });

  it('refuses verify keys that do not include the public half of the signing key', () => {
    const signing = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    expect(problemsOf({ COFFER_PRINCIPAL_SIGNING_KEY: signing, COFFER_PRINCIPAL_VERIFY_KEY: other })).toEqual([
      'COFFER_PRINCIPAL_VERIFY_KEY: does not include the public half of COFFER_PRINCIPAL_SIGNING_KEY',
    ]);
  });

  it('types each setting precisely', () => {
    const settings = settingsOf({});
    expectTypeOf(settings.platform.logLevel).toEqualTypeOf<'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'>();
    expectTypeOf(settings.gateway!.httpPort).toEqualTypeOf<number>();
    expectTypeOf(settings.kms!.masterKey).toExtend<Buffer | undefined>();
    expectTypeOf(settings.database!.embedded).toEqualTypeOf<boolean>();
  });

  it('returns frozen settings', () => {
    const settings = settingsOf({});
    for (const value of Object.values(settings)) expect(Object.isFrozen(value)).toBe(true);
  });

  it.each([
    ['COFFER_HTTP_PORT', 'http', 'COFFER_HTTP_PORT: expected an integer from 1 to 65535'],
    ['COFFER_HTTP_PORT', '0', 'COFFER_HTTP_PORT: expected an integer from 1 to 65535'],
    ['COFFER_HTTP_PORT', '65536', 'COFFER_HTTP_PORT: expected an integer from 1 to 65535'],
    ['COFFER_HTTP_PORT', '80.5', 'COFFER_HTTP_PORT: expected an integer from 1 to 65535'],
    ['COFFER_HTTP_PORT', '-1', 'COFFER_HTTP_PORT: expected an integer from 1 to 65535'],
    ['COFFER_GRPC_PORT', '70000', 'COFFER_GRPC_PORT: expected an integer from 0 to 65535'],
    ['COFFER_WORKERS', '0', 'COFFER_WORKERS: expected auto or an integer from 1 to 64'],
    ['COFFER_WORKERS', 'all', 'COFFER_WORKERS: expected auto or an integer from 1 to 64'],
    ['COFFER_WORKERS', '65', 'COFFER_WORKERS: expected auto or an integer from 1 to 64'],
    ['COFFER_HTTP_HOST', 'http://example.com', 'COFFER_HTTP_HOST: expected a hostname or IP address'],
    ['COFFER_GRPC_HOST', 'two words', 'COFFER_GRPC_HOST: expected a hostname or IP address'],
    ['DATABASE_URL', 'mysql://root@db/coffer', 'DATABASE_URL: expected a postgres:// or postgresql:// URL'],
    ['DATABASE_URL', 'not a url', 'DATABASE_URL: expected a postgres:// or postgresql:// URL'],
    ['REDIS_URL', 'http://cache:6379', 'REDIS_URL: expected a redis:// or rediss:// URL'],
    ['COFFER_REDIS_PREFIX', 'has spaces', 'COFFER_REDIS_PREFIX: expected 1 to 64 letters, digits or :_-'],
    ['COFFER_MASTER_KEY', 'ab'.repeat(31), 'COFFER_MASTER_KEY: expected 32 bytes as 64 hex characters or as base64'],
    ['COFFER_MASTER_KEY', randomBytes(16).toString('base64'), 'COFFER_MASTER_KEY: expected 32 bytes as 64 hex characters or as base64'],
    ['COFFER_PRINCIPAL_SIGNING_KEY', 'not base64!', 'COFFER_PRINCIPAL_SIGNING_KEY: expected an Ed25519 private key as base64 of its PKCS#8 DER'],
    [
      'COFFER_PRINCIPAL_SIGNING_KEY',
      generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      'COFFER_PRINCIPAL_SIGNING_KEY: expected an Ed25519 private key as base64 of its PKCS#8 DER',
    ],
    [
      'COFFER_PRINCIPAL_VERIFY_KEY',
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      'COFFER_PRINCIPAL_VERIFY_KEY: expected an Ed25519 public key as base64 of its SPKI DER (several separated by commas)',
    ],
    ['COFFER_SERVICE_SIGNING_KEY', 'nope', 'COFFER_SERVICE_SIGNING_KEY: expected an Ed25519 private key as base64 of its PKCS#8 DER'],
    ['COFFER_LOG_LEVEL', 'verbose', 'COFFER_LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent'],
    ['COFFER_AUTH_ADDR', 'auth', 'COFFER_AUTH_ADDR: expected host:port with a port from 1 to 65535'],
    ['COFFER_SECRET_ADDR', 'secret:0', 'COFFER_SECRET_ADDR: expected host:port with a port from 1 to 65535'],
    ['COFFER_AUDIT_ADDR', '[nope]:50051', 'COFFER_AUDIT_ADDR: expected host:port with a port from 1 to 65535'],
    ['COFFER_BODY_LIMIT', 'lots', 'COFFER_BODY_LIMIT: expected a size such as 512kb, 1mb or 1048576, at least 400240 bytes'],
    // Smaller would refuse a write of a value within the value limit, once JSON has escaped it.
    ['COFFER_BODY_LIMIT', '256kb', 'COFFER_BODY_LIMIT: expected a size such as 512kb, 1mb or 1048576, at least 400240 bytes'],
    ['COFFER_AUDIT_FLUSH_MS', '0', 'COFFER_AUDIT_FLUSH_MS: expected an integer from 1 to 2147483647'],
    ['COFFER_AUDIT_BATCH_SIZE', 'many', 'COFFER_AUDIT_BATCH_SIZE: expected an integer from 1 to 100000'],
    ['COFFER_AUTH_CACHE_TTL_MS', '1e4', 'COFFER_AUTH_CACHE_TTL_MS: expected an integer from 0 to 2147483647'],
    ['COFFER_SHUTDOWN_TIMEOUT_MS', '9999999999', 'COFFER_SHUTDOWN_TIMEOUT_MS: expected an integer from 1 to 2147483647'],
    ['COFFER_DB_POOL_MAX', '0', 'COFFER_DB_POOL_MAX: expected an integer from 1 to 1000'],
  ])('rejects %s=%j', (name, value, problem) => {
    expect(problemsOf({ [name]: value })).toEqual([problem]);
  });

  it('rejects unknown COFFER_ variables and lists the valid ones, those of every module', () => {
    const [problem, ...rest] = problemsOf({ COFFER_HTTP_PROT: '8080' });
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^COFFER_HTTP_PROT: unknown variable; the valid ones are /);
    expect(problem).toContain('COFFER_HTTP_PORT');
    expect(problem).toContain('COFFER_DB_POOL_MAX');
    // A setting of a module that does not run here is still a known name, not a typo.
    expect(() =>
      configure(registry, ['secret'], {
        COFFER_MASTER_KEY: randomBytes(32).toString('hex'),
        COFFER_HTTP_PORT: '9000',
        COFFER_PRINCIPAL_VERIFY_KEY: generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      }),
    ).not.toThrow();
  });

  it('reports every problem at once, one line each, in a single error, in the order of the environment', () => {
    const error = (() => {
      try {
        configure(registry, ['all'], { COFFER_HTTP_PORT: 'x', REDIS_URL: 'memcached://x', COFFER_LOG_LEVEL: 'loud', COFFER_TYPO: '1' });
      } catch (caught) {
        return caught as ConfigError;
      }
      throw new Error('expected the configuration to be refused');
    })();
    expect(error.problems.map((problem) => problem.split(':')[0])).toEqual(['COFFER_HTTP_PORT', 'REDIS_URL', 'COFFER_LOG_LEVEL', 'COFFER_TYPO']);
    for (const problem of error.problems) expect(error.message).toContain(problem);
  });

  it('reports a missing required setting together with bad values', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://db/coffer', COFFER_HTTP_PORT: 'x' })).toEqual([
      'COFFER_HTTP_PORT: expected an integer from 1 to 65535',
      'COFFER_MASTER_KEY: required when DATABASE_URL is set (32 bytes as 64 hex characters or base64)',
      'COFFER_AUTH_KEY: required when DATABASE_URL is set (32 bytes as 64 hex characters or base64)',
    ]);
  });

  it('never repeats the value of a secret variable', () => {
    const masterKey = 'not-a-key-but-a-canary-5f1d';
    const databaseUrl = 'mysql://admin:db-canary-9c2e@db/coffer';
    const redisUrl = 'http://:redis-canary-7a3b@cache:6379';
    const signingKey = 'c2lnbmluZy1rZXktY2FuYXJ5LTNlOGQ=';
    const env = { COFFER_MASTER_KEY: masterKey, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, COFFER_PRINCIPAL_SIGNING_KEY: signingKey };
    try {
      configure(registry, ['all'], env);
      expect.unreachable();
    } catch (error) {
      const config = error as ConfigError;
      expect(config.problems).toHaveLength(4);
      const everything = `${config.message}\n${config.problems.join('\n')}\n${String(config.stack)}\n${JSON.stringify(config)}`;
      for (const canary of ['5f1d', 'db-canary-9c2e', 'redis-canary-7a3b', signingKey]) expect(everything).not.toContain(canary);
    }
  });
});
