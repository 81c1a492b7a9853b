/**
 * A caller that reaches a service's gRPC port directly (or a gateway with a bug) must not be able
 * to claim an organisation or a permission: the services believe only a principal assertion the
 * Auth service signed. Plain JSON, a re-signed payload and an edited signed payload are all
 * refused as UNAUTHENTICATED before any handler runs; the assertion Auth hands out works. Nor can
 * such a caller write to the audit trail: Record takes only a Coffer service's signed assertion,
 * and a record only of the organisation its signed principal names.
 */
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT_SERVICE,
  PRINCIPAL_AUDIENCES,
  PRINCIPAL_ISSUER,
  PRINCIPAL_TOKEN_TYPE,
  createAuditClient,
  createAuthClient,
  createSecretClient,
  createServiceSigner,
  keyId,
  unary,
  type AuditServiceClient,
  type AuthServiceClient,
  type SecretServiceClient,
} from '@coffer/grpc';
import { sql } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import { canary } from '@coffer/test-kit/security';
import { codeOf } from '@coffer/test-kit/grpc';

const platform = usePlatform();
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
const victimClaims = () => ({
  tokenId: 'forged',
  orgId: victimOrgId,
  orgSlug: 'acme',
  name: 'admin',
  permissions: ['admin'],
  actorType: 'api_token',
  userId: '',
});

/**
 * The call context of a caller at the gRPC port: `principal` is the exact x-coffer-principal
 * metadata value sent (only the assertion travels; the fields beside it stay here).
 */
const as = (principal: string) => ({ ctx: { requestId: 'forged-principal-test', principal: { ...victimClaims(), assertion: principal } } });

async function assertionFor(token: string): Promise<string> {
  const principal = await unary(auth, 'Authenticate', { token }, { ctx: { requestId: 'forged-principal-test' } });
  expect(principal.assertion).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  return principal.assertion;
}

beforeAll(async () => {
  const boot = await seedOrg(platform, { org: 'acme', project: 'api' });
  victimOrgId = boot.org.id;
  victimToken = boot.token;
  const set = await boot.api('POST', '/orgs/acme/projects/api/envs/development/secrets/DB_PASSWORD', { body: { value } });
  expect(set.status, JSON.stringify(set.body)).toBe(201);
  attackerToken = (await seedOrg(platform, { org: 'globex', project: 'payments', envs: ['production'] })).token;

  const { addresses } = platform.platform;
  secret = createSecretClient(addresses.secret!);
  auth = createAuthClient(addresses.auth!);
  audit = createAuditClient(addresses.audit!);
}, 60_000);

afterAll(async () => {
  for (const client of [secret, auth, audit]) client?.close();
});

describe('a principal the Auth service did not sign', () => {
  const forgeries: [string, () => Promise<string>][] = [
    ['plain base64url JSON, as the gateway used to send', async () => b64(JSON.stringify(victimClaims()))],
    [
      'a well-formed JWT signed with another Ed25519 key',
      async () => {
        const key = generateKeyPairSync('ed25519').privateKey;
        const { tokenId, orgId, orgSlug, name, permissions, actorType } = victimClaims();
        return new SignJWT({ org: orgId, org_slug: orgSlug, name, perms: permissions, act: actorType })
          .setProtectedHeader({ alg: 'EdDSA', typ: PRINCIPAL_TOKEN_TYPE, kid: await keyId(key) })
          .setIssuer(PRINCIPAL_ISSUER)
          .setAudience([...PRINCIPAL_AUDIENCES])
          .setSubject(tokenId)
          .setExpirationTime('5m')
          .sign(key);
      },
    ],
    [
      "another organisation's valid assertion with its org changed",
      async () => {
        const [header, payload = '', signature] = (await assertionFor(attackerToken)).split('.');
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
        return `${header}.${b64(JSON.stringify({ ...claims, org: victimOrgId, org_slug: 'acme' }))}.${signature}`;
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

describe('the audit trail, from a client at the audit port', () => {
  const event = (orgId: string) => ({
    id: '',
    orgId,
    actorId: 'forged',
    actorType: 'api_token',
    action: 'secret.read',
    resource: 'orgs/acme/projects/api/envs/development/secrets/DB_PASSWORD',
    outcome: 'success',
    requestId: 'forged-record',
    ip: '10.0.0.1',
    userAgent: 'attacker',
    occurredAt: new Date().toISOString(),
  });
  const forgedRows = async () =>
    Number((await sql<{ n: string }>(platform.database.url, `select count(*)::text as n from audit_logs where request_id = 'forged-record'`))[0]?.n);

  it('cannot write a row: no service assertion, a principal instead, or a service key the platform does not trust', async () => {
    const victimPrincipal = await assertionFor(victimToken);
    const groups = [{ principal: victimPrincipal, events: [event(victimOrgId)] }];
    // Even the victim's own real principal is not a service identity.
    expect(await codeOf(unary(audit, 'Record', { groups }, { ctx: { requestId: 'r' } }))).toBe('UNAUTHENTICATED');
    expect(await codeOf(unary(audit, 'Record', { groups }, as(victimPrincipal)))).toBe('UNAUTHENTICATED');
    const untrusted = await (await createServiceSigner(generateKeyPairSync('ed25519').privateKey, 'gateway'))(AUDIT_SERVICE);
    expect(await codeOf(unary(audit, 'Record', { groups }, { ctx: { requestId: 'r', serviceAssertion: untrusted } }))).toBe('UNAUTHENTICATED');
    expect(await forgedRows()).toBe(0);
  });
});
