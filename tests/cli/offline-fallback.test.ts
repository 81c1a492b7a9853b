import { createHash, hkdfSync } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import { cliHome, legacySeal, oneLine, type CliHome } from './support.js';

const platform = usePlatform();
let token: string;
let cli: CliHome;
let proxy: Server;
let proxyUrl: string;
const sockets = new Set<Socket>();
/** While set, the proxy takes connections and never answers: a hung server. */
let silent = false;
/** While set, the proxy answers every request with this instead of the platform's answer. */
let canned: string | undefined;

const SECRETS = { DB_URL: 'postgres://offline-db/app', API_KEY: 'sk-offline-7f3a9c', MULTI: 'line one\nline "two" $HOME' };
const printEnv = 'process.stdout.write(JSON.stringify({ DB_URL: process.env.DB_URL, API_KEY: process.env.API_KEY, MULTI: process.env.MULTI }))';

/**
 * The CLI talks to the platform through a TCP proxy: closing the proxy leaves COFFER_API_URL
 * pointing at a closed port while the snapshot stays named after that same URL.
 */
beforeAll(async () => {
  const admin = await seedOrg(platform, { org: 'acme', project: 'api' });
  token = admin.token;
  const scope = '/orgs/acme/projects/api/envs/production/secrets';
  for (const [key, value] of Object.entries(SECRETS)) expectOk(await admin.api('POST', `${scope}/${key}`, { body: { value } }), 201);
  const target = new URL(platform.baseUrl);
  proxy = createServer((client) => {
    if (canned !== undefined) {
      const answer = canned;
      client.on('error', () => client.destroy());
      client.once('data', () => client.end(answer));
      return;
    }
    if (silent) {
      sockets.add(client);
      client.on('close', () => sockets.delete(client));
      client.on('error', () => client.destroy());
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  cli = await cliHome();
  expect((await cli.run(['login', '--api-url', proxyUrl, '--token-stdin'], { input: token })).code).toBe(0);
  expect((await cli.run(['context', 'set', '--org', 'acme', '--project', 'api', '--env', 'production'])).code).toBe(0);
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  if (proxy?.listening) await new Promise((resolve) => proxy.close(resolve));
  await cli?.remove();
});

async function stopProxy(): Promise<void> {
  const closed = new Promise((resolve) => proxy.close(resolve));
  for (const socket of sockets) socket.destroy();
  await closed;
}

describe('offline fallback', () => {
  it('keeps no snapshot under --no-fallback', async () => {
    const run = await cli.run(['run', '--no-fallback', '--', 'node', '-e', printEnv]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(SECRETS);
    expect(await readdir(cli.configDir)).not.toContain('snapshots');
  });

  it('gives up on a server that never answers after --timeout and starts from the snapshot', async () => {
    expect((await cli.run(['run', '--', 'true'])).code).toBe(0);
    silent = true;
    try {
      const started = Date.now();
      const run = await cli.run(['run', '--timeout', '300ms', '--', 'node', '-e', printEnv]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual(SECRETS);
      expect(oneLine(run.stderr)).toMatch(/\(timed out\); using the offline snapshot/);
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      silent = false;
      for (const socket of sockets) socket.destroy();
    }
  });

  it('starts from the snapshot on every answer that says the server cannot serve, and not on one that says no', async () => {
    expect((await cli.run(['run', '--', 'true'])).code).toBe(0);
    const answer = (status: string, body: string, headers = 'content-type: application/json\r\n') =>
      `HTTP/1.1 ${status}\r\n${headers}content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
    const envelope = (code: string, message: string) => JSON.stringify({ error: true, code, message, data: null });
    const cannotServe = [
      answer(
        '503 Service Unavailable',
        envelope('UNAVAILABLE', 'the database is unavailable; retry later'),
        'content-type: application/json\r\nretry-after: 1\r\n',
      ),
      answer('504 Gateway Timeout', envelope('DEADLINE_EXCEEDED', 'a service did not answer in time')),
      answer('500 Internal Server Error', envelope('INTERNAL', 'internal error')),
      answer('429 Too Many Requests', envelope('RESOURCE_EXHAUSTED', 'slow down'), 'content-type: application/json\r\nretry-after: 1\r\n'),
      answer('500 Internal Server Error', '<html>load balancer error</html>', 'content-type: text/html\r\n'),
    ];
    try {
      for (const response of cannotServe) {
        canned = response;
        const run = await cli.run(['run', '--', 'node', '-e', printEnv]);
        expect(run.code, response.split('\r\n')[0]).toBe(0);
        expect(JSON.parse(run.stdout)).toEqual(SECRETS);
        expect(oneLine(run.stderr)).toMatch(/; using the offline snapshot of \/orgs\/acme\/projects\/api\/envs\/production/);
      }
      // An answer about the request itself is final: a rejected token must not be papered over with old values.
      canned = answer('401 Unauthorized', envelope('UNAUTHENTICATED', 'a valid bearer token is required'));
      const rejected = await cli.run(['run', '--', 'node', '-e', printEnv]);
      expect(rejected.code).toBe(4);
      expect(rejected.stdout).toBe('');
      canned = answer('404 Not Found', envelope('NOT_FOUND', "environment 'production' not found in project 'api'"));
      const missing = await cli.run(['run', '--', 'node', '-e', printEnv]);
      expect(missing.code).not.toBe(0);
      expect(missing.stdout).toBe('');
      expect(oneLine(missing.stderr)).not.toMatch(/offline snapshot/);
    } finally {
      canned = undefined;
    }
  });

  it('keeps an encrypted 0600 snapshot after a run and serves it when the server cannot be reached', async () => {
    const online = await cli.run(['run', '--', 'node', '-e', printEnv]);
    expect(online.stderr).toBe('');
    expect(JSON.parse(online.stdout)).toEqual(SECRETS);

    const dir = join(cli.configDir, 'snapshots');
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, files[0]!))).mode & 0o777).toBe(0o600);
    const raw = await readFile(join(dir, files[0]!), 'utf8');
    expect(raw).toMatch(/^enc2:[A-Za-z0-9+/=]+\n$/);
    for (const value of [...Object.values(SECRETS), 'offline-db', 'sk-offline']) expect(raw).not.toContain(value);

    await stopProxy();

    const offline = await cli.run(['run', '--', 'node', '-e', printEnv]);
    expect(offline.code).toBe(0);
    expect(JSON.parse(offline.stdout)).toEqual(SECRETS);
    expect(oneLine(offline.stderr)).toMatch(
      /^coffer: cannot reach the Coffer server at .*; using the offline snapshot of \/orgs\/acme\/projects\/api\/envs\/production from \S+ \(\d+s old\)$/,
    );
    for (const value of Object.values(SECRETS)) expect(offline.stderr).not.toContain(value);
  });

  it('fails with the unreachable exit code under --no-fallback, and for an environment without a snapshot', async () => {
    const refused = await cli.run(['run', '--no-fallback', '--', 'node', '-e', printEnv]);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toBe('');
    expect(oneLine(refused.stderr)).toMatch(/cannot reach the Coffer server/);

    const none = await cli.run(['run', '--env', 'staging', '--', 'node', '-e', printEnv]);
    expect(none.code).toBe(3);
    expect(oneLine(none.stderr)).toMatch(/no offline snapshot/);
  });

  it('serves a snapshot an earlier version kept (enc:) and rewrites it as enc2:; an altered one is not used', async () => {
    const dir = join(cli.configDir, 'snapshots');
    const [name] = await readdir(dir);
    const path = join(dir, name!);
    // The snapshot key as the README describes it: HKDF-SHA256 over the key file, the token's SHA-256 as salt.
    const key = Buffer.from(
      hkdfSync('sha256', await readFile(join(cli.configDir, 'key')), createHash('sha256').update(token).digest(), 'coffer-cli:snapshot:v1', 32),
    );
    const kept = { DB_URL: 'postgres://legacy-db/app', API_KEY: 'sk-legacy-1c2d', MULTI: 'kept by\nan earlier version' };
    await writeFile(
      path,
      legacySeal(JSON.stringify({ savedAt: new Date().toISOString(), values: kept, removed: [] }), key, `coffer-cli:snapshot:v1:${name}`) + '\n',
    );

    const offline = await cli.run(['run', '--', 'node', '-e', printEnv]);
    expect(offline.code).toBe(0);
    expect(JSON.parse(offline.stdout)).toEqual(kept);
    expect(oneLine(offline.stderr)).toMatch(/using the offline snapshot/);
    const raw = await readFile(path, 'utf8');
    expect(raw).toMatch(/^enc2:[A-Za-z0-9+/=]+\n$/);
    for (const value of [...Object.values(kept), 'legacy-db']) expect(raw).not.toContain(value);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse((await cli.run(['run', '--', 'node', '-e', printEnv])).stdout)).toEqual(kept);
    expect(await readFile(path, 'utf8')).toBe(raw);

    const altered = Buffer.from(raw.trim().slice('enc2:'.length), 'base64');
    altered[altered.length - 1]! ^= 1;
    await writeFile(path, `enc2:${altered.toString('base64')}\n`);
    const refused = await cli.run(['run', '--', 'node', '-e', printEnv]);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toBe('');
    expect(oneLine(refused.stderr)).toMatch(/was kept for another token \(or altered\): not using it$/);
    await writeFile(path, raw);
  });

  it('refuses a snapshot older than --fallback-max-age and takes one younger', async () => {
    expect((await cli.run(['run', '--fallback-max-age', '10m', '--', 'node', '-e', printEnv])).code).toBe(0);
    await sleep(1500);
    const old = await cli.run(['run', '--fallback-max-age', '1s', '--', 'node', '-e', printEnv]);
    expect(old.code).toBe(3);
    expect(old.stdout).toBe('');
    expect(oneLine(old.stderr)).toMatch(/the offline snapshot of \S+ is \d+s old, older than --fallback-max-age 1s: refusing it$/);

    const bad = await cli.run(['run', '--fallback-max-age', 'soon', '--', 'true']);
    expect(bad.code).toBe(2);
    expect(oneLine(bad.stderr)).toMatch(/invalid duration "soon"/);
  });

  it('opens a snapshot only with the token that fetched it: the key file alone is not enough', async () => {
    const other = await cli.run(['run', '--', 'node', '-e', printEnv], { env: { COFFER_TOKEN: 'coffer_not-the-token-that-fetched-it' } });
    expect(other.code).toBe(3);
    expect(other.stdout).toBe('');
    expect(oneLine(other.stderr)).toMatch(/the offline snapshot of \S+ was kept for another token \(or altered\): not using it$/);
  });

  it('coffer logout removes the snapshots with the token', async () => {
    expect(await readdir(cli.configDir)).toContain('snapshots');
    const logout = await cli.run(['logout']);
    expect(logout).toMatchObject({ code: 0, stdout: 'Logged out: the stored token is removed; offline snapshots removed\n' });
    expect(await readdir(cli.configDir)).not.toContain('snapshots');
  });
});
