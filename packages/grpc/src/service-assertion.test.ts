import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CofferError } from '@coffer/contract';
import { createPrincipalSigner } from './principal-assertion.js';
import { SERVICE_ASSERTION_TTL_MS, createServiceSigner, createServiceVerifier } from './service-assertion.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const audience = 'coffer.v1.AuditService';

async function refused(run: () => Promise<unknown>): Promise<void> {
  const error = await run().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(CofferError);
  expect(error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'service assertion does not verify' });
}

describe('service assertions', () => {
  it('name the calling service for the audience they were made for', async () => {
    const sign = await createServiceSigner(privateKey, 'gateway');
    const verify = await createServiceVerifier([publicKey], { audience });
    expect(await verify(await sign(audience))).toBe('gateway');
    await refused(async () => (await createServiceVerifier([publicKey], { audience: 'coffer.v1.SecretService' }))(await sign(audience)));
  });

  it('are reused until shortly before they expire, then replaced', async () => {
    let now = 1_700_000_000_000;
    const sign = await createServiceSigner(privateKey, 'gateway', { now: () => now });
    const first = await sign(audience);
    expect(await sign(audience)).toBe(first);
    now += SERVICE_ASSERTION_TTL_MS - 30_000;
    expect(await sign(audience)).not.toBe(first);
  });

  it('refuse a key nobody trusts, an expired assertion and a principal assertion', async () => {
    const verify = await createServiceVerifier([publicKey], { audience });
    await refused(async () => verify(await (await createServiceSigner(generateKeyPairSync('ed25519').privateKey, 'gateway'))(audience)));
    await refused(async () =>
      verify(await (await createServiceSigner(privateKey, 'gateway', { now: () => Date.now() - 2 * SERVICE_ASSERTION_TTL_MS }))(audience)),
    );
    const principal = await (
      await createPrincipalSigner(privateKey)
    )({
      tokenId: 't',
      orgId: 'o',
      orgSlug: 's',
      name: 'n',
      permissions: ['admin'],
      actorType: 'api_token',
      userId: '',
      grants: [],
      allowedCidrs: [],
      expiresAt: '',
    });
    await refused(() => verify(principal));
    await refused(() => verify('garbage'));
  });
});
