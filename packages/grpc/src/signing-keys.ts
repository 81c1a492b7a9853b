import { createPublicKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK } from 'jose';

/**
 * The Ed25519 keys behind Coffer's internal JWTs (principal and service assertions). Every token
 * names its key with `kid`, the key's RFC 7638 thumbprint, so a verifier can hold the old and the
 * new public key during a rotation and both kinds of token keep verifying.
 */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

export interface VerificationKeys {
  /** The public key a `kid` names, or undefined for a key this process does not trust. */
  byKid(kid: string): KeyObject | undefined;
}

function requireEd25519(key: KeyObject, type: 'private' | 'public', what: string): void {
  if (key.type !== type || key.asymmetricKeyType !== 'ed25519') throw new TypeError(`${what} need${what.endsWith('s') ? '' : 's'} an Ed25519 ${type} key`);
}

/** The `kid` of a public key (or of a private key's public half). */
export async function keyId(key: KeyObject): Promise<string> {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return calculateJwkThumbprint(await exportJWK(publicKey), 'sha256');
}

export async function signingKey(privateKey: KeyObject, what: string): Promise<SigningKey> {
  requireEd25519(privateKey, 'private', what);
  return { kid: await keyId(privateKey), privateKey };
}

/**
 * For jose's jwtVerify: the trusted public key a token's header names, for tokens of one type
 * (`typ`) only; anything else fails the verification.
 */
export function keyFor(keys: VerificationKeys, type: string) {
  return (header: { kid?: string; typ?: string }): KeyObject => {
    const key = header.kid === undefined ? undefined : keys.byKid(header.kid);
    if (!key || header.typ !== type) throw new Error('unknown key or type');
    return key;
  };
}

export async function verificationKeys(publicKeys: readonly KeyObject[], what: string): Promise<VerificationKeys> {
  if (publicKeys.length === 0) throw new TypeError(`${what} need at least one public key`);
  const keys = new Map<string, KeyObject>();
  for (const key of publicKeys) {
    requireEd25519(key, 'public', what);
    keys.set(await keyId(key), key);
  }
  return { byKid: (kid) => keys.get(kid) };
}
