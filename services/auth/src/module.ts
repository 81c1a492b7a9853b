import { z } from 'zod';
import { TOKEN_REVOKED_CHANNEL } from '@coffer/contract';
import { defineSlice, duration, integer, key32, milliseconds, optional, publicUrl, url, withDefault } from '@coffer/config';
import { databaseModule } from '@coffer/db';
import { AUTH_SERVICE, addService, createPrincipalSigner, loadCofferPackage, principalSigningModule, serviceAdapterOptions } from '@coffer/grpc';
import { kvModule } from '@coffer/kv';
import { defineModule, embeddedKey } from '@coffer/module';
import { createAccessService } from './access-service.js';
import { createAccessStore } from './access-store.js';
import { createBreakGlassService } from './break-glass-service.js';
import { createBreakGlassStore } from './break-glass-store.js';
import { authAccess, authHandlers } from './auth-grpc.js';
import { createAuthService } from './auth-service.js';
import { createAuthStore } from './auth-store.js';
import { createBruteForceGuard } from './brute-force.js';
import { createHibpCheck } from './breached-passwords.js';
import { createDeviceFlow } from './device-flow.js';
import { createIdentityAudit } from './identity-audit.js';
import { createIdentityService } from './identity-service.js';
import { createIdentityStore } from './identity-store.js';
import { createMailer } from './mailer.js';
import { createPasswordPolicy } from './password-policy.js';
import { createPasswordHasher } from './passwords.js';
import { createRevocationNotice } from './revocation-notice.js';
import { createSessionKeys } from './session-keys.js';
import { createTokenService } from './token-service.js';
import { createTokenStore } from './token-store.js';

const AUTH_KEY_FILE = 'auth.key';
/** The audience of session access tokens: the REST API. */
export const ACCESS_TOKEN_AUDIENCE = 'coffer-api';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const authSlice = defineSlice(
  {
    // Seals what the Auth service keeps secret at rest: session signing keys and TOTP secrets.
    COFFER_AUTH_KEY: optional(key32()),
    // Where people reach the platform: links in messages and the issuer of access tokens.
    COFFER_PUBLIC_URL: publicUrl(),
    COFFER_SMTP_URL: optional(url(['smtp', 'smtps'])),
    COFFER_MAIL_FROM: withDefault(
      z
        .string()
        .min(3)
        .max(256)
        .regex(/^[^\r\n]+$/, 'one line'),
      'Coffer <coffer@localhost>',
    ),
    COFFER_HIBP_URL: optional(url(['http', 'https'])),
    COFFER_HIBP_TIMEOUT_MS: withDefault(milliseconds(1), '2000'),
    COFFER_SESSION_ACCESS_TTL: withDefault(duration(60_000, HOUR), '15m'),
    COFFER_SESSION_IDLE_TTL: withDefault(duration(60_000, 365 * DAY), '7d'),
    COFFER_SESSION_ABSOLUTE_TTL: withDefault(duration(60_000, 365 * DAY), '30d'),
    // How long a device login's code waits for its approval (RFC 8628 expires_in).
    COFFER_DEVICE_CODE_TTL: withDefault(duration(1_000, HOUR), '10m'),
    // Brute force of passwords, second factors, reset links and device approvals (brute-force.ts).
    COFFER_BRUTE_FORCE_ACCOUNT_FAILURES: withDefault(integer(1, 1_000_000), '10'),
    COFFER_BRUTE_FORCE_ADDRESS_FAILURES: withDefault(integer(1, 1_000_000), '50'),
    COFFER_BRUTE_FORCE_RESET_MAILS: withDefault(integer(1, 1_000_000), '5'),
    COFFER_BRUTE_FORCE_WINDOW: withDefault(duration(1_000, DAY), '15m'),
    COFFER_BRUTE_FORCE_LOCKOUT: withDefault(duration(1_000, DAY), '15m'),
    COFFER_BRUTE_FORCE_SLOW_AFTER: withDefault(integer(0, 1_000_000), '3'),
    COFFER_BRUTE_FORCE_DELAY_MS: withDefault(milliseconds(0), '250'),
    COFFER_BRUTE_FORCE_MAX_DELAY_MS: withDefault(integer(0, 60_000), '2000'),
  },
  (env) => ({
    authKey: env.COFFER_AUTH_KEY,
    publicUrl: env.COFFER_PUBLIC_URL,
    smtpUrl: env.COFFER_SMTP_URL,
    mailFrom: env.COFFER_MAIL_FROM,
    hibpUrl: env.COFFER_HIBP_URL,
    hibpTimeoutMs: env.COFFER_HIBP_TIMEOUT_MS,
    accessMs: env.COFFER_SESSION_ACCESS_TTL,
    idleMs: env.COFFER_SESSION_IDLE_TTL,
    absoluteMs: env.COFFER_SESSION_ABSOLUTE_TTL,
    deviceCodeMs: env.COFFER_DEVICE_CODE_TTL,
    bruteForce: {
      accountFailures: env.COFFER_BRUTE_FORCE_ACCOUNT_FAILURES,
      addressFailures: env.COFFER_BRUTE_FORCE_ADDRESS_FAILURES,
      forgotPasswordRequests: env.COFFER_BRUTE_FORCE_RESET_MAILS,
      windowMs: env.COFFER_BRUTE_FORCE_WINDOW,
      lockoutMs: env.COFFER_BRUTE_FORCE_LOCKOUT,
      slowAfter: env.COFFER_BRUTE_FORCE_SLOW_AFTER,
      delayMs: env.COFFER_BRUTE_FORCE_DELAY_MS,
      maxDelayMs: env.COFFER_BRUTE_FORCE_MAX_DELAY_MS,
    },
  }),
);

export const authModule = defineModule<ReturnType<typeof authSlice.toConfig>>({
  name: 'auth',
  kind: 'target',
  description: 'people, sessions, API tokens, organisations, projects, environments',
  dependsOn: ['database', 'kv', 'principal-signing', 'principal-verification', 'service-verification'],
  grpcService: AUTH_SERVICE,
  config: authSlice,
  requirements({ authKey }, platform) {
    const database = platform.configOf(databaseModule);
    if (authKey || !database || database.embedded) return [];
    return [{ variable: 'COFFER_AUTH_KEY', message: 'required when DATABASE_URL is set (32 bytes as 64 hex characters or base64)' }];
  },
  async start(ctx) {
    const { config } = ctx;
    const { knex } = ctx.use(databaseModule);
    const embedded = ctx.configOf(databaseModule)?.embedded ?? false;
    const kv = ctx.use(kvModule);
    const { pubsub } = kv;
    const authKey =
      config.authKey ??
      (await embeddedKey({
        dataDir: ctx.platform.dataDir,
        file: AUTH_KEY_FILE,
        logger: ctx.logger,
        warning:
          'GENERATED A NEW AUTH KEY. Sessions and two-factor secrets of this embedded platform are only readable with this file: keep it private, and set COFFER_AUTH_KEY in production.',
      }));
    const onTokenRevoked = createRevocationNotice({ publish: (tokenId) => pubsub.publish(TOKEN_REVOKED_CHANNEL, tokenId), logger: ctx.logger });
    const access = createAccessStore();
    const authStore = createAuthStore();
    const service = createAuthService({ knex, store: authStore, access, onTokenRevoked });
    const tokens = createTokenService({ knex, store: createTokenStore(), auth: authStore, access, onTokenRevoked });
    const accessService = createAccessService({ knex, store: access, onTokenRevoked });
    const breakGlass = createBreakGlassService({ knex, store: createBreakGlassStore(), onTokenRevoked });
    const breached = config.hibpUrl
      ? createHibpCheck({
          url: config.hibpUrl,
          timeoutMs: config.hibpTimeoutMs,
          onUnavailable: (cause) => ctx.logger.warn({ cause }, 'Have I Been Pwned did not answer; the password was checked against the bundled list only'),
        })
      : undefined;
    const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, logger: ctx.logger, logUnsent: embedded });
    const store = createIdentityStore();
    // Counted in Redis when there is one (every instance shares the counts), else in this process.
    const guard = createBruteForceGuard({
      redis: kv.mode === 'redis' ? kv.redis : undefined,
      keySecret: authKey,
      limits: config.bruteForce,
      logger: ctx.logger,
    });
    const audit = createIdentityAudit({ knex, store, logger: ctx.logger });
    const sessionKeys = createSessionKeys({ knex, authKey, issuer: config.publicUrl, audience: ACCESS_TOKEN_AUDIENCE, accessTtlMs: config.accessMs });
    const identity = createIdentityService({
      knex,
      store,
      access,
      breakGlass,
      hasher: createPasswordHasher(),
      policy: createPasswordPolicy(breached ? { breached } : {}),
      mailer,
      sessionKeys,
      authKey,
      publicUrl: config.publicUrl,
      lifetimes: { accessMs: config.accessMs, idleMs: config.idleMs, absoluteMs: config.absoluteMs },
      onTokenRevoked,
      guard,
      audit,
      logger: ctx.logger,
    });
    const devices = createDeviceFlow({
      knex,
      store,
      sessionKeys,
      lifetimes: identity.lifetimes,
      publicUrl: config.publicUrl,
      codeTtlMs: config.deviceCodeMs,
      bruteForce: { guard, audit },
    });
    // Only the Auth service holds the key that makes principals.
    const signPrincipal = await createPrincipalSigner(ctx.use(principalSigningModule).privateKey);
    // Services prove who they are to it: only the gateway may vouch for a single sign-on identity.
    const options = await serviceAdapterOptions(ctx, { audience: AUTH_SERVICE, services: true });
    return {
      grpc: (server) =>
        addService(
          server,
          loadCofferPackage().coffer.v1.AuthService.service,
          authHandlers({ service, identity, signPrincipal, devices, access: accessService, breakGlass, tokens }),
          authAccess,
          options,
        ),
      async stop() {
        await options.stopFollowingRevocations();
        await audit.settled();
        mailer.close();
      },
    };
  },
});
