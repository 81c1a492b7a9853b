import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import type { Api } from '@coffer/test-kit/platform';
import { cliHome, legacySeal, oneLine, type CliHome } from './support.js';

const platform = usePlatform();
let token: string;
let api: Api;
const homes: CliHome[] = [];

async function home(): Promise<CliHome> {
  const created = await cliHome();
  homes.push(created);
  return created;
}

async function loggedIn(): Promise<CliHome> {
  const cli = await home();
  const login = await cli.run(['login', '--api-url', platform.baseUrl, '--token-stdin'], { input: `${token}\n` });
  expect(login.stderr).toBe('');
  expect(login.code).toBe(0);
  return cli;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  ({ token, api } = await seedOrg(platform, { org: 'acme', project: 'api' }));
  expectOk(await api('POST', '/orgs/acme/projects/api/envs/production/secrets/GREETING', { body: { value: 'hello' } }), 201);
});
afterAll(async () => {
  await Promise.all(homes.map((h) => h.remove()));
});

describe('login and the encrypted token', () => {
  it('stores the token sealed (enc2:), never in clear, with a 0600 key in a 0700 directory', async () => {
    const cli = await loggedIn();
    const text = await readFile(join(cli.configDir, 'config.json'), 'utf8');
    expect(text).not.toContain(token);
    const config = JSON.parse(text);
    expect(config.token).toMatch(/^enc2:[A-Za-z0-9+/]+=*$/);
    expect(config.apiUrl).toBe(platform.baseUrl);
    // A token belongs to one organisation: login made it the default.
    expect(config.context).toEqual({ org: 'acme' });
    expect((await stat(join(cli.configDir, 'key'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(cli.configDir, 'key'))).size).toBe(32);
    expect((await stat(cli.configDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(cli.configDir, 'config.json'))).mode & 0o777).toBe(0o600);

    const got = await cli.run(['secrets', 'get', 'GREETING', '--plain', '--project', 'api', '--env', 'production']);
    expect(got).toMatchObject({ code: 0, stdout: 'hello', stderr: '' });
  });

  it('accepts --token too, and refuses a token the server rejects without saving it (exit 4)', async () => {
    const cli = await home();
    const bad = await cli.run(['login', '--api-url', platform.baseUrl, '--token', 'cft_not-a-real-token']);
    expect(bad.code).toBe(4);
    expect(oneLine(bad.stderr)).toMatch(/^coffer: the server rejected the token/);
    await expect(stat(join(cli.configDir, 'config.json'))).rejects.toThrow();
    const good = await cli.run(['login', '--api-url', `${platform.baseUrl}/api/v1/`, '--token', token]);
    expect(good.code).toBe(0);
    expect(JSON.parse(await readFile(join(cli.configDir, 'config.json'), 'utf8')).apiUrl).toBe(platform.baseUrl);
  });

  it('refuses every command that reads the config while the key file is broader than 0600, naming the chmod fix', async () => {
    const cli = await loggedIn();
    const key = join(cli.configDir, 'key');
    await chmod(key, 0o644);
    for (const args of [['secrets', 'list', '--project', 'api', '--env', 'production'], ['context', 'show'], ['logout'], ['run', '--', 'true']]) {
      const refused = await cli.run(args);
      expect(refused.code, args.join(' ')).toBe(9);
      expect(oneLine(refused.stderr)).toContain(`chmod 600 ${key}`);
      expect(refused.stdout).toBe('');
    }
    await chmod(key, 0o600);
    expect((await cli.run(['context', 'show'])).code).toBe(0);
  });

  it('migrates a plaintext token from an older config to the sealed form on the next run', async () => {
    const cli = await home();
    await mkdir(cli.configDir, { recursive: true, mode: 0o700 });
    const file = join(cli.configDir, 'config.json');
    await writeFile(file, JSON.stringify({ apiUrl: platform.baseUrl, token, context: { org: 'acme', project: 'api', env: 'production' } }), { mode: 0o600 });
    const first = await cli.run(['secrets', 'get', 'GREETING', '--plain']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('hello');
    expect(first.stderr).toContain('encrypted the plaintext token');
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(token);
    expect(JSON.parse(text).token).toMatch(/^enc2:/);
    expect((await stat(join(cli.configDir, 'key'))).mode & 0o777).toBe(0o600);
    const second = await cli.run(['secrets', 'get', 'GREETING', '--plain']);
    expect(second).toMatchObject({ code: 0, stdout: 'hello', stderr: '' });
  });

  /** A config directory as an earlier version left it: a key file and config.json with the token sealed as `enc:`. */
  async function oldConfig(cli: CliHome): Promise<string> {
    await mkdir(cli.configDir, { recursive: true, mode: 0o700 });
    const key = randomBytes(32);
    await writeFile(join(cli.configDir, 'key'), key, { mode: 0o600 });
    const file = join(cli.configDir, 'config.json');
    const config = {
      apiUrl: platform.baseUrl,
      token: legacySeal(token, key, 'coffer-cli:token:v1'),
      context: { org: 'acme', project: 'api', env: 'production' },
    };
    await writeFile(file, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
    return file;
  }

  it('reads a token an earlier version sealed (enc:) and rewrites it as enc2:, without a word', async () => {
    const cli = await home();
    const file = await oldConfig(cli);
    const first = await cli.run(['secrets', 'get', 'GREETING', '--plain']);
    expect(first).toMatchObject({ code: 0, stdout: 'hello', stderr: '' });
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(token);
    expect(JSON.parse(text)).toMatchObject({
      apiUrl: platform.baseUrl,
      token: expect.stringMatching(/^enc2:[A-Za-z0-9+/]+=*$/),
      context: { org: 'acme', project: 'api', env: 'production' },
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const second = await cli.run(['secrets', 'get', 'GREETING', '--plain']);
    expect(second).toMatchObject({ code: 0, stdout: 'hello', stderr: '' });
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('refuses a token that was altered, in either layout, with exit 9 and leaves it as it was', async () => {
    const cli = await home();
    const file = await oldConfig(cli);
    const flipLast = (sealed: string, prefix: string) => {
      const raw = Buffer.from(sealed.slice(prefix.length), 'base64');
      raw[raw.length - 1]! ^= 1;
      return prefix + raw.toString('base64');
    };
    const legacy = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...legacy, token: flipLast(legacy.token, 'enc:') }));
    const old = await cli.run(['secrets', 'list']);
    expect(old.code).toBe(9);
    expect(oneLine(old.stderr)).toMatch(/cannot be decrypted with the key file/);
    expect(JSON.parse(await readFile(file, 'utf8')).token).toBe(flipLast(legacy.token, 'enc:'));

    await writeFile(file, JSON.stringify(legacy));
    expect((await cli.run(['secrets', 'list'])).code).toBe(0);
    const current = JSON.parse(await readFile(file, 'utf8'));
    expect(current.token).toMatch(/^enc2:/);
    await writeFile(file, JSON.stringify({ ...current, token: flipLast(current.token, 'enc2:') }));
    const altered = await cli.run(['secrets', 'list']);
    expect(altered.code).toBe(9);
    expect(oneLine(altered.stderr)).toMatch(/cannot be decrypted with the key file/);
    expect(altered.stdout).toBe('');
  });

  it('logout removes the token; the next call says to log in (exit 4)', async () => {
    const cli = await loggedIn();
    expect((await cli.run(['logout'])).code).toBe(0);
    expect(JSON.parse(await readFile(join(cli.configDir, 'config.json'), 'utf8'))).not.toHaveProperty('token');
    const after = await cli.run(['secrets', 'list', '--project', 'api', '--env', 'production']);
    expect(after.code).toBe(4);
    expect(oneLine(after.stderr)).toContain('coffer login');
  });

  it('works from COFFER_API_URL and COFFER_TOKEN alone, writing no config, and they win over the file', async () => {
    const cli = await home();
    const env = { COFFER_API_URL: platform.baseUrl, COFFER_TOKEN: token };
    const got = await cli.run(['secrets', 'get', 'GREETING', '--plain', '--org', 'acme', '--project', 'api', '--env', 'production'], { env });
    expect(got).toMatchObject({ code: 0, stdout: 'hello', stderr: '' });
    await expect(stat(cli.configDir)).rejects.toThrow();

    const saved = await loggedIn();
    const wrong = await saved.run(['secrets', 'list', '--project', 'api', '--env', 'production'], { env: { COFFER_TOKEN: 'cft_wrong' } });
    expect(wrong.code).toBe(4);
  });
});

describe('context', () => {
  it('sets, shows and clears the context offline, and flags override it for one call', async () => {
    const cli = await home();
    const offline = { COFFER_API_URL: `http://127.0.0.1:${await closedPort()}` };
    expect((await cli.run(['context', 'set', '--org', 'acme', '--project', 'api', '--env', 'staging'], { env: offline })).code).toBe(0);
    const shown = JSON.parse((await cli.run(['context', 'show', '--json'], { env: offline })).stdout);
    expect(shown).toMatchObject({ org: 'acme', project: 'api', env: 'staging', sources: { org: 'saved', project: 'saved', env: 'saved' } });
    const flagged = JSON.parse((await cli.run(['context', 'show', '--json', '--env', 'production'])).stdout);
    expect(flagged).toMatchObject({ env: 'production', sources: { env: 'flag', project: 'saved' } });
    const human = await cli.run(['context', 'show']);
    expect(human.stdout).toMatch(/env\s+staging\s+saved context/);
    expect(human.stdout).not.toContain('\u001b[');
    expect((await cli.run(['context', 'clear'])).code).toBe(0);
    expect(JSON.parse((await cli.run(['context', 'show', '--json'])).stdout)).toMatchObject({ org: null, project: null, env: null });
  });

  it('uses the saved context for secrets, a flag for one call, and .coffer.json in a parent directory over the saved context', async () => {
    const cli = await loggedIn();
    expectOk(await api('POST', '/orgs/acme/projects/api/envs/staging/secrets/GREETING', { body: { value: 'hello staging' } }), 201);
    expectOk(await api('POST', '/orgs/acme/projects/api/envs/development/secrets/GREETING', { body: { value: 'hello dev' } }), 201);
    await cli.run(['context', 'set', '--project', 'api', '--env', 'production']);
    expect((await cli.run(['secrets', 'get', 'GREETING', '--plain'])).stdout).toBe('hello');
    expect((await cli.run(['secrets', 'get', 'GREETING', '--plain', '--env', 'staging'])).stdout).toBe('hello staging');

    const repo = join(cli.home, 'repo');
    await mkdir(join(repo, 'src', 'deep'), { recursive: true });
    await writeFile(join(repo, '.coffer.json'), JSON.stringify({ project: 'api', env: 'development' }));
    const cwd = join(repo, 'src', 'deep');
    expect((await cli.run(['secrets', 'get', 'GREETING', '--plain'], { cwd })).stdout).toBe('hello dev');
    expect((await cli.run(['secrets', 'get', 'GREETING', '--plain', '--env', 'staging'], { cwd })).stdout).toBe('hello staging');
    const shown = JSON.parse((await cli.run(['context', 'show', '--json'], { cwd })).stdout);
    expect(shown).toMatchObject({ org: 'acme', env: 'development', sources: { org: 'saved', env: 'file' }, pinFile: join(repo, '.coffer.json') });

    // A pin file may not redirect the token to another server.
    await writeFile(join(repo, '.coffer.json'), JSON.stringify({ env: 'development', apiUrl: 'https://evil.example' }));
    const refused = await cli.run(['secrets', 'list'], { cwd });
    expect(refused.code).toBe(2);
    expect(oneLine(refused.stderr)).toContain('unknown field "apiUrl"');
  });

  it('names what is missing when no environment is selected (exit 2)', async () => {
    const cli = await loggedIn();
    const missing = await cli.run(['secrets', 'list']);
    expect(missing.code).toBe(2);
    expect(oneLine(missing.stderr)).toContain('no project, env selected');
  });
});

describe('errors: one line on stderr and a distinct exit code', () => {
  it('unreachable server: 3', async () => {
    const cli = await home();
    const result = await cli.run(['secrets', 'list', '--org', 'acme', '--project', 'api', '--env', 'production'], {
      env: { COFFER_API_URL: `http://127.0.0.1:${await closedPort()}`, COFFER_TOKEN: token },
    });
    expect(result.code).toBe(3);
    expect(oneLine(result.stderr)).toMatch(/^coffer: cannot reach the Coffer server at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/);
  });

  it('wrong token: 4; missing permission: 5; unknown key or environment: 6; invalid input: 8; usage: 2', async () => {
    const cli = await home();
    const scope = ['--org', 'acme', '--project', 'api', '--env', 'production'];
    const as = (t: string) => ({ env: { COFFER_API_URL: platform.baseUrl, COFFER_TOKEN: t } });

    const wrong = await cli.run(['secrets', 'list', ...scope], as('cft_wrong'));
    expect(wrong.code).toBe(4);
    expect(oneLine(wrong.stderr)).toContain('(HTTP 401)');

    const readOnly = expectOk(await api('POST', '/orgs/acme/tokens', { body: { name: 'read-only', permissions: ['read'] } }), 201).token;
    const denied = await cli.run(['secrets', 'get', 'GREETING', ...scope], as(readOnly));
    expect(denied.code).toBe(5);
    expect(oneLine(denied.stderr)).toContain('(HTTP 403)');
    expect(denied.stdout).toBe('');
    // Metadata needs no reveal.
    expect((await cli.run(['secrets', 'get', 'GREETING', '--meta', '--json', ...scope], as(readOnly))).code).toBe(0);

    const unknownKey = await cli.run(['secrets', 'get', 'NO_SUCH_KEY', ...scope], as(token));
    expect(unknownKey.code).toBe(6);
    expect(oneLine(unknownKey.stderr)).toContain('(HTTP 404)');
    const unknownEnv = await cli.run(['secrets', 'list', '--org', 'acme', '--project', 'api', '--env', 'nowhere'], as(token));
    expect(unknownEnv.code).toBe(6);

    const invalid = await cli.run(['secrets', 'set', 'COUNT=many', '--type', 'integer', ...scope], as(token));
    expect(invalid.code).toBe(8);
    expect(oneLine(invalid.stderr)).toContain('(HTTP 400)');

    const usage = await cli.run(['secrets', 'get'], as(token));
    expect(usage.code).toBe(2);
    expect(usage.stderr).not.toMatch(/\n\s+at /);
    const badKey = await cli.run(['secrets', 'set', '1BAD=x', ...scope], as(token));
    expect(badKey.code).toBe(2);
    expect(oneLine(badKey.stderr)).toContain('invalid key');
  });

  it('prints a stack trace only with --debug', async () => {
    const cli = await home();
    const env = { COFFER_API_URL: platform.baseUrl, COFFER_TOKEN: 'cft_wrong' };
    const debug = await cli.run(['secrets', 'list', '--org', 'acme', '--project', 'api', '--env', 'production', '--debug'], { env });
    expect(debug.code).toBe(4);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});

describe('help', () => {
  it('shows examples for the program and for each command, offline and without config', async () => {
    const cli = await home();
    const top = await cli.run(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Examples:');
    expect(top.stdout).toContain('Exit codes:');
    for (const command of [
      ['login'],
      ['logout'],
      ['context', 'set'],
      ['secrets', 'list'],
      ['secrets', 'get'],
      ['secrets', 'set'],
      ['secrets', 'diff'],
      ['secrets', 'rollback'],
      ['run'],
      ['inject'],
    ]) {
      const help = await cli.run([...command, '--help']);
      expect(help.code, command.join(' ')).toBe(0);
      expect(help.stdout, command.join(' ')).toContain('Examples:');
      expect(help.stdout).toContain('coffer ');
    }
    await expect(stat(cli.configDir)).rejects.toThrow();
  });
});
