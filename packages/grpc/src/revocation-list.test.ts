import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CofferError, orgRevocationMessage } from '@coffer/contract';
import { PRINCIPAL_ASSERTION_TTL_MS, createPrincipalSigner, createPrincipalVerifier, type PrincipalClaims } from './principal-assertion.js';
import {
  REVOKED_ASSERTION_MESSAGE,
  STALE_ASSERTION_MESSAGE,
  UNSUBSCRIBED_ASSERTION_AGE_MS,
  createRevocationList,
  feedRevocations,
  type RevocationFeed,
  type RevocationMatch,
} from './revocation-list.js';

const T = 1_700_000_000_500;
const ORG = '0b6f0c1e-3a51-4c3f-9d51-2f4f3c0d8a11';
const OTHER_ORG = '5d1e2a9c-7b0f-4e61-8a2d-9c3b4f5e6a70';

function clock(start = T) {
  let time = start;
  return { now: () => time, set: (value: number) => (time = value), advance: (ms: number) => (time += ms) };
}

const subject = (tokenId: string, issuedAt: number, orgId = ORG) => ({ tokenId, orgId, issuedAt });

describe('revocation list', () => {
  it('refuses what a token revocation at T concerns when issued before T, and nothing else', () => {
    const list = createRevocationList({ keepMs: PRINCIPAL_ASSERTION_TTL_MS, now: clock().now });
    list.revoke('tok_1');
    expect(list.refusal(subject('tok_1', T - 1))).toBe(REVOKED_ASSERTION_MESSAGE);
    expect(list.refusal(subject('tok_1', T))).toBeUndefined();
    expect(list.refusal(subject('tok_2', T - 1))).toBeUndefined();
  });

  it('refuses an organisation revoked at T for assertions of that organisation issued before T', () => {
    const list = createRevocationList({ keepMs: PRINCIPAL_ASSERTION_TTL_MS, now: clock().now });
    list.revoke(orgRevocationMessage(ORG));
    expect(list.refusal(subject('tok_1', T - 1))).toBe(REVOKED_ASSERTION_MESSAGE);
    expect(list.refusal(subject('tok_1', T + 1))).toBeUndefined();
    expect(list.refusal(subject('tok_1', T - 1, OTHER_ORG))).toBeUndefined();
    // The organisation's id is no token id.
    expect(list.refusal(subject(ORG, T - 1, OTHER_ORG))).toBeUndefined();
  });

  it('keeps a later revocation of the same id, and forgets one once every assertion it refused has expired', () => {
    const time = clock();
    const list = createRevocationList({ keepMs: 1_000, now: time.now });
    list.revoke('tok_1');
    time.advance(500);
    list.revoke('tok_1');
    expect(list.refusal(subject('tok_1', T + 499))).toBe(REVOKED_ASSERTION_MESSAGE);
    time.advance(1_001);
    list.revoke('tok_2');
    // Anything issued before the revocations lived at most keepMs: the entry no longer matters.
    expect(list.refusal(subject('tok_1', T + 499))).toBeUndefined();
    expect(list.refusal(subject('tok_2', T + 1_000))).toBe(REVOKED_ASSERTION_MESSAGE);
  });

  it('when full, forgets the oldest entry by refusing everything issued before it instead', () => {
    const time = clock();
    const list = createRevocationList({ keepMs: PRINCIPAL_ASSERTION_TTL_MS, maxEntries: 2, now: time.now });
    for (const id of ['tok_a', 'tok_b', 'tok_c']) {
      list.revoke(id);
      time.advance(10);
    }
    expect(list.refusal(subject('tok_a', T - 1))).toBe(REVOKED_ASSERTION_MESSAGE);
    expect(list.refusal(subject('tok_unrelated', T - 1))).toBe(REVOKED_ASSERTION_MESSAGE);
    expect(list.refusal(subject('tok_unrelated', T))).toBeUndefined();
    expect(list.refusal(subject('tok_c', T + 19))).toBe(REVOKED_ASSERTION_MESSAGE);
  });

  it('while not live, refuses as stale what is older than a second, and accepts what is not', () => {
    const time = clock();
    const list = createRevocationList({ keepMs: PRINCIPAL_ASSERTION_TTL_MS, now: time.now });
    expect(list.refusal(subject('tok_1', T - 60_000))).toBeUndefined();
    list.setLive(false);
    expect(list.refusal(subject('tok_1', T - UNSUBSCRIBED_ASSERTION_AGE_MS - 1))).toBe(STALE_ASSERTION_MESSAGE);
    expect(list.refusal(subject('tok_1', T - UNSUBSCRIBED_ASSERTION_AGE_MS))).toBeUndefined();
    list.setLive(true);
    expect(list.refusal(subject('tok_1', T - 60_000))).toBeUndefined();
  });

  it('tells its listeners what each revocation concerns, and to forget everything on each liveness change', () => {
    const list = createRevocationList({ keepMs: PRINCIPAL_ASSERTION_TTL_MS, now: clock().now });
    const told: (RevocationMatch | undefined)[] = [];
    const stop = list.onForget((match) => told.push(match));
    list.revoke('tok_1');
    list.revoke(orgRevocationMessage(ORG));
    list.setLive(true);
    list.setLive(false);
    list.setLive(true);
    stop();
    list.revoke('tok_2');
    expect(told).toHaveLength(4);
    const [token, org, lost, back] = told;
    expect([token!(subject('tok_1', T - 1)), token!(subject('tok_1', T)), token!(subject('tok_2', T - 1))]).toEqual([true, false, false]);
    expect([org!(subject('tok_9', T - 1)), org!(subject('tok_9', T - 1, OTHER_ORG))]).toEqual([true, false]);
    expect([lost, back]).toEqual([undefined, undefined]);
  });
});

/** An in-memory channel with a switchable subscription, shaped like the kv module's pub/sub. */
function testFeed() {
  const handlers = new Set<(message: string) => void>();
  const liveListeners = new Set<(live: boolean) => void>();
  let live = true;
  const feed: RevocationFeed = {
    async subscribe(_channel, handler) {
      handlers.add(handler);
      return async () => void handlers.delete(handler);
    },
    isLive: () => live,
    onLiveChange(listener) {
      liveListeners.add(listener);
      return () => liveListeners.delete(listener);
    },
  };
  return {
    feed,
    publish: (message: string) => handlers.forEach((handler) => handler(message)),
    setLive(value: boolean) {
      live = value;
      liveListeners.forEach((listener) => listener(value));
    },
    subscribers: () => handlers.size + liveListeners.size,
  };
}

const claims = (tokenId: string, orgId = ORG): PrincipalClaims => ({
  tokenId,
  orgId,
  orgSlug: 'acme',
  name: 'ci',
  permissions: ['read'],
  actorType: 'api_token',
  userId: '',
  grants: [],
  allowedCidrs: [],
  expiresAt: '',
});

async function setUp() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const time = clock();
  const revocations = createRevocationList({ keepMs: PRINCIPAL_ASSERTION_TTL_MS, now: time.now });
  const channel = testFeed();
  const stop = await feedRevocations(revocations, channel.feed, 'auth.token-revoked');
  const sign = await createPrincipalSigner(privateKey, { now: time.now });
  const verify = await createPrincipalVerifier(publicKey, { audience: 'coffer.v1.SecretService', now: time.now, revocations });
  return { time, channel, stop, sign, verify };
}

async function refusal(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(CofferError);
    expect(err).toMatchObject({ code: 'UNAUTHENTICATED' });
    return (err as CofferError).message;
  }
}

describe('principal verifier following revocations', () => {
  it('refuses a cached assertion once its token is revoked, and accepts one signed a millisecond later in the same second', async () => {
    const { time, channel, sign, verify } = await setUp();
    const before = await sign(claims('tok_1'));
    const other = await sign(claims('tok_2'));
    await expect(verify(before)).resolves.toMatchObject({ tokenId: 'tok_1' });
    time.advance(1);
    channel.publish('tok_1');
    time.advance(1);
    const after = await sign(claims('tok_1'));
    expect(Math.floor((T + 2) / 1000)).toBe(Math.floor(T / 1000));
    expect(await refusal(verify(before))).toBe(REVOKED_ASSERTION_MESSAGE);
    await expect(verify(after)).resolves.toMatchObject({ tokenId: 'tok_1' });
    await expect(verify(other)).resolves.toMatchObject({ tokenId: 'tok_2' });
  });

  it("refuses an organisation's older assertions after an org: message, not another organisation's nor a fresh one", async () => {
    const { time, channel, sign, verify } = await setUp();
    const before = await sign(claims('tok_1'));
    const elsewhere = await sign(claims('tok_3', OTHER_ORG));
    await verify(before);
    time.advance(1);
    channel.publish(orgRevocationMessage(ORG));
    time.advance(1);
    expect(await refusal(verify(before))).toBe(REVOKED_ASSERTION_MESSAGE);
    await expect(verify(await sign(claims('tok_1')))).resolves.toMatchObject({ tokenId: 'tok_1' });
    await expect(verify(elsewhere)).resolves.toMatchObject({ orgId: OTHER_ORG });
  });

  it('while the subscription is down refuses assertions older than a second as stale, and trusts them again once it is back', async () => {
    const { time, channel, sign, verify } = await setUp();
    const old = await sign(claims('tok_1'));
    await verify(old);
    time.advance(UNSUBSCRIBED_ASSERTION_AGE_MS + 1);
    channel.setLive(false);
    expect(await refusal(verify(old))).toBe(STALE_ASSERTION_MESSAGE);
    const fresh = await sign(claims('tok_1'));
    await expect(verify(fresh)).resolves.toMatchObject({ tokenId: 'tok_1' });
    time.advance(UNSUBSCRIBED_ASSERTION_AGE_MS + 1);
    // Cached while down, it ages like any other.
    expect(await refusal(verify(fresh))).toBe(STALE_ASSERTION_MESSAGE);
    channel.setLive(true);
    await expect(verify(old)).resolves.toMatchObject({ tokenId: 'tok_1' });
  });

  it('judges an audit record by when its event happened: a later revocation does not refuse it, nor makes the live refusal cacheable', async () => {
    const { time, channel, sign, verify } = await setUp();
    const assertion = await sign(claims('tok_1'));
    time.advance(5);
    channel.publish('tok_1');
    await expect(verify(assertion, { at: T + 2 })).resolves.toMatchObject({ tokenId: 'tok_1' });
    expect(await refusal(verify(assertion))).toBe(REVOKED_ASSERTION_MESSAGE);
  });

  it('stops following when asked', async () => {
    const { channel, stop } = await setUp();
    expect(channel.subscribers()).toBe(2);
    await stop();
    expect(channel.subscribers()).toBe(0);
  });
});
