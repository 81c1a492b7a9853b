import { mkdtemp, readdir, readFile, rename, rm, symlink } from 'node:fs/promises';
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

describe('offline snapshots', () => {
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
