import { spawn } from 'node:child_process';
import { chmod, chown, lchown, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from '@coffer/test-kit/api-assertions';
import { cliPlatform, inTerminal, oneLine, scratchHomes, SOURCE_CLI } from './support.js';

// What a careless terminal, a shared machine or a closed pipe could otherwise turn against the user.
const fx = cliPlatform();
const SCOPE = '/orgs/acme/projects/api/envs/production/secrets';

beforeAll(async () => {
  expectOk(await fx.api('POST', `${SCOPE}/DB_URL`, { body: { value: 'postgres://db/app' } }), 201);
});
const home = scratchHomes();

const waitForReady = (stdout: NodeJS.ReadableStream, seen: { text: string }) =>
  new Promise<void>((resolve) =>
    stdout.on('data', (chunk) => {
      seen.text += chunk;
      if (seen.text.includes('ready')) resolve();
    }),
  );

describe('login', () => {
  it('asks for the token on a terminal without echoing it', async () => {
    const fresh = await home();
    const session = await inTerminal(fresh, ['login', '--api-url', fx.platform.baseUrl, '--token'], [[/Token \(input hidden\): $/, `${fx.token}\r`]]);
    expect(session.code).toBe(0);
    expect(session.output).toContain('Logged in to');
    expect(session.output).not.toContain(fx.token);
    expect(session.output).not.toContain(fx.token.slice(7, 20));
    expect((await fresh.run(['secrets', 'list', '--env', 'production', '--project', 'api', '--json'])).code).toBe(0);
  });

  it('refuses a token with control characters, and drops the line end of a pasted COFFER_TOKEN', async () => {
    const fresh = await home();
    const typed = await fresh.run(['login', '--api-url', fx.platform.baseUrl, '--token', 'coffer_abc\u001b[Adef']);
    expect(typed.code).toBe(2);
    expect(oneLine(typed.stderr)).toMatch(/^coffer: the token must be printable ASCII without spaces or control characters/);
    const scope = ['--org', 'acme', '--project', 'api', '--env', 'production', '--json'];
    expect((await fresh.run(['secrets', 'list', ...scope], { env: { COFFER_TOKEN: `${fx.token}\r`, COFFER_API_URL: fx.platform.baseUrl } })).code).toBe(0);
    const broken = await fresh.run(['secrets', 'list', ...scope], {
      env: { COFFER_TOKEN: `${fx.token.slice(0, 10)}\n${fx.token.slice(10)}`, COFFER_API_URL: fx.platform.baseUrl },
    });
    expect(broken.code).toBe(2);
    expect(oneLine(broken.stderr)).toMatch(/^coffer: COFFER_TOKEN must be printable ASCII/);
  });

  it('refuses to send a token over plain http to another host unless --allow-http', async () => {
    const fresh = await home();
    const refused = await fresh.run(['login', '--api-url', 'http://coffer.example.com', '--token-stdin'], { input: fx.token });
    expect(refused.code).toBe(2);
    expect(oneLine(refused.stderr)).toBe(
      'coffer: http://coffer.example.com would carry the token unencrypted: use https://, or pass --allow-http if the network is trusted',
    );
    expect((await fresh.run(['context', 'show', '--json'])).stdout).not.toContain('coffer.example.com');
    const allowed = await fresh.run(['login', '--api-url', 'http://coffer.example.com', '--token-stdin', '--allow-http', '--no-verify'], { input: fx.token });
    expect(allowed.code).toBe(0);
  });
});

describe('configuration on a shared machine', () => {
  it('refuses a config directory others can write to, and an unreadable config.json, with exit 9', async () => {
    const fresh = await home();
    await mkdir(fresh.configDir, { recursive: true, mode: 0o700 });
    await chmod(fresh.configDir, 0o777);
    const open = await fresh.run(['context', 'show']);
    expect(open.code).toBe(9);
    expect(oneLine(open.stderr)).toBe(
      `coffer: refusing to use ${fresh.configDir}: its mode is 0777, writable by others; fix it with: chmod 700 ${fresh.configDir}`,
    );

    await chmod(fresh.configDir, 0o700);
    await mkdir(join(fresh.configDir, 'config.json'));
    const directory = await fresh.run(['context', 'show']);
    expect(directory.code).toBe(9);
    expect(oneLine(directory.stderr)).toBe(`coffer: cannot use ${join(fresh.configDir, 'config.json')} (EISDIR); fix or remove it`);
  });

  it('refuses a .coffer.json that others may write to', async () => {
    const repo = join(fx.cli.home, 'shared-repo');
    await mkdir(repo, { recursive: true });
    const pin = join(repo, '.coffer.json');
    await writeFile(pin, JSON.stringify({ env: 'staging' }));
    await chmod(pin, 0o666);
    const result = await fx.cli.run(['context', 'show'], { cwd: repo });
    expect(result.code).toBe(9);
    expect(oneLine(result.stderr)).toBe(`coffer: refusing ${pin}: others may write to it; fix it with: chmod go-w ${pin}`);
    await chmod(pin, 0o644);
    expect((await fx.cli.run(['context', 'show', '--json'], { cwd: repo })).code).toBe(0);
  });

  it.runIf(process.getuid?.() === 0)('refuses a .coffer.json that belongs to another user, or their link to a file of yours', async () => {
    const repo = join(fx.cli.home, 'foreign-repo');
    await mkdir(repo, { recursive: true });
    const pin = join(repo, '.coffer.json');
    await writeFile(pin, JSON.stringify({ env: 'staging' }), { mode: 0o644 });
    await chown(pin, 65534, 65534);
    const result = await fx.cli.run(['run', '--', 'true'], { cwd: repo });
    expect(result.code).toBe(9);
    expect(oneLine(result.stderr)).toMatch(/belongs to another user/);
    await rm(pin);

    const mine = join(fx.cli.home, 'my-production-pin.json');
    await writeFile(mine, JSON.stringify({ env: 'production' }), { mode: 0o644 });
    await symlink(mine, pin);
    await lchown(pin, 65534, 65534);
    const linked = await fx.cli.run(['context', 'show'], { cwd: repo });
    expect(linked.code).toBe(9);
    expect(oneLine(linked.stderr)).toMatch(/belongs to another user/);
  });

  it('does not even look for a .coffer.json when --org, --project and --env are all given', async () => {
    const repo = join(fx.cli.home, 'broken-pin-repo');
    await mkdir(repo, { recursive: true });
    await writeFile(join(repo, '.coffer.json'), 'not json');
    expect((await fx.cli.run(['secrets', 'list'], { cwd: repo })).code).toBe(2);
    const list = await fx.cli.run(['secrets', 'list', '--org', 'acme', '--project', 'api', '--env', 'production', '--json'], { cwd: repo });
    expect(list.code).toBe(0);
  });
});

describe('coffer run', () => {
  it('does not pass COFFER_TOKEN on to the command', async () => {
    const ci = await home();
    const result = await ci.run(
      [
        'run',
        '--org',
        'acme',
        '--project',
        'api',
        '--env',
        'production',
        '--',
        'node',
        '-e',
        'process.stdout.write(JSON.stringify([process.env.DB_URL, process.env.COFFER_TOKEN ?? null, process.env.COFFER_API_URL]))',
      ],
      {
        env: { COFFER_TOKEN: fx.token, COFFER_API_URL: fx.platform.baseUrl },
      },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(['postgres://db/app', null, fx.platform.baseUrl]);
  });

  for (const signal of ['SIGINT', 'SIGHUP'] as const) {
    it(`forwards ${signal} to the command and exits with its code`, async () => {
      const child = fx.cli.start([
        'run',
        '--',
        'node',
        '-e',
        `process.on('${signal}', () => { console.log('child got ${signal}'); process.exit(43); }); console.log('ready'); setInterval(() => {}, 1000);`,
      ]);
      const seen = { text: '' };
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      await waitForReady(child.stdout!, seen);
      child.kill(signal);
      expect(await exited).toBe(43);
      expect(seen.text).toContain(`child got ${signal}`);
    });
  }
});

describe('output', () => {
  it('colours tables only on a terminal, never with NO_COLOR, and keeps columns aligned', async () => {
    expectOk(await fx.api('POST', `${SCOPE}/OLD_KEY`, { body: { value: 'x' } }), 201);
    expectOk(await fx.api('DELETE', `${SCOPE}/OLD_KEY`), 200);
    const coloured = await inTerminal(fx.cli, ['secrets', 'list', '--deleted']);
    expect(coloured.code).toBe(0);
    expect(coloured.output).toContain('\u001b[');
    const rows = coloured.output
      .replace(/\u001b\[[0-9;]*m/g, '')
      .split(/\r?\n/)
      .filter((row) => /^(KEY|DB_URL|OLD_KEY)/.test(row));
    expect(rows, coloured.output).toHaveLength(3);
    expect(new Set(rows.map((row) => row.search(/(TYPE|text)/))).size, rows.join('\n')).toBe(1);

    const plain = await inTerminal(fx.cli, ['secrets', 'list', '--deleted'], [], { env: { NO_COLOR: '1' } });
    expect(plain.code).toBe(0);
    expect(plain.output).not.toContain('\u001b[');
    expect((await fx.cli.run(['secrets', 'list'])).stdout).not.toContain('\u001b[');
  });

  it('ends quietly with 141 when the reader closes the pipe early', async () => {
    // Over 1 MiB, more than a pipe holds even on 64 KiB-page kernels (16 pages), in pushes the body limit allows.
    for (let batch = 0; batch < 6; batch++) {
      const entries = Array.from({ length: 4 }, (_, i) => ({ key: `BIG_${batch}_${i}`, value: 'v'.repeat(60_000) }));
      expectOk(await fx.api('POST', '/orgs/acme/projects/api/envs/staging/sync/push', { body: { entries } }), 200);
    }
    // A real pipe (a shell's): the document cannot fit in it before head exits.
    const script = '{ "$@"; echo "exit=$?" >&2; } | head -c 1 >/dev/null';
    const shell = spawn('sh', ['-c', script, 'sh', ...SOURCE_CLI, 'pull', '--env', 'staging'], { cwd: fx.cli.home, env: fx.cli.env });
    let stderr = '';
    shell.stderr.on('data', (chunk) => (stderr += chunk));
    await new Promise((resolve) => shell.on('close', resolve));
    expect(stderr).toBe('exit=141\n');
  });

  it('takes --json before the command name as after it', async () => {
    const before = await fx.cli.run(['--json', 'secrets', 'list']);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual(JSON.parse((await fx.cli.run(['secrets', 'list', '--json'])).stdout));
  });

  it('accepts --debug before the command name', async () => {
    const result = await fx.cli.run(['--debug', 'secrets', 'get', 'NO_SUCH_KEY']);
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/\n\s+at /);
  });
});
