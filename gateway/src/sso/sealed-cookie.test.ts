import { generateKeyPairSync } from 'node:crypto';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { deriveCookieKey, sealedCookie } from './sealed-cookie.js';

const schema = z.object({ state: z.string() });
const options = { name: 'coffer_test', path: '/', maxAgeSeconds: 60, schema };
const keyOf = () => deriveCookieKey(generateKeyPairSync('ed25519').privateKey);

it('opens what it sealed, and nothing it did not', () => {
  const key = keyOf();
  const cookie = sealedCookie(key, options);
  const sealed = cookie.seal({ state: 'kept' });
  expect(sealed).not.toContain('kept');
  expect(cookie.open(sealed)).toEqual({ state: 'kept' });
  // Another gateway key, another cookie name, one flipped byte: none opens.
  expect(sealedCookie(keyOf(), options).open(sealed)).toBeUndefined();
  expect(sealedCookie(key, { ...options, name: 'coffer_other' }).open(sealed)).toBeUndefined();
  const flipped = Buffer.from(sealed, 'base64url');
  flipped[20] ^= 1;
  expect(cookie.open(flipped.toString('base64url'))).toBeUndefined();
  expect(cookie.open('not a sealed value')).toBeUndefined();
});

it('derives the same key from the same signing key: every gateway of a deployment opens it', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  expect(deriveCookieKey(privateKey).equals(deriveCookieKey(privateKey))).toBe(true);
});

it('refuses a value past its own expiry, whatever the browser kept', () => {
  const cookie = sealedCookie(keyOf(), options);
  const sealed = cookie.seal({ state: 'old' }, Date.now() - 61_000);
  expect(cookie.open(sealed)).toBeUndefined();
});
