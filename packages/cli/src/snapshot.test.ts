import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigStore } from './config.js';
import { formatAge, loadSnapshot, parseDuration, saveSnapshot, snapshotFile } from './snapshot.js';

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
    saveSnapshot(config, 'http://a', '/orgs/o/projects/p/envs/e', snapshot);
    expect(loadSnapshot(config, 'http://a', '/orgs/o/projects/p/envs/e')).toEqual(snapshot);
    expect(loadSnapshot(config, 'http://b', '/orgs/o/projects/p/envs/e')).toBeUndefined();
    expect(await readFile(snapshotFile(config, 'http://a', '/orgs/o/projects/p/envs/e').path, 'utf8')).not.toContain('secret-a');

    await rename(snapshotFile(config, 'http://a', '/orgs/o/projects/p/envs/e').path, snapshotFile(config, 'http://a', '/orgs/o/projects/p/envs/x').path);
    expect(() => loadSnapshot(config, 'http://a', '/orgs/o/projects/p/envs/x')).toThrow(/cannot be decrypted/);
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
