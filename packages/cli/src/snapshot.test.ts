import { createCipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigStore } from './config.js';
import { formatAge, loadSnapshot, parseDuration, removeSnapshots, saveSnapshot, snapshotFile } from './snapshot.js';

const SCOPE = '/orgs/o/projects/p/envs/e';
const OTHER_SCOPE = '/orgs/o/projects/p/envs/x';
const TOKEN = 'coffer_snapshot-test-token';

const homes: string[] = [];
afterEach(async () => {
  for (const home of homes.splice(0)) await rm(home, { recursive: true, force: true });
});

async function store(): Promise<ConfigStore> {
  const home = await mkdtemp(join(tmpdir(), 'coffer-snapshot-'));
  homes.push(home);
  return new ConfigStore({ HOME: home, XDG_CONFIG_HOME: join(home, 'config') });
}

/** A snapshot as earlier versions wrote it, made with node:crypto: `enc:` + base64(nonce ‖ ciphertext ‖ tag) under the same derived key. */
async function writeLegacySnapshot(config: ConfigStore, apiUrl: string, scope: string, token: string, snapshot: object): Promise<string> {
  const { dir, path, aad } = snapshotFile(config, apiUrl, scope);
  const key = Buffer.from(hkdfSync('sha256', config.keyMaterial(true), createHash('sha256').update(token).digest(), 'coffer-cli:snapshot:v1', 32));
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(snapshot)), cipher.final()]);
  await mkdir(dir, { mode: 0o700 });
  await writeFile(path, `enc:${Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]).toString('base64')}\n`, { mode: 0o600 });
  return path;
}

describe('offline snapshots', () => {
  it('are sealed as enc2:, and one altered in any byte is not used', async () => {
    const config = await store();
    saveSnapshot(config, 'http://a', SCOPE, TOKEN, { savedAt: '2026-01-01T00:00:00.000Z', values: { A: 'secret-a' }, removed: [] });
    const { path } = snapshotFile(config, 'http://a', SCOPE);
    const text = await readFile(path, 'utf8');
    expect(text).toMatch(/^enc2:[A-Za-z0-9+/]+=*\n$/);
    const raw = Buffer.from(text.trim().slice(5), 'base64');
    for (const at of [0, 12, 28, raw.length - 1]) {
      const altered = Buffer.from(raw);
      altered[at]! ^= 1;
      await writeFile(path, `enc2:${altered.toString('base64')}\n`);
      expect(loadSnapshot(config, 'http://a', SCOPE, TOKEN)).toEqual({ found: false, reason: 'other-token' });
    }
  });

  it('reads one an earlier version wrote (enc:) and rewrites it as enc2:', async () => {
    const config = await store();
    const snapshot = { savedAt: '2025-12-01T00:00:00.000Z', values: { A: 'secret-a', MULTI: 'one\ntwo' }, removed: ['LD_PRELOAD'] };
    const path = await writeLegacySnapshot(config, 'http://a', SCOPE, TOKEN, snapshot);
    expect(loadSnapshot(config, 'http://a', SCOPE, TOKEN)).toEqual({ found: true, snapshot });
    const rewritten = await readFile(path, 'utf8');
    expect(rewritten).toMatch(/^enc2:[A-Za-z0-9+/]+=*\n$/);
    expect(rewritten).not.toContain('secret-a');
    expect(loadSnapshot(config, 'http://a', SCOPE, TOKEN)).toEqual({ found: true, snapshot });
    expect(await readFile(path, 'utf8')).toBe(rewritten);
  });

  it('leaves an enc: snapshot of another token alone', async () => {
    const config = await store();
    const path = await writeLegacySnapshot(config, 'http://a', SCOPE, TOKEN, { savedAt: '2025-12-01T00:00:00.000Z', values: {}, removed: [] });
    const before = await readFile(path, 'utf8');
    expect(loadSnapshot(config, 'http://a', SCOPE, 'coffer_someone-else')).toEqual({ found: false, reason: 'other-token' });
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('round-trips, one file per server and scope, and refuses a file moved to another scope', async () => {
    const config = await store();
    const snapshot = { savedAt: '2026-01-01T00:00:00.000Z', values: { A: 'secret-a' }, removed: [] };
    saveSnapshot(config, 'http://a', SCOPE, TOKEN, snapshot);
    expect(loadSnapshot(config, 'http://a', SCOPE, TOKEN)).toEqual({ found: true, snapshot });
    expect(loadSnapshot(config, 'http://b', SCOPE, TOKEN)).toEqual({ found: false, reason: 'none' });
    expect(await readFile(snapshotFile(config, 'http://a', SCOPE).path, 'utf8')).not.toContain('secret-a');

    await rename(snapshotFile(config, 'http://a', SCOPE).path, snapshotFile(config, 'http://a', OTHER_SCOPE).path);
    expect(loadSnapshot(config, 'http://a', OTHER_SCOPE, TOKEN)).toEqual({ found: false, reason: 'other-token' });
  });

  it('keep the tag of the answer they were made from; one without (an earlier version) or with no entity-tag has none', async () => {
    const config = await store();
    const tagged = { savedAt: '2026-01-01T00:00:00.000Z', values: { A: 'secret-a' }, removed: [], etag: '"Yk3JtCq0m1V2yXo8jQx5b4dE6fGhI7kLmNoPqRsTuVw"' };
    saveSnapshot(config, 'http://a', SCOPE, TOKEN, tagged);
    expect(loadSnapshot(config, 'http://a', SCOPE, TOKEN)).toEqual({ found: true, snapshot: tagged });
    saveSnapshot(config, 'http://a', SCOPE, TOKEN, { ...tagged, etag: 'W/"weak"' });
    expect(loadSnapshot(config, 'http://a', SCOPE, TOKEN)).toMatchObject({ snapshot: { etag: 'W/"weak"' } });
    const { etag: _none, ...untagged } = tagged;
    saveSnapshot(config, 'http://a', SCOPE, TOKEN, untagged);
    expect(loadSnapshot(config, 'http://a', SCOPE, TOKEN)).toEqual({ found: true, snapshot: untagged });
    for (const etag of ['unquoted', '"a\r\nX-Injected: 1"', '"a" "b"', `"${'x'.repeat(300)}"`, 42]) {
      saveSnapshot(config, 'http://a', SCOPE, TOKEN, { ...tagged, etag } as typeof tagged);
      expect(loadSnapshot(config, 'http://a', SCOPE, TOKEN), String(etag)).toEqual({ found: true, snapshot: untagged });
    }
  });

  it('opens only with the token that fetched the values, not with the key file alone', async () => {
    const config = await store();
    saveSnapshot(config, 'http://a', SCOPE, TOKEN, { savedAt: '2026-01-01T00:00:00.000Z', values: { A: 'secret-a' }, removed: [] });
    expect(loadSnapshot(config, 'http://a', SCOPE, 'coffer_someone-else')).toEqual({ found: false, reason: 'other-token' });
    expect(loadSnapshot(config, 'http://a', SCOPE, TOKEN).found).toBe(true);
  });

  it('are all removed at once, and removing none is fine', async () => {
    const config = await store();
    expect(removeSnapshots(config)).toBe(false);
    saveSnapshot(config, 'http://a', SCOPE, TOKEN, { savedAt: '2026-01-01T00:00:00.000Z', values: {}, removed: [] });
    saveSnapshot(config, 'http://a', OTHER_SCOPE, TOKEN, { savedAt: '2026-01-01T00:00:00.000Z', values: {}, removed: [] });
    expect(removeSnapshots(config)).toBe(true);
    expect(loadSnapshot(config, 'http://a', SCOPE, TOKEN)).toEqual({ found: false, reason: 'none' });
  });

  it('refuses a snapshots directory that is a symlink', async () => {
    const config = await store();
    const elsewhere = await mkdtemp(join(tmpdir(), 'coffer-elsewhere-'));
    homes.push(elsewhere);
    config.ensureDir();
    await symlink(elsewhere, join(config.paths.dir, 'snapshots'));
    expect(() => saveSnapshot(config, 'http://a', SCOPE, TOKEN, { savedAt: '2026-01-01T00:00:00.000Z', values: {}, removed: [] })).toThrow(/not a directory/);
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it('reads durations and says ages', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(() => parseDuration('10')).toThrow(/invalid duration/);
    expect(formatAge(1500)).toBe('1s');
    expect(formatAge(3 * 3_600_000 + 5 * 60_000)).toBe('3h 5m');
  });
});
