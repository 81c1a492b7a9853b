/**
 * A caller that reaches a service's gRPC port directly (or a gateway with a bug) must not be able
 * to claim an organisation or a permission: the services believe only a principal assertion the
 * Auth service signed. Plain JSON, a re-signed payload and an edited signed payload are all
 * refused as UNAUTHENTICATED before any handler runs; the assertion Auth hands out works.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAuditClient,
  createAuthClient,
  createSecretClient,
  unary,
  type AuditServiceClient,
  type AuthServiceClient,
  type SecretServiceClient,
} from '@coffer/grpc';
import { bootstrap, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { canary, createOrgWithEnv } from '../support/security.js';
import { codeOf } from '../support/grpc.js';

let platform: TestPlatform;
let secret: SecretServiceClient;
let auth: AuthServiceClient;
let audit: AuditServiceClient;
let victimOrgId: string;
let victimToken: string;
let attackerToken: string;
const value = canary();
const scope = { project: 'api', environment: 'development' };

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64url');

/** What the victim's admin principal looks like, as anyone could guess it. */
const victimClaims = () => ({ tokenId: 'forged', orgId: victimOrgId, orgSlug: 'acme', name: 'admin', permissions: ['admin'], actorType: 'api_token' });

/**
 * The call context of a caller at the gRPC port: `principal` is the exact x-coffer-principal
 * metadata value sent (only the assertion travels; the fields beside it stay here).
 */
const as = (principal: string) => ({ ctx: { requestId: 'forged-principal-test', principal: { ...victimClaims(), assertion: principal } } });

async function assertionFor(token: string): Promise<string> {
  const principal = await unary(auth, 'Authenticate', { token }, { ctx: { requestId: 'forged-principal-test' } });
  expect(principal.assertion).toMatch(/^[\w-]+\.[\w-]+$/);
  return principal.assertion;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  const boot = await bootstrap(platform.baseUrl, 'acme', 'api');
  victimOrgId = boot.data.org.id as string;
  victimToken = boot.token;
  const set = await boot.api('POST', '/orgs/acme/projects/api/envs/development/secrets/DB_PASSWORD', { body: { value } });
  expect(set.status, JSON.stringify(set.body)).toBe(201);
  attackerToken = (await createOrgWithEnv(platform.baseUrl, boot.api, 'globex', 'payments', 'production')).token;

  const { addresses } = platform.platform;
  secret = createSecretClient(addresses.secret!);
  auth = createAuthClient(addresses.auth!);
  audit = createAuditClient(addresses.audit!);
}, 60_000);

afterAll(async () => {
  for (const client of [secret, auth, audit]) client?.close();
  await platform?.stop();
});

describe('a principal the Auth service did not sign', () => {
  const forgeries: [string, () => Promise<string>][] = [
    ['plain base64url JSON, as the gateway used to send', async () => b64(JSON.stringify(victimClaims()))],
    [
      'a payload signed with another Ed25519 key',
      async () => {
        const payload = b64(JSON.stringify({ ...victimClaims(), exp: Math.floor(Date.now() / 1000) + 300 }));
        return `${payload}.${b64(sign(null, Buffer.from(payload), generateKeyPairSync('ed25519').privateKey))}`;
      },
    ],
    [
      "another organisation's valid assertion with its orgId changed",
      async () => {
        const [payload = '', signature] = (await assertionFor(attackerToken)).split('.');
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
        return `${b64(JSON.stringify({ ...claims, orgId: victimOrgId, orgSlug: 'acme' }))}.${signature}`;
      },
    ],
    ['garbage', async () => 'not.an-assertion'],
  ];

  it.each(forgeries)('%s: the secret service answers UNAUTHENTICATED and no data', async (_, forge) => {
    const principal = await forge();
    expect(await codeOf(unary(secret, 'Inject', { scope }, as(principal)))).toBe('UNAUTHENTICATED');
    expect(await codeOf(unary(secret, 'GetSecret', { scope, key: 'DB_PASSWORD', reveal: true, version: 0 }, as(principal)))).toBe('UNAUTHENTICATED');
    expect(await codeOf(unary(secret, 'ListSecrets', { scope, includeDeleted: true }, as(principal)))).toBe('UNAUTHENTICATED');
  });

  it.each(forgeries)('%s: auth and audit refuse it too', async (_, forge) => {
    const principal = await forge();
    expect(await codeOf(unary(auth, 'ListOrgs', {}, as(principal)))).toBe('UNAUTHENTICATED');
    expect(await codeOf(unary(auth, 'CreateToken', { name: 'stolen', permissions: ['admin'] }, as(principal)))).toBe('UNAUTHENTICATED');
    expect(await codeOf(unary(audit, 'Search', {}, as(principal)))).toBe('UNAUTHENTICATED');
  });

  it('never let the canary out in a log line either', () => {
    expect(platform.logs()).not.toContain(value);
  });
});

describe('the assertion Auth.Authenticate hands out', () => {
  it("opens its own organisation's secrets at the secret service", async () => {
    const { values } = await unary(secret, 'Inject', { scope }, as(await assertionFor(victimToken)));
    expect(values).toEqual({ DB_PASSWORD: value });
  });

  it("does not open another organisation's secrets", async () => {
    // globex has no project 'api': its assertion finds nothing of acme's, whatever the fields beside it claim.
    expect(await codeOf(unary(secret, 'Inject', { scope }, as(await assertionFor(attackerToken))))).toBe('NOT_FOUND');
  });
});
