import { createHash } from 'node:crypto';
import type pg from 'pg';
import { generate } from 'otplib';
import { openDatabase, type Database } from '@coffer/db';
import type { Principal, PrincipalClaims } from '@coffer/grpc';
import { connectAsOwner, createTestDatabase, type TestDatabase } from '@coffer/test-postgres';
import type { ReceivedMail } from '@coffer/test-smtp';
import { identityForTests, type IdentityForTests } from './auth-test-helpers.js';
import type { ClientInfo, IdentityLifetimes } from './identity-service.js';
import { TOTP_PERIOD_SECONDS } from './totp.js';

/** Tests only: where the links in the messages point. */
export const PUBLIC_URL = 'https://coffer.example.test';
/** Tests only: the client every test session is opened from (documentation addresses, RFC 5737). */
export const CLIENT: ClientInfo = { ip: '203.0.113.7', userAgent: 'identity-test/1.0' };

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface IdentityWorld extends IdentityForTests {
  testDb: TestDatabase;
  db: Database;
  /** A superuser connection: reads what is really stored, past row-level security. */
  owner: pg.Client;
  close(): Promise<void>;
}

/**
 * Tests only: the identity service on a fresh database of its own. One database per set of
 * lifetimes: each service seals its session signing keys under its own Auth key, which another
 * service on the same database could not open.
 */
export async function openIdentityWorld(options: { smtpUrl: string; lifetimes?: Partial<IdentityLifetimes> }): Promise<IdentityWorld> {
  const testDb = await createTestDatabase();
  const db = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
  const owner = await connectAsOwner(testDb.url);
  const built = identityForTests(db.knex, { smtpUrl: options.smtpUrl, lifetimes: options.lifetimes, publicUrl: PUBLIC_URL });
  return {
    ...built,
    testDb,
    db,
    owner,
    async close() {
      await owner.end();
      await db.close();
      await testDb.drop();
    },
  };
}

/** Tests only: the `token` query parameter of the message's link to `path` (e.g. '/verify-email'); throws when there is none. */
export function linkToken(mail: ReceivedMail, path: string): string {
  for (const link of mail.links) {
    const url = new URL(link);
    if (`${url.origin}${url.pathname}` === `${PUBLIC_URL}${path}`) {
      const token = url.searchParams.get('token');
      if (token) return token;
    }
  }
  throw new Error(`no ${path} link in the message '${mail.subject}': ${mail.links.join(', ') || 'no links'}`);
}

/** Tests only: the principal a gateway would pass on for these claims (the assertion is not checked by the service). */
export const principalOf = (claims: PrincipalClaims): Principal => ({ ...claims, assertion: '' });

/**
 * Tests only: a TOTP code of `secret` the service has not seen yet: of the current time step, or the
 * next one when the current one was used (one step of drift is accepted), waiting for the clock
 * when both were.
 */
export async function freshTotpCode(owner: pg.Client, userId: string, secret: string): Promise<string> {
  const { rows } = await owner.query<{ totp_last_step: string | null }>('select totp_last_step from users where id = $1', [userId]);
  const lastUsed = rows[0]?.totp_last_step == null ? -1 : Number(rows[0].totp_last_step);
  const periodMs = TOTP_PERIOD_SECONDS * 1000;
  for (;;) {
    const current = Math.floor(Date.now() / periodMs);
    const step = Math.max(current, lastUsed + 1);
    if (step <= current + 1) return generate({ secret, epoch: step * TOTP_PERIOD_SECONDS });
    await new Promise((resolve) => setTimeout(resolve, (step - 1) * periodMs - Date.now() + 50));
  }
}

/** Tests only: every 6-digit code `secret` accepts around now (one step either side), to pick a wrong one for sure. */
export async function acceptedTotpCodes(secret: string): Promise<Set<string>> {
  const current = Math.floor(Date.now() / 1000 / TOTP_PERIOD_SECONDS);
  const steps = [current - 1, current, current + 1, current + 2];
  return new Set(await Promise.all(steps.map((step) => generate({ secret, epoch: step * TOTP_PERIOD_SECONDS }))));
}
