import { beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from '@coffer/test-kit/api-assertions';
import { cliPlatform, oneLine } from './support.js';

const fx = cliPlatform();

const json = async (args: string[]) => {
  const result = await fx.cli.run([...args, '--json']);
  expect(result.stderr, args.join(' ')).toBe('');
  expect(result.code, args.join(' ')).toBe(0);
  return JSON.parse(result.stdout);
};

describe('secrets', () => {
  it('sets several K=V at once, with a type, and reads a value from stdin', async () => {
    const set = await fx.cli.run(['secrets', 'set', 'API_KEY=abc=123', 'EMPTY=']);
    expect(set.code).toBe(0);
    expect(set.stdout).toBe('Created API_KEY (version 1)\nCreated EMPTY (version 1)\n');
    expect((await json(['secrets', 'set', 'RETRIES=3', '--type', 'integer']))[0]).toMatchObject({ key: 'RETRIES', type: 'integer', version: 1, created: true });
    const pem = '-----BEGIN KEY-----\nline "two" $HOME\n-----END KEY-----';
    expect((await fx.cli.run(['secrets', 'set', 'TLS_KEY'], { input: `${pem}\n` })).code).toBe(0);

    expect((await fx.cli.run(['secrets', 'get', 'API_KEY', '--plain'])).stdout).toBe('abc=123');
    expect((await fx.cli.run(['secrets', 'get', 'EMPTY', '--plain'])).stdout).toBe('');
    expect((await fx.cli.run(['secrets', 'get', 'TLS_KEY', '--plain'])).stdout).toBe(pem);
    expect(await json(['secrets', 'get', 'RETRIES'])).toMatchObject({ key: 'RETRIES', type: 'integer', version: 1, value: '3' });
    expect(await json(['secrets', 'get', 'RETRIES', '--meta'])).not.toHaveProperty('value');
    const human = await fx.cli.run(['secrets', 'get', 'API_KEY']);
    expect(human.stdout).toMatch(/^key\s+API_KEY$/m);
    expect(human.stdout).toMatch(/^value\s+abc=123$/m);
    expect(human.stdout).not.toContain('\u001b[');
  });

  it('lists a table for people and JSON for machines, without values', async () => {
    const table = await fx.cli.run(['secrets', 'list']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^KEY\s+TYPE\s+VERSION\s+UPDATED$/);
    expect(lines.find((line) => line.startsWith('RETRIES'))).toMatch(/^RETRIES\s+integer\s+1\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(table.stdout).not.toContain('abc=123');
    const listed = await json(['secrets', 'list']);
    expect(listed.map((s: { key: string }) => s.key).sort()).toEqual(['API_KEY', 'EMPTY', 'RETRIES', 'TLS_KEY']);
    expect(JSON.stringify(listed)).not.toContain('abc=123');
  });

  it('deletes and restores, keeps history, diffs and rolls back', async () => {
    expect((await fx.cli.run(['secrets', 'set', 'ROTATED=one'])).code).toBe(0);
    expect((await fx.cli.run(['secrets', 'set', 'ROTATED=two'])).stdout).toBe('Updated ROTATED (version 2)\n');
    expect((await fx.cli.run(['secrets', 'set', 'ROTATED=three', '--description', 'third'])).code).toBe(0);

    const history = await json(['secrets', 'history', 'ROTATED']);
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect((await fx.cli.run(['secrets', 'history', 'ROTATED'])).stdout).toMatch(/^VERSION\s+TYPE\s+CREATED\s+BY\s+DESCRIPTION\n3\s+text\s+.*third$/m);

    expect(await json(['secrets', 'diff', 'ROTATED', '--from', '1', '--to', '2'])).toMatchObject({ valueChanged: true, descriptionChanged: false });
    const quiet = await fx.cli.run(['secrets', 'diff', 'ROTATED', '--from', '1', '--to', '2']);
    expect(quiet.stdout).toContain('value        changed');
    expect(quiet.stdout).not.toContain('one');
    const revealed = await fx.cli.run(['secrets', 'diff', 'ROTATED', '--from', '1', '--to', '2', '--reveal']);
    expect(revealed.stdout).toContain('- one\n+ two\n');

    expect(await json(['secrets', 'rollback', 'ROTATED', '--version', '1'])).toMatchObject({ key: 'ROTATED', version: 4 });
    expect((await fx.cli.run(['secrets', 'get', 'ROTATED', '--plain'])).stdout).toBe('one');
    expect((await fx.cli.run(['secrets', 'get', 'ROTATED', '--plain', '--version', '2'])).stdout).toBe('two');

    expect((await fx.cli.run(['secrets', 'delete', 'ROTATED'])).stdout).toContain('coffer secrets restore ROTATED');
    const gone = await fx.cli.run(['secrets', 'get', 'ROTATED']);
    expect(gone.code).toBe(6);
    oneLine(gone.stderr);
    expect((await json(['secrets', 'list', '--deleted'])).find((s: { key: string }) => s.key === 'ROTATED')).toMatchObject({ deleted: true });
    expect(await json(['secrets', 'restore', 'ROTATED'])).toMatchObject({ key: 'ROTATED', deleted: false });
    expect((await fx.cli.run(['secrets', 'get', 'ROTATED', '--plain'])).stdout).toBe('one');

    const missingVersion = await fx.cli.run(['secrets', 'diff', 'ROTATED', '--from', '1', '--to', '9']);
    expect(missingVersion.code).toBe(6);
    const badVersion = await fx.cli.run(['secrets', 'rollback', 'ROTATED', '--version', 'zero']);
    expect(badVersion.code).toBe(2);
  });
});

describe('secrets set with several keys', () => {
  const env = ['--env', 'batch'];
  beforeAll(async () => {
    expectOk(await fx.api('POST', '/orgs/acme/projects/api/envs', { body: { slug: 'batch' } }), 201);
  });
  const keysIn = async () => (await json(['secrets', 'list', ...env])).map((s: { key: string }) => s.key).sort();

  it('writes none of them when one value is invalid, naming that key and not the value (exit 8)', async () => {
    expect((await fx.cli.run(['secrets', 'set', ...env, 'EXISTING=1', '--type', 'integer'])).code).toBe(0);
    const refused = await fx.cli.run(['secrets', 'set', ...env, 'FIRST=1', 'EXISTING=2', 'SECOND=not-an-int-value', '--type', 'integer']);
    expect(refused.code).toBe(8);
    expect(oneLine(refused.stderr)).toMatch(/^coffer: cannot set SECOND \(value: an integer must be .*\): nothing was written$/);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).not.toContain('not-an-int-value');
    expect(await keysIn()).toEqual(['EXISTING']);
    expect((await json(['secrets', 'history', 'EXISTING', ...env])).versions).toHaveLength(1);
    expect((await fx.cli.run(['secrets', 'get', 'EXISTING', '--plain', ...env])).stdout).toBe('1');
  });

  it('writes all of them, with the type, and says per key what happened', async () => {
    expect((await fx.cli.run(['secrets', 'set', ...env, 'PORT=8080'])).code).toBe(0);
    const set = await fx.cli.run(['secrets', 'set', ...env, 'PORT=8080', 'WORKERS=4', 'TIMEOUT=30', '--type', 'integer', '--description', 'tuning']);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout).toBe('Updated PORT (version 2)\nCreated WORKERS (version 1)\nCreated TIMEOUT (version 1)\n');
    for (const key of ['PORT', 'WORKERS', 'TIMEOUT']) {
      expect(await json(['secrets', 'get', key, '--meta', ...env])).toMatchObject({ key, type: 'integer', description: 'tuning' });
    }
    // PORT's type changed, so it has a new version even though its value did not.
    expect(await json(['secrets', 'get', 'PORT', ...env])).toMatchObject({ type: 'integer', version: 2, value: '8080' });

    // As a single set: every key given gets a new version, whether or not its value changed.
    expect(await json(['secrets', 'set', ...env, 'PORT=8080', 'WORKERS=8'])).toEqual([
      { key: 'PORT', version: 3, created: false },
      { key: 'WORKERS', version: 2, created: false },
    ]);
    expect(await json(['secrets', 'get', 'WORKERS', ...env])).toMatchObject({ type: 'integer', version: 2, value: '8' });
  });

  it('needs only create and update, like a single set: nothing about stored values comes back, not even versions', async () => {
    const minted = expectOk(await fx.api('POST', '/orgs/acme/tokens', { body: { name: 'writer', permissions: ['create', 'update'] } }), 201);
    const writer = { env: { COFFER_TOKEN: minted.token as string } };
    const set = await fx.cli.run(['secrets', 'set', ...env, 'PORT=8080', 'FRESH=yes'], writer);
    expect(set.stderr).toBe('');
    expect(set.stdout).toBe('Wrote PORT\nWrote FRESH\n');
    expect(await json(['secrets', 'history', 'PORT', ...env])).toMatchObject({ versions: [{ version: 4 }, { version: 3 }, { version: 2 }, { version: 1 }] });
    const get = await fx.cli.run(['secrets', 'get', 'FRESH', '--plain', ...env], writer);
    expect(get.code).toBe(5);
  });
});

describe('run', () => {
  const env = ['--env', 'staging'];
  beforeAll(async () => {
    const scope = '/orgs/acme/projects/api/envs/staging/secrets';
    for (const [key, value] of Object.entries({
      DB_URL: 'postgres://db/app',
      SHARED: 'from-secret',
      LD_PRELOAD: '/tmp/evil.so',
      NODE_OPTIONS: '--require /tmp/evil.js',
    })) {
      expectOk(await fx.api('POST', `${scope}/${key}`, { body: { value } }), 201);
    }
  });

  const printEnv = `process.stdout.write(JSON.stringify({ DB_URL: process.env.DB_URL, SHARED: process.env.SHARED, LD_PRELOAD: process.env.LD_PRELOAD ?? null, NODE_OPTIONS: process.env.NODE_OPTIONS ?? null }))`;

  it('starts the command with the secrets and without the dangerous names', async () => {
    const result = await fx.cli.run(['run', ...env, '--', 'node', '-e', printEnv]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ DB_URL: 'postgres://db/app', SHARED: 'from-secret', LD_PRELOAD: null, NODE_OPTIONS: null });
    expect(oneLine(result.stderr)).toBe('coffer: withheld names that could hijack the process: LD_PRELOAD, NODE_OPTIONS');
    expect(result.stderr).not.toContain('/tmp/evil');
  });

  it("keeps the parent's variable on a clash and says so once (names only); --override lets the secret win", async () => {
    const kept = await fx.cli.run(['inject', ...env, '--', 'node', '-e', printEnv], { env: { SHARED: 'from-parent' } });
    expect(JSON.parse(kept.stdout).SHARED).toBe('from-parent');
    const clash = kept.stderr.split('\n').filter((line) => line.includes('SHARED'));
    expect(clash).toEqual(["coffer: kept the existing environment's value for SHARED (use --override to let the secrets win)"]);
    expect(kept.stderr).not.toContain('from-secret');

    const overridden = await fx.cli.run(['run', '--override', ...env, '--', 'node', '-e', printEnv], { env: { SHARED: 'from-parent' } });
    expect(JSON.parse(overridden.stdout).SHARED).toBe('from-secret');
    expect(overridden.stderr).not.toContain('SHARED');
  });

  it("exits with the child's exit code, and 127 for a command that does not exist", async () => {
    expect((await fx.cli.run(['run', ...env, '--', 'node', '-e', 'process.exit(37)'])).code).toBe(37);
    const missing = await fx.cli.run(['run', ...env, '--', 'no-such-command-coffer']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('command not found');
  });

  it('forwards SIGTERM to the child and exits with its code', async () => {
    const child = fx.cli.start([
      'run',
      ...env,
      '--',
      'node',
      '-e',
      "process.on('SIGTERM', () => { console.log('child got SIGTERM'); process.exit(42); }); console.log('ready'); setInterval(() => {}, 1000);",
    ]);
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve) =>
      child.stdout!.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.includes('ready')) resolve();
      }),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(42);
    expect(stdout).toContain('child got SIGTERM');
  });

  it('refuses --shell together with a command, and nothing to run (exit 2)', async () => {
    expect((await fx.cli.run(['run', '--shell', '--', 'true'])).code).toBe(2);
    expect((await fx.cli.run(['run'])).code).toBe(2);
  });

  it('starts $SHELL with the secrets loaded', async () => {
    const result = await fx.cli.run(['run', '--shell', ...env], { env: { SHELL: '/bin/sh' }, input: 'printf %s "$DB_URL"\nexit 3\n' });
    expect(result.stdout).toBe('postgres://db/app');
    expect(result.code).toBe(3);
  });
});
