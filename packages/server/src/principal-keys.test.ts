import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@coffer/config';
import { resolvePrincipalKeys } from './principal-keys.js';
import { startOrder, type ModuleName } from './targets.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const KEYS = {
  COFFER_PRINCIPAL_SIGNING_KEY: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  COFFER_PRINCIPAL_VERIFY_KEY: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
};
const resolve = (targets: ModuleName[], env: Record<string, string> = {}) => resolvePrincipalKeys(loadConfig(env), startOrder(targets));

describe('resolvePrincipalKeys', () => {
  it('makes a throwaway pair when auth, secret and audit share the process and none is configured', () => {
    const { signingKey, verifyKey } = resolve(['all']);
    expect(createPublicKey(signingKey!).equals(verifyKey!)).toBe(true);
    expect(resolve(['auth', 'secret', 'audit']).signingKey).toBeDefined();
  });

  it('uses the configured pair, and gives a verifying target no signing key', () => {
    expect(resolve(['all'], KEYS).verifyKey!.equals(publicKey)).toBe(true);
    expect(resolve(['secret'], KEYS)).toEqual({ verifyKey: expect.anything() });
    expect(resolve(['audit'], { COFFER_PRINCIPAL_VERIFY_KEY: KEYS.COFFER_PRINCIPAL_VERIFY_KEY }).verifyKey!.equals(publicKey)).toBe(true);
  });

  it('lets auth alone verify its own calls with the public half of its signing key', () => {
    const { signingKey, verifyKey } = resolve(['auth'], { COFFER_PRINCIPAL_SIGNING_KEY: KEYS.COFFER_PRINCIPAL_SIGNING_KEY });
    expect(signingKey).toBeDefined();
    expect(verifyKey!.equals(publicKey)).toBe(true);
  });

  it.each([
    [['auth'], 'COFFER_PRINCIPAL_SIGNING_KEY: required'],
    [['auth', 'secret'], 'COFFER_PRINCIPAL_SIGNING_KEY: required'],
    [['secret'], 'COFFER_PRINCIPAL_VERIFY_KEY: required'],
    [['audit', 'gateway'], 'COFFER_PRINCIPAL_VERIFY_KEY: required'],
  ] as [ModuleName[], string][])('refuses %j without the key it needs', (targets, message) => {
    expect(() => resolve(targets)).toThrow(message);
  });

  it('needs nothing where no service runs', () => {
    expect(resolve(['gateway'])).toEqual({});
    expect(resolve(['migrate'])).toEqual({});
  });
});
