/**
 * Session signing keys on a real PostgreSQL database, as a verifier, an operator reading the table,
 * another Auth process or an attacker holding a token would see them.
 */
import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, type JsonWebKey, type KeyObject } from 'node:crypto';
import { SignJWT, calculateJwkThumbprint, createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWK, type JWTPayload } from 'jose';
import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { open } from '@coffer/crypto';
import { openDatabase, type Database } from '@coffer/db';
import { connectAsOwner, createTestDatabase, type TestDatabase } from '@coffer/test-postgres';
import { failure } from './auth-test-helpers.js';
import { createSessionKeys, INVALID_ACCESS_TOKEN, type SessionKeysOptions } from './session-keys.js';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const ISSUER = 'https://coffer.test';
const AUDIENCE = 'coffer-api';
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

let testDb: TestDatabase;
let db: Database;
let owner: pg.Client;
const authKey = randomBytes(32);

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
  owner = await connectAsOwner(testDb.url);
});

afterAll(async () => {
  await owner?.end();
  await db?.close();
  await testDb?.drop();
});

// The table is global: each test starts without keys.
beforeEach(async () => {
  await owner.query('delete from session_signing_keys');
});

function sessionKeys(options: Partial<SessionKeysOptions> = {}) {
  return createSessionKeys({ knex: db.knex, authKey, issuer: ISSUER, audience: AUDIENCE, accessTtlMs: HOUR, ...options });
}

const claims = () => ({ userId: randomUUID(), sessionId: randomUUID() });

interface KeyRow {
  kid: string;
  private_key_sealed: string;
  public_jwk: Record<string, unknown>;
  signs_from: Date;
  signs_until: Date;
  verifies_until: Date;
}

async function keyRows(): Promise<KeyRow[]> {
  return (await owner.query<KeyRow>('select * from session_signing_keys order by signs_from')).rows;
}

const aadOf = (kid: string) => Buffer.from(`coffer.session-signing-key.v1\0${kid}`, 'utf8');

/** What an attacker who stole a key (or its sealed row and COFFER_AUTH_KEY) holds. */
async function stolenKey(kid: string): Promise<KeyObject> {
  const row = (await keyRows()).find((candidate) => candidate.kid === kid)!;
  return createPrivateKey({ key: open(authKey, row.private_key_sealed, aadOf(kid)), format: 'der', type: 'pkcs8' });
}

async function forge(
  key: KeyObject,
  { header = {}, payload = {}, at = Date.now() }: { header?: Record<string, unknown>; payload?: JWTPayload; at?: number } = {},
): Promise<string> {
  const iat = Math.floor(at / 1000);
  return new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: randomUUID(), sid: randomUUID(), iat, exp: iat + 3600, jti: 'forged', ...payload })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: await calculateJwkThumbprint(createPublicKey(key).export({ format: 'jwk' }) as JWK), ...header })
    .sign(key);
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function refusal(call: Promise<unknown>) {
  const refused = await failure(call);
  return { code: refused.code, message: refused.message };
}

/** How many statements on the keys' table the application's pool sends while `fn` runs. */
async function queriesDuring(fn: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const listener = ({ sql }: { sql: string }) => {
    if (/session_signing_keys/.test(sql)) count++;
  };
  db.knex.on('query', listener);
  try {
    await fn();
  } finally {
    db.knex.removeListener('query', listener);
  }
  return count;
}

describe('access tokens', () => {
  it('verify to the user and session they were signed for', async () => {
    const keys = sessionKeys();
    const input = claims();
    const { token, expiresAt } = await keys.signAccessToken(input);
    const verified = await keys.verifyAccessToken(token);
    expect(verified).toEqual({ ...input, issuedAt: expect.any(Number), expiresAt });
    expect(verified.expiresAt - verified.issuedAt).toBe(HOUR);
  });

  it('are RFC 9068 EdDSA JWTs naming their key, issuer and audience, that a verifier with only the JWKS accepts', async () => {
    const keys = sessionKeys();
    const input = claims();
    const first = await keys.signAccessToken(input);
    const second = await keys.signAccessToken(input);
    const header = decodeProtectedHeader(first.token);
    const payload = decodeJwt(first.token);
    const { keys: published } = await keys.jwks();
    expect(header).toEqual({ alg: 'EdDSA', typ: 'at+jwt', kid: published[0]!.kid });
    expect(payload).toMatchObject({ iss: ISSUER, aud: AUDIENCE, sub: input.userId, sid: input.sessionId });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload.exp! * 1000).toBe(first.expiresAt);
    expect(typeof payload.jti).toBe('string');
    expect(decodeJwt(second.token).jti).not.toBe(payload.jti);
    // The JWKS carries public keys only.
    expect(published).toEqual([{ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: header.kid, alg: 'EdDSA', use: 'sig' }]);
    const external = await jwtVerify(first.token, createLocalJWKSet({ keys: published }), { issuer: ISSUER, audience: AUDIENCE, typ: 'at+jwt' });
    expect(external.payload.sub).toBe(input.userId);
  });

  it('cannot be configured to live longer than one hour', () => {
    for (const accessTtlMs of [HOUR + 1, DAY]) {
      expect(() => sessionKeys({ accessTtlMs })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('accessTtlMs') }),
      );
    }
  });

  it('are signed for user and session ids only', async () => {
    expect((await failure(sessionKeys().signAccessToken({ userId: 'admin', sessionId: randomUUID() }))).code).toBe('INVALID_ARGUMENT');
  });
});

describe('stored keys', () => {
  it('hold no private key in clear: the sealed column is not PKCS#8 and the private key appears nowhere in the row', async () => {
    const keys = sessionKeys();
    await keys.signAccessToken(claims());
    const [row] = await keyRows();
    const privateKey = await stolenKey(row!.kid);
    const d = privateKey.export({ format: 'jwk' }).d!;
    const seed = Buffer.from(d, 'base64url');
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });

    const sealed = Buffer.from(row!.private_key_sealed, 'base64');
    expect(sealed.subarray(0, PKCS8_ED25519_PREFIX.length).equals(PKCS8_ED25519_PREFIX)).toBe(false);
    expect(sealed.includes(seed)).toBe(false);
    const stored = JSON.stringify(row) + sealed.toString('hex');
    for (const form of [d, seed.toString('hex'), seed.toString('base64'), der.toString('base64'), der.toString('hex')]) expect(stored).not.toContain(form);
    expect(row!.public_jwk).not.toHaveProperty('d');
  });

  it('are bound to their kid: a sealed key copied onto another row does not open', async () => {
    const keys = sessionKeys();
    await keys.signAccessToken(claims());
    await keys.rotateNow();
    const [older, newer] = await keyRows();
    await owner.query('update session_signing_keys set private_key_sealed = $1 where kid = $2', [older!.private_key_sealed, newer!.kid]);

    const refused = await failure(sessionKeys().signAccessToken(claims()));
    expect(refused.message).toContain('COFFER_AUTH_KEY');
    expect(refused.message).toContain(newer!.kid);
    // The blob itself is intact: only the binding to its own kid opens it.
    expect(() => open(authKey, older!.private_key_sealed, aadOf(older!.kid))).not.toThrow();
    expect(() => open(authKey, older!.private_key_sealed, aadOf(newer!.kid))).toThrow();
  });

  it('under another COFFER_AUTH_KEY stop signing with an error naming the variable, never the key, and none is added', async () => {
    await sessionKeys().signAccessToken(claims());
    const before = await keyRows();
    const otherKey = randomBytes(32);
    const misconfigured = sessionKeys({ authKey: otherKey });
    for (const call of [misconfigured.signAccessToken(claims()), misconfigured.jwks()]) {
      const refused = await failure(call);
      expect(refused.message).toMatch(/COFFER_AUTH_KEY/);
      for (const key of [authKey, otherKey]) for (const encoding of ['hex', 'base64'] as const) expect(refused.message).not.toContain(key.toString(encoding));
    }
    expect(await keyRows()).toEqual(before);
  });
});

describe('several processes', () => {
  it('starting at once create one key, and each verifies the tokens of the other', async () => {
    // Another process has its own pool; several of each make the race likely.
    const secondProcess = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
    try {
      const started = Array.from({ length: 8 }, (_, i) => sessionKeys(i % 2 === 0 ? {} : { knex: secondProcess.knex }));
      const tokens = await Promise.all(started.map((keys) => keys.signAccessToken(claims())));
      expect(await keyRows()).toHaveLength(1);
      expect(new Set(tokens.map(({ token }) => decodeProtectedHeader(token).kid)).size).toBe(1);
    } finally {
      await secondProcess.close();
    }
    const [a, b] = [sessionKeys(), sessionKeys()];
    const [fromA, fromB] = await Promise.all([a.signAccessToken(claims()), b.signAccessToken(claims())]);
    expect(decodeProtectedHeader(fromA.token).kid).toBe(decodeProtectedHeader(fromB.token).kid);
    expect((await b.verifyAccessToken(fromA.token)).expiresAt).toBe(fromA.expiresAt);
    expect((await a.verifyAccessToken(fromB.token)).expiresAt).toBe(fromB.expiresAt);
    // One that has not signed anything yet, too.
    expect((await sessionKeys().verifyAccessToken(fromA.token)).expiresAt).toBe(fromA.expiresAt);
  });

  it('do not query the database per token signed, and garbage kids cost at most one reload', async () => {
    const keys = sessionKeys();
    await keys.signAccessToken(claims());
    expect(await queriesDuring(() => Promise.all(Array.from({ length: 50 }, () => keys.signAccessToken(claims()))))).toBe(0);
    const { privateKey } = generateKeyPairSync('ed25519');
    const garbage = await Promise.all(
      Array.from({ length: 20 }, () => forge(privateKey, { header: { kid: randomBytes(32).toString('base64url').slice(0, 43) } })),
    );
    const queries = await queriesDuring(async () => {
      for (const token of garbage) expect((await refusal(keys.verifyAccessToken(token))).code).toBe('UNAUTHENTICATED');
    });
    expect(queries).toBeLessThanOrEqual(1);
  });
});

describe('rotation', () => {
  it('publishes the next key before it signs; after the switch old tokens verify until they expire, then the old key retires', async () => {
    let clock = Date.now();
    const start = clock;
    const keys = sessionKeys({ now: () => clock });
    const early = await keys.signAccessToken(claims());
    const oldKid = decodeProtectedHeader(early.token).kid!;
    expect((await keys.jwks()).keys.map((key) => key.kid)).toEqual([oldKid]);

    // Three days (a tenth of the 30-day period) before the switch, the next key is known to verifiers.
    clock = start + 27 * DAY + 60_000;
    const published = (await keys.jwks()).keys.map((key) => key.kid);
    expect(published).toHaveLength(2);
    expect(published).toContain(oldKid);
    const newKid = published.find((kid) => kid !== oldKid)!;
    expect(decodeProtectedHeader((await keys.signAccessToken(claims())).token).kid).toBe(oldKid);
    const rows = await keyRows();
    expect(rows.map((row) => row.kid)).toEqual([oldKid, newKid]);
    expect(rows[1]!.signs_from.getTime()).toBe(rows[0]!.signs_until.getTime());

    clock = start + 30 * DAY - 1000;
    const last = await keys.signAccessToken(claims());
    expect(decodeProtectedHeader(last.token).kid).toBe(oldKid);
    clock = start + 30 * DAY;
    expect(decodeProtectedHeader((await keys.signAccessToken(claims())).token).kid).toBe(newKid);
    // A verifier elsewhere, on the same clock.
    const other = sessionKeys({ now: () => clock });
    clock = last.expiresAt - 1000;
    expect((await keys.verifyAccessToken(last.token)).expiresAt).toBe(last.expiresAt);
    expect((await other.verifyAccessToken(last.token)).expiresAt).toBe(last.expiresAt);
    clock = last.expiresAt;
    expect(await refusal(keys.verifyAccessToken(last.token))).toEqual({ code: 'UNAUTHENTICATED', message: INVALID_ACCESS_TOKEN });

    // Once retired, even a token freshly made with the old private key is refused, without waiting for a reload.
    clock = rows[0]!.verifies_until.getTime() - 10_000;
    expect((await keys.jwks()).keys.map((key) => key.kid)).toContain(oldKid);
    clock += 11_000;
    expect((await keys.jwks()).keys.map((key) => key.kid)).toEqual([newKid]);
    const oldKey = await stolenKey(oldKid);
    expect(await refusal(keys.verifyAccessToken(await forge(oldKey, { at: clock })))).toEqual({ code: 'UNAUTHENTICATED', message: INVALID_ACCESS_TOKEN });
    expect(await keys.verifyAccessToken(await forge(await stolenKey(newKid), { at: clock }))).toBeTruthy();
  });

  it('rotateNow switches to a fresh key at once; the old one verifies what it signed, then retires within the hour', async () => {
    let clock = Date.now();
    const keys = sessionKeys({ now: () => clock });
    const before = await keys.signAccessToken(claims());
    const oldKid = decodeProtectedHeader(before.token).kid!;
    const elsewhere = sessionKeys({ now: () => clock });
    await elsewhere.verifyAccessToken(before.token);

    await keys.rotateNow();
    const after = await keys.signAccessToken(claims());
    const newKid = decodeProtectedHeader(after.token).kid!;
    expect(newKid).not.toBe(oldKid);
    expect((await keys.jwks()).keys.map((key) => key.kid).sort()).toEqual([oldKid, newKid].sort());
    expect((await keys.verifyAccessToken(before.token)).expiresAt).toBe(before.expiresAt);
    // Another process learns the new key from the first token that names it.
    expect((await elsewhere.verifyAccessToken(after.token)).expiresAt).toBe(after.expiresAt);

    // Not 30 days more: an access token's life and a few minutes.
    clock += HOUR + 10 * 60_000;
    expect((await keys.jwks()).keys.map((key) => key.kid)).toEqual([newKid]);
  });
});

describe('verification', () => {
  it('refuses every forged, altered, foreign or stale token with one message', async () => {
    const keys = sessionKeys();
    const honest = await keys.signAccessToken(claims());
    expect(await keys.verifyAccessToken(honest.token)).toBeTruthy();
    const kid = decodeProtectedHeader(honest.token).kid!;
    const [headerPart, payloadPart, signature] = honest.token.split('.') as [string, string, string];
    const payload = decodeJwt(honest.token);
    const publicJwk = (await keys.jwks()).keys[0]!;
    const publicKey = createPublicKey({ key: publicJwk as JsonWebKey, format: 'jwk' });
    const hs256 = (secret: Buffer) => {
      const head = b64url({ alg: 'HS256', typ: 'at+jwt', kid });
      return `${head}.${payloadPart}.${createHmac('sha256', secret).update(`${head}.${payloadPart}`).digest('base64url')}`;
    };
    const stolen = await stolenKey(kid);
    const { privateKey: strangerKey } = generateKeyPairSync('ed25519');

    const tokens: Record<string, string> = {
      'tampered payload': `${headerPart}.${b64url({ ...payload, sub: randomUUID() })}.${signature}`,
      'another audience': (await sessionKeys({ audience: 'someone-else' }).signAccessToken(claims())).token,
      'another issuer': (await sessionKeys({ issuer: 'https://evil.test' }).signAccessToken(claims())).token,
      'alg none': `${b64url({ alg: 'none', typ: 'at+jwt', kid })}.${payloadPart}.`,
      'HS256 keyed with the public key bytes': hs256(Buffer.from(publicJwk.x!, 'base64url')),
      'HS256 keyed with the public key PEM': hs256(Buffer.from(publicKey.export({ format: 'pem', type: 'spki' }))),
      expired: await forge(stolen, { at: Date.now() - HOUR - 1000 }),
      'issued in the future': await forge(stolen, { at: Date.now() + 10 * 60_000 }),
      'unknown kid': await forge(strangerKey),
      'no kid': await forge(strangerKey, { header: { kid: undefined } }),
      'another token type': await forge(stolen, { header: { typ: 'JWT' } }),
      'sub not a uuid': await forge(stolen, { payload: { sub: 'admin' } }),
      'no sid': await forge(stolen, { payload: { sid: undefined } }),
      garbage: 'not.a.token',
      empty: '',
    };
    for (const [name, token] of Object.entries(tokens)) {
      expect(await refusal(keys.verifyAccessToken(token)), name).toEqual({ code: 'UNAUTHENTICATED', message: INVALID_ACCESS_TOKEN });
    }
  });
});
