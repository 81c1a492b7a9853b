import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Config } from '@coffer/config';
import type { ModuleName } from './targets.js';

export interface PrincipalKeys {
  /** Present when auth runs here: it signs the principals it answers. */
  signingKey?: KeyObject;
  /** Present when any service runs here: each verifies the principal of every call. */
  verifyKey?: KeyObject;
}

/**
 * The principal-assertion keys this process needs. When auth, secret and audit all run here (`all`)
 * nothing outside the process verifies what auth signs, so a throwaway pair made now is enough and
 * nothing has to be configured; split over processes, they share the pair through the environment.
 * @throws Error naming the missing variable, before anything has started
 */
export function resolvePrincipalKeys(config: Config, modules: readonly ModuleName[]): PrincipalKeys {
  const runs = (name: ModuleName) => modules.includes(name);
  if (!runs('auth') && !runs('secret') && !runs('audit')) return {};
  if (runs('auth') && runs('secret') && runs('audit') && !config.principalSigningKey && !config.principalVerifyKey) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return { signingKey: privateKey, verifyKey: publicKey };
  }
  const signingKey = config.principalSigningKey;
  if (runs('auth') && !signingKey) {
    throw new Error(
      'COFFER_PRINCIPAL_SIGNING_KEY: required when auth runs without secret and audit in the same process (an Ed25519 private key as base64 of its PKCS#8 DER)',
    );
  }
  // Auth verifies the principals of its own calls (ListOrgs, CreateToken, ...) with its own public half.
  const verifyKey = config.principalVerifyKey ?? (signingKey && createPublicKey(signingKey));
  if (!verifyKey) {
    throw new Error(
      'COFFER_PRINCIPAL_VERIFY_KEY: required when secret or audit runs without auth in the same process (an Ed25519 public key as base64 of its SPKI DER)',
    );
  }
  return runs('auth') ? { signingKey, verifyKey } : { verifyKey };
}
