import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  PRINCIPAL_ASSERTION_TTL_MS,
  PRINCIPAL_AUDIENCES,
  PRINCIPAL_ISSUER,
  PRINCIPAL_TOKEN_TYPE,
  createPrincipalSigner,
  createPrincipalVerifier,
  principalAssertionExpiry,
} from './principal-assertion.js';
import { keyId } from './signing-keys.js';

/** What a scoped token or a member carries besides organisation-wide permissions: grants, an allow-list, an expiry. */
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const audience = 'coffer.v1.SecretService';
const claims = {
  tokenId: 'tok_scoped',
  orgId: '0b6f0c1e-3a51-4c3f-9d51-2f4f3c0d8a11',
  orgSlug: 'acme',
  name: 'ci-staging',
  permissions: [],
  actorType: 'api_token',
  userId: '',
  grants: [
    { project: 'api', environments: ['staging'], permissions: ['read', 'reveal', 'export'], breakGlassId: '' },
    { project: 'web', environments: [], permissions: ['read'], breakGlassId: 'bg-7' },
  ],
  allowedCidrs: ['10.0.0.0/8', '2001:db8::/32'],
  expiresAt: '2030-01-01T00:00:00.000Z',
};

async function raw(payload: Record<string, unknown>): Promise<string> {
  return new SignJWT({
    iss: PRINCIPAL_ISSUER,
    aud: [...PRINCIPAL_AUDIENCES],
    sub: 'tok',
    org: claims.orgId,
    org_slug: 'acme',
    name: 'n',
    perms: [],
    act: 'api_token',
    exp: 9_999_999_999,
    ...payload,
  })
    .setProtectedHeader({ alg: 'EdDSA', kid: await keyId(privateKey), typ: PRINCIPAL_TOKEN_TYPE })
    .sign(privateKey);
}

describe('grants in a principal assertion', () => {
  it('travel signed and come back exactly', async () => {
    const assertion = await (await createPrincipalSigner(privateKey))(claims);
    const principal = await (await createPrincipalVerifier(publicKey, { audience }))(assertion);
    expect(principal).toMatchObject({ grants: claims.grants, allowedCidrs: claims.allowedCidrs, expiresAt: claims.expiresAt, permissions: [] });
  });

  it('refuse an assertion whose grants, allow-list or expiry are malformed, even signed', async () => {
    const verify = await createPrincipalVerifier(publicKey, { audience });
    for (const payload of [
      { grants: [['api', 'staging', ['read']]] },
      { grants: [['', [], ['read']]] },
      { grants: [['api', [], ['read'], 7]] },
      { grants: 'api' },
      { cidrs: [''] },
      { cidrs: '10.0.0.0/8' },
      { texp: 12 },
    ]) {
      await expect(verify(await raw(payload)), JSON.stringify(payload)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
        message: 'malformed principal assertion',
      });
    }
  });

  it('leave a principal without them with none', async () => {
    const principal = await (await createPrincipalVerifier(publicKey, { audience }))(await raw({}));
    expect(principal).toMatchObject({ grants: [], allowedCidrs: [], expiresAt: '' });
  });
});

describe('the expiry of an assertion', () => {
  it('is never later than the expiry of what it vouches for', async () => {
    const now = Date.parse('2029-12-31T23:58:00.000Z');
    const sign = await createPrincipalSigner(privateKey, { now: () => now });
    const soon = await sign({ ...claims, expiresAt: '2029-12-31T23:59:00.000Z' });
    expect(principalAssertionExpiry(soon)).toBe(Date.parse('2029-12-31T23:59:00.000Z'));
    const later = await sign({ ...claims, expiresAt: '' });
    expect(principalAssertionExpiry(later)).toBe(now + PRINCIPAL_ASSERTION_TTL_MS);
  });
});
