import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@coffer/test-kit/postgres';
import { freePort, killAllServers, makeTempDir, principalKeyEnv, removeTempDirs, runServer } from '@coffer/test-kit/server-process';

/**
 * A bad setting stops the process before it serves anything: non-zero exit, one readable line
 * per problem naming the variable, no stack trace, and never the value of a secret setting.
 */

const masterKey = randomBytes(32).toString('hex');
const authKey = randomBytes(32).toString('hex');
const { COFFER_PRINCIPAL_SIGNING_KEY: signingKey, COFFER_PRINCIPAL_VERIFY_KEY: verifyKey } = principalKeyEnv();
const password = `pw-${randomBytes(12).toString('hex')}`;
let database: TestDatabase;
/** The fresh test database, reached with a password (trust auth ignores it; it must still never be printed). */
let databaseUrl: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const url = new URL(database.url);
  url.password = password;
  databaseUrl = url.toString();
});
afterEach(async () => {
  await killAllServers();
});
afterAll(async () => {
  await database?.drop();
  await removeTempDirs();
});

type Result = Awaited<ReturnType<typeof runServer>>;

function expectNoSecrets(result: Result, ...secrets: string[]): void {
  const everything = `${result.stdout}\n${result.stderr}`;
  for (const secret of [masterKey, authKey, password, ...secrets]) {
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(encodeURIComponent(secret));
  }
  expect(everything).not.toContain(Buffer.from(masterKey, 'hex').toString('base64'));
}

/** Exactly one stderr line is about the variable (`NAME: problem`), and it is a readable message, not a stack. */
function expectOneLineNaming(result: Result, variable: string): string {
  expect(result.code, result.output).not.toBe(0);
  expect(result.code, `killed by ${result.signal}`).not.toBeNull();
  const lines = result.stderr.split('\n').filter((line) => new RegExp(`\\b${variable}:`).test(line));
  expect(lines, result.output).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toMatch(/\b(Error|ZodError|TypeError):/);
  return lines[0]!;
}

describe('configuration errors stop coffer-server', { timeout: 60_000 }, () => {
  it('a bad COFFER_HTTP_PORT: non-zero exit, one line naming it, nothing served', async () => {
    const dataDir = await makeTempDir();
    const result = await runServer([], {
      COFFER_DATA_DIR: dataDir,
      COFFER_HTTP_PORT: 'abc',
      COFFER_MASTER_KEY: masterKey,
      COFFER_AUTH_KEY: authKey,
      DATABASE_URL: databaseUrl,
    });
    const line = expectOneLineNaming(result, 'COFFER_HTTP_PORT');
    expect(line).toMatch(/COFFER_HTTP_PORT: expected an integer/);
    expect(line).not.toContain('abc');
    // Only the configuration problem, reported before anything started.
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(result.stdout).toBe('');
    expectNoSecrets(result);
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('an unknown COFFER_TYPO variable is named', async () => {
    const dataDir = await makeTempDir();
    const result = await runServer([], {
      COFFER_DATA_DIR: dataDir,
      COFFER_TYPO: '1',
      COFFER_MASTER_KEY: masterKey,
      COFFER_AUTH_KEY: authKey,
      DATABASE_URL: databaseUrl,
    });
    const line = expectOneLineNaming(result, 'COFFER_TYPO');
    expect(line).toMatch(/COFFER_TYPO: unknown variable/);
    expect(result.stdout).toBe('');
    expectNoSecrets(result);
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('several problems are reported together, one line each', async () => {
    const result = await runServer([], {
      COFFER_DATA_DIR: await makeTempDir(),
      COFFER_HTTP_PORT: '99999',
      COFFER_LOG_LEVEL: 'chatty',
      COFFER_TYPO: '1',
      COFFER_MASTER_KEY: masterKey,
      COFFER_AUTH_KEY: authKey,
      DATABASE_URL: databaseUrl,
    });
    for (const variable of ['COFFER_HTTP_PORT', 'COFFER_LOG_LEVEL', 'COFFER_TYPO']) expectOneLineNaming(result, variable);
    expect(result.stderr).not.toContain('chatty');
    expectNoSecrets(result);
  });

  it('a malformed COFFER_MASTER_KEY or DATABASE_URL is named without repeating its value', async () => {
    const badKey = `not-a-key-${randomBytes(8).toString('hex')}`;
    const badUrlPassword = `pw-${randomBytes(8).toString('hex')}`;
    const result = await runServer([], {
      COFFER_DATA_DIR: await makeTempDir(),
      COFFER_MASTER_KEY: badKey,
      DATABASE_URL: `mysql://root:${badUrlPassword}@127.0.0.1:3306/coffer`,
    });
    expect(expectOneLineNaming(result, 'COFFER_MASTER_KEY')).toMatch(/COFFER_MASTER_KEY: expected 32 bytes/);
    expect(expectOneLineNaming(result, 'DATABASE_URL')).toMatch(/DATABASE_URL: expected a postgres/);
    expectNoSecrets(result, badKey, badUrlPassword);
  });

  it.each(['secret', 'all'])('DATABASE_URL without COFFER_MASTER_KEY fails for --targets=%s, naming COFFER_MASTER_KEY', async (target) => {
    const dataDir = await makeTempDir();
    const result = await runServer([`--targets=${target}`], {
      COFFER_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      COFFER_HTTP_PORT: String(await freePort()),
      ...(target === 'secret' ? { COFFER_PRINCIPAL_VERIFY_KEY: verifyKey } : {}),
    });
    const line = expectOneLineNaming(result, 'COFFER_MASTER_KEY');
    expect(line).toMatch(/COFFER_MASTER_KEY: required/);
    expectNoSecrets(result);
    // Production mode never invents a master key.
    expect(await readdir(dataDir)).not.toContain('master.key');
  });

  it.each(['auth', 'all'])('DATABASE_URL without COFFER_AUTH_KEY fails for --targets=%s, naming COFFER_AUTH_KEY', async (target) => {
    const dataDir = await makeTempDir();
    const result = await runServer([`--targets=${target}`], {
      COFFER_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      COFFER_MASTER_KEY: masterKey,
      COFFER_HTTP_PORT: String(await freePort()),
      ...(target === 'auth' ? { COFFER_PRINCIPAL_SIGNING_KEY: signingKey } : {}),
    });
    expect(expectOneLineNaming(result, 'COFFER_AUTH_KEY')).toMatch(/COFFER_AUTH_KEY: required/);
    expectNoSecrets(result);
    // Production mode never invents the key that seals sessions' signing keys.
    expect(await readdir(dataDir)).not.toContain('auth.key');
  });

  it.each([
    ['auth', 'COFFER_PRINCIPAL_SIGNING_KEY'],
    ['secret', 'COFFER_PRINCIPAL_VERIFY_KEY'],
    ['audit', 'COFFER_PRINCIPAL_VERIFY_KEY'],
  ])('--targets=%s without its principal key fails at start, naming %s', async (target, variable) => {
    const result = await runServer([`--targets=${target}`], {
      COFFER_DATA_DIR: await makeTempDir(),
      DATABASE_URL: databaseUrl,
      COFFER_MASTER_KEY: masterKey,
      COFFER_AUTH_KEY: authKey,
    });
    expect(expectOneLineNaming(result, variable)).toMatch(new RegExp(`${variable}: required`));
    expect(result.stdout).not.toMatch(/listening/);
    expectNoSecrets(result);
  });

  it('a principal key that does not parse fails naming it and never printing it', async () => {
    const result = await runServer(['--targets=auth'], {
      COFFER_DATA_DIR: await makeTempDir(),
      DATABASE_URL: databaseUrl,
      COFFER_PRINCIPAL_SIGNING_KEY: verifyKey,
    });
    expect(expectOneLineNaming(result, 'COFFER_PRINCIPAL_SIGNING_KEY')).toMatch(/expected an Ed25519 private key/);
    expectNoSecrets(result, verifyKey, signingKey);
  });

  it('an unreachable database fails without printing the password', async () => {
    const closed = await freePort();
    const result = await runServer(['--targets=secret'], {
      COFFER_DATA_DIR: await makeTempDir(),
      DATABASE_URL: `postgres://postgres:${password}@127.0.0.1:${closed}/coffer`,
      COFFER_MASTER_KEY: masterKey,
      COFFER_AUTH_KEY: authKey,
      COFFER_PRINCIPAL_VERIFY_KEY: verifyKey,
    });
    expect(result.code, result.output).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toMatch(/ECONNREFUSED/);
    expectNoSecrets(result);
  });
});
