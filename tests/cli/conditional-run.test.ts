import { createHash, hkdfSync } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, seal } from '@coffer/crypto';
import { expectOk } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import type { Api } from '@coffer/test-kit/platform';
import { cliHome, legacySeal, type CliHome } from './support.js';

const platform = usePlatform();
let admin: Api;
let token: string;
let cli: CliHome;
let proxy: Server;
const scope = '/orgs/acme/projects/api/envs/production';

const SECRETS = { DB_URL: 'postgres://conditional-db/app', API_KEY: 'sk-conditional-2b7d' };
const printEnv = 'process.stdout.write(JSON.stringify({ DB_URL: process.env.DB_URL, API_KEY: process.env.API_KEY }))';
const TAG = /^"[A-Za-z0-9_-]{43}"$/;

/** What the proxy saw of each inject: the If-None-Match sent and the status answered. */
const injects: { ifNoneMatch: string | undefined; status: number }[] = [];

/**
 * The CLI talks to the platform through an HTTP proxy that records the If-None-Match of each inject
 * and the status it got: the snapshot's tag must travel, and a 304 must come back for it.
 */
beforeAll(async () => {
  const seeded = await seedOrg(platform, { org: 'acme', project: 'api' });
  admin = seeded.api;
  token = seeded.token;
  for (const [key, value] of Object.entries(SECRETS)) expectOk(await admin('POST', `${scope}/secrets/${key}`, { body: { value } }), 201);
  const target = new URL(platform.baseUrl);
  proxy = createServer((req, res) => {
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent: false }, (answer) => {
      if (req.url?.endsWith('/inject')) injects.push({ ifNoneMatch: req.headers['if-none-match'], status: answer.statusCode ?? 0 });
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  cli = await cliHome();
  const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  expect((await cli.run(['login', '--api-url', url, '--token-stdin'], { input: token })).code).toBe(0);
  expect((await cli.run(['context', 'set', '--org', 'acme', '--project', 'api', '--env', 'production'])).code).toBe(0);
});
afterAll(async () => {
  if (proxy?.listening) await new Promise((resolve) => proxy.close(resolve));
  await cli?.remove();
});

/** The one snapshot file, and its key and additional data as the README describes them. */
async function snapshotFile(): Promise<{ path: string; key: Buffer; aad: Buffer }> {
  const dir = join(cli.configDir, 'snapshots');
  const [name, ...others] = await readdir(dir);
  expect(others).toEqual([]);
  const key = Buffer.from(
    hkdfSync('sha256', await readFile(join(cli.configDir, 'key')), createHash('sha256').update(token).digest(), 'coffer-cli:snapshot:v1', 32),
  );
  return { path: join(dir, name!), key, aad: Buffer.from(`coffer-cli:snapshot:v1:${name}`) };
}

async function readSnapshot(): Promise<{ savedAt: string; values: Record<string, string>; removed: string[]; etag?: string }> {
  const { path, key, aad } = await snapshotFile();
  return JSON.parse(open(key, (await readFile(path, 'utf8')).trim().slice('enc2:'.length), aad).toString('utf8'));
}

async function writeSnapshot(snapshot: object): Promise<void> {
  const { path, key, aad } = await snapshotFile();
  await writeFile(path, `enc2:${seal(key, Buffer.from(JSON.stringify(snapshot)), aad)}\n`);
}

async function runPrinting(args: string[] = [], env?: Record<string, string>) {
  const run = await cli.run(['run', ...args, '--', 'node', '-e', printEnv], env ? { env } : {});
  expect(run.code, run.stderr).toBe(0);
  return { ...run, printed: JSON.parse(run.stdout) as Record<string, string> };
}

/** The inject the proxy saw last. */
const lastInject = () => injects.at(-1);

describe('coffer run with an offline snapshot that has a tag', () => {
  it('keeps the tag of the answer its snapshot was made from', async () => {
    const first = await runPrinting();
    expect(first.printed).toEqual(SECRETS);
    expect(first.stderr).toBe('');
    expect(lastInject()).toEqual({ ifNoneMatch: undefined, status: 200 });
    const snapshot = await readSnapshot();
    expect(snapshot.values).toEqual(SECRETS);
    expect(snapshot.etag).toMatch(TAG);
    // The tag the server gives this token for this environment.
    expect(snapshot.etag).toBe((await admin('POST', `${scope}/inject`)).headers.get('etag'));
  });

  it('sends the tag and, on 304, starts the command from the snapshot without writing it again', async () => {
    const { path } = await snapshotFile();
    const { etag } = await readSnapshot();
    const before = { bytes: await readFile(path, 'utf8'), mtimeMs: (await stat(path)).mtimeMs };
    const again = await runPrinting();
    expect(again.printed).toEqual(SECRETS);
    expect(again.stderr).toBe('');
    expect(lastInject()).toEqual({ ifNoneMatch: etag, status: 304 });
    // A rewrite would show: a fresh IV every time it is sealed.
    expect(await readFile(path, 'utf8')).toBe(before.bytes);
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs);
  });

  it('takes the values from the snapshot on 304, not from the server', async () => {
    const snapshot = await readSnapshot();
    const kept = { DB_URL: 'postgres://kept-in-the-snapshot/app', API_KEY: 'sk-kept-in-the-snapshot' };
    await writeSnapshot({ ...snapshot, values: kept });
    expect((await runPrinting()).printed).toEqual(kept);
    expect(lastInject()).toEqual({ ifNoneMatch: snapshot.etag, status: 304 });
    await writeSnapshot(snapshot);
  });

  it('gets every value again once the environment changed, and keeps the new tag', async () => {
    const { etag: before } = await readSnapshot();
    expectOk(await admin('POST', `${scope}/secrets/API_KEY`, { body: { value: 'sk-conditional-rotated' } }));
    const changed = await runPrinting();
    expect(changed.printed).toEqual({ ...SECRETS, API_KEY: 'sk-conditional-rotated' });
    expect(lastInject()).toEqual({ ifNoneMatch: before, status: 200 });
    const snapshot = await readSnapshot();
    expect(snapshot.values.API_KEY).toBe('sk-conditional-rotated');
    expect(snapshot.etag).toMatch(TAG);
    expect(snapshot.etag).not.toBe(before);
    expect((await runPrinting()).printed.API_KEY).toBe('sk-conditional-rotated');
    expect(lastInject()).toEqual({ ifNoneMatch: snapshot.etag, status: 304 });
  });

  it('sends no tag under --no-fallback, which neither keeps nor uses a snapshot', async () => {
    const snapshot = await readSnapshot();
    await writeSnapshot({ ...snapshot, values: { DB_URL: 'not-used', API_KEY: 'not-used' } });
    const run = await runPrinting(['--no-fallback']);
    expect(run.printed).toEqual({ ...SECRETS, API_KEY: 'sk-conditional-rotated' });
    expect(lastInject()).toEqual({ ifNoneMatch: undefined, status: 200 });
    await writeSnapshot(snapshot);
  });

  it('sends no tag another token cannot open, nor a kept tag that is no entity-tag', async () => {
    const other = expectOk(await admin('POST', '/orgs/acme/tokens', { body: { name: 'other', permissions: ['reveal', 'export'] } }), 201);
    expect((await runPrinting([], { COFFER_TOKEN: other.token })).printed.API_KEY).toBe('sk-conditional-rotated');
    expect(lastInject()).toEqual({ ifNoneMatch: undefined, status: 200 });
    // The snapshot is now the other token's; the logged-in token starts over.
    expect((await runPrinting()).printed.API_KEY).toBe('sk-conditional-rotated');
    expect(lastInject()).toEqual({ ifNoneMatch: undefined, status: 200 });

    const snapshot = await readSnapshot();
    await writeSnapshot({ ...snapshot, etag: 'not "an" entity-tag' });
    expect((await runPrinting()).printed.API_KEY).toBe('sk-conditional-rotated');
    expect(lastInject()).toEqual({ ifNoneMatch: undefined, status: 200 });
    expect((await readSnapshot()).etag).toBe(snapshot.etag);
  });
});

describe('coffer run with a snapshot an earlier version kept', () => {
  it('gets every value (no tag to send) and keeps a snapshot with a tag from then on', async () => {
    const { path, key, aad } = await snapshotFile();
    const old = { DB_URL: 'postgres://from-an-old-snapshot/app', API_KEY: 'sk-from-an-old-snapshot' };
    for (const sealed of [
      `enc2:${seal(key, Buffer.from(JSON.stringify({ savedAt: new Date().toISOString(), values: old, removed: [] })), aad)}`,
      legacySeal(JSON.stringify({ savedAt: new Date().toISOString(), values: old, removed: [] }), key, aad.toString()),
    ]) {
      await writeFile(path, `${sealed}\n`);
      const run = await runPrinting();
      expect(run.printed).toEqual({ ...SECRETS, API_KEY: 'sk-conditional-rotated' });
      expect(lastInject()).toEqual({ ifNoneMatch: undefined, status: 200 });
      expect((await readSnapshot()).etag).toMatch(TAG);
    }
  });
});
