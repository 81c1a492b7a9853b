import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '@coffer/test-kit/platform';
import {
  filesContaining,
  killAllServers,
  makeTempDir,
  removeTempDirs,
  startEmbeddedServer,
  textContains,
  type EmbeddedServer,
} from '@coffer/test-kit/server-process';

/**
 * One embedded platform, started from an empty data directory, used in order: first run, a canary
 * written and looked for at rest, then a restart on the same directory. The tests share the data
 * directory on purpose (that is the thing under test), so they run in sequence.
 */

const SCOPE = '/orgs/default/projects/default/envs/development';

let dataDir: string;
let first: EmbeddedServer | undefined;
let token: string;
let masterKey: Buffer;
/** Every secret written so far and its value. */
const written = new Map<string, string>();
const canary = `canary-${randomBytes(24).toString('hex')}`;

const mode = async (path: string) => (await stat(path)).mode & 0o777;

beforeAll(async () => {
  dataDir = await makeTempDir();
});

afterAll(async () => {
  await killAllServers();
  await removeTempDirs();
});

describe.sequential('embedded coffer-server', { timeout: 60_000 }, () => {
  it('first run: generates master.key and admin-token (0600), prints the token once and serves the API with it', async () => {
    first = await startEmbeddedServer(dataDir);

    const tokenFile = join(dataDir, 'admin-token');
    const keyFile = join(dataDir, 'master.key');
    expect(await mode(tokenFile)).toBe(0o600);
    expect(await mode(keyFile)).toBe(0o600);
    masterKey = await readFile(keyFile);
    expect(Buffer.from(masterKey.toString('utf8').trim(), 'base64')).toHaveLength(32);

    token = (await readFile(tokenFile, 'utf8')).trim();
    expect(token).toMatch(/^\S{20,}$/);
    const stdout = first.proc.stdout();
    const printed = /Admin token[^\n]*\n\s*\n\s+(\S+)\s*\n/.exec(stdout)?.[1];
    expect(printed, first.proc.output()).toBe(token);
    // Shown once: never again in a log line, never on stderr.
    expect(stdout.split(token).length - 1).toBe(1);
    expect(first.proc.stderr()).not.toContain(token);

    // The database is PGlite's, inside the data directory, and not readable by others.
    const pgdata = join(dataDir, 'data');
    expect((await stat(pgdata)).isDirectory()).toBe(true);
    expect((await mode(pgdata)) & 0o077).toBe(0);
    expect((await readFile(join(pgdata, 'PG_VERSION'), 'utf8')).trim()).toMatch(/^\d+$/);
    expect((await stat(join(pgdata, 'base'))).isDirectory()).toBe(true);

    const api = apiClient(first.baseUrl, token);
    const value = `first-run-${randomBytes(8).toString('hex')}`;
    const created = await api('POST', `${SCOPE}/secrets/FIRST_RUN`, { body: { value, type: 'text' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    written.set('FIRST_RUN', value);

    const revealed = await api('GET', `${SCOPE}/secrets/FIRST_RUN?reveal=true`);
    expect(revealed.status, JSON.stringify(revealed.body)).toBe(200);
    expect(revealed.body.data).toMatchObject({ key: 'FIRST_RUN', version: 1, value });
    const hidden = await api('GET', `${SCOPE}/secrets/FIRST_RUN`);
    expect(hidden.status).toBe(200);
    expect(hidden.body.data).not.toHaveProperty('value');

    const anonymous = await apiClient(first.baseUrl)('GET', `${SCOPE}/secrets/FIRST_RUN?reveal=true`);
    expect(anonymous.status).toBe(401);
    const wrong = await apiClient(first.baseUrl, `${token.slice(0, -4)}AAAA`)('GET', `${SCOPE}/secrets/FIRST_RUN?reveal=true`);
    expect(wrong.status).toBe(401);
  });

  it('the scanner finds a value in each encoding it claims to (guards the canary test)', async () => {
    const probeDir = join(await makeTempDir(), 'nested', 'deeper');
    await mkdir(probeDir, { recursive: true });
    const probe = `probe-${randomBytes(16).toString('hex')}`;
    // One byte before the value: its base64 is not aligned on a 3-byte boundary.
    await writeFile(join(probeDir, 'b64'), Buffer.from(`x${probe}z`).toString('base64'));
    await writeFile(join(probeDir, 'hex'), Buffer.from(`a${probe}`).toString('hex'));
    await writeFile(join(probeDir, 'raw'), Buffer.concat([randomBytes(100), Buffer.from(probe), randomBytes(100)]));
    await writeFile(join(probeDir, 'clean'), randomBytes(4096));
    const hits = await filesContaining(join(probeDir, '..', '..'), probe);
    expect(hits.some((hit) => hit.includes('/b64 '))).toBe(true);
    expect(hits.some((hit) => hit.includes('/hex '))).toBe(true);
    expect(hits.some((hit) => hit.includes('/raw '))).toBe(true);
    expect(hits.some((hit) => hit.includes('/clean '))).toBe(false);
  });

  it('a canary secret is nowhere at rest: not in any file of the data directory, not in the logs', async () => {
    expect(first, 'the first-run test must have started the server').toBeDefined();
    const api = apiClient(first!.baseUrl, token);
    const created = await api('POST', `${SCOPE}/secrets/CANARY`, { body: { value: canary, type: 'password', description: 'canary' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    written.set('CANARY', canary);
    const updated = await api('POST', `${SCOPE}/secrets/CANARY`, { body: { value: canary, type: 'password' } });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    const revealed = await api('GET', `${SCOPE}/secrets/CANARY?reveal=true`);
    expect(revealed.body.data?.value).toBe(canary);
    const injected = await api('POST', `${SCOPE}/inject`);
    expect(injected.body.data?.values?.CANARY).toBe(canary);

    // A clean stop flushes PGlite to disk, so everything it will ever write is there to search.
    const exit = await first!.proc.stop('SIGTERM');
    expect(exit, first!.proc.output()).toEqual({ code: 0, signal: null });

    expect(await filesContaining(dataDir, canary)).toEqual([]);
    expect(textContains(first!.proc.stdout(), canary)).toEqual([]);
    expect(textContains(first!.proc.stderr(), canary)).toEqual([]);
  });

  it('restart on the same data directory: no new token, the old token works, every secret reads back', async () => {
    if (first && !first.proc.exit()) {
      const exit = await first.proc.stop('SIGTERM');
      expect(exit, first.proc.output()).toEqual({ code: 0, signal: null });
    }
    expect(written.size).toBeGreaterThan(0);
    const tokenBefore = await readFile(join(dataDir, 'admin-token'), 'utf8');

    const second = await startEmbeddedServer(dataDir);
    const stdout = second.proc.stdout();
    expect(stdout).not.toMatch(/Admin token/i);
    expect(stdout).not.toContain(token);
    expect(stdout).toContain('already bootstrapped');
    expect(stdout).not.toContain('GENERATED A NEW MASTER KEY');
    expect(await readFile(join(dataDir, 'admin-token'), 'utf8')).toBe(tokenBefore);
    expect(await readFile(join(dataDir, 'master.key'))).toEqual(masterKey);

    const api = apiClient(second.baseUrl, token);
    for (const [key, value] of written) {
      const revealed = await api('GET', `${SCOPE}/secrets/${key}?reveal=true`);
      expect(revealed.status, `${key}: ${JSON.stringify(revealed.body)}`).toBe(200);
      expect(revealed.body.data.value, key).toBe(value);
    }
    const listed = await api('GET', `${SCOPE}/secrets`);
    expect(listed.body.data.secrets.map((secret: { key: string }) => secret.key).sort()).toEqual([...written.keys()].sort());

    // It still writes after the restart, and still cleanly stops.
    const after = await api('POST', `${SCOPE}/secrets/AFTER_RESTART`, { body: { value: 'x' } });
    expect(after.status, JSON.stringify(after.body)).toBe(201);
    const exit = await second.proc.stop('SIGTERM');
    expect(exit, second.proc.output()).toEqual({ code: 0, signal: null });
    // The restarted process revealed the canary: its logs must not carry it either.
    expect(textContains(second.proc.output(), canary)).toEqual([]);
    expect(await filesContaining(dataDir, canary)).toEqual([]);
  });
});
