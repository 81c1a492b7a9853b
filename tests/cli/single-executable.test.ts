import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from '@coffer/test-kit/api-assertions';
import { REPO_ROOT } from '@coffer/test-kit/server-process';
import { bootstrap, startTestPlatform, type Api, type TestPlatform } from '@coffer/test-kit/platform';
import { buildCli, cliHome, loggedInCli, SOURCES_THROUGH_TSX, type BuiltCli, type CliHome } from './support.js';

// Point 1 of the CLI issue: the package's build script makes one executable that runs without Node.
let outDir: string;
let built: BuiltCli;
let platform: TestPlatform;
let api: Api;
let token: string;
/** A PATH holding only `sh`: no node anywhere, so the executable must carry its own runtime. */
let noNodePath: string;
const homes: CliHome[] = [];

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'coffer-sea-'));
  noNodePath = join(outDir, 'path');
  await mkdir(noNodePath);
  await symlink('/bin/sh', join(noNodePath, 'sh'));
  [built, platform] = await Promise.all([buildCli(join(outDir, 'build')), startTestPlatform()]);
  ({ token, api } = await bootstrap(platform.baseUrl, 'acme', 'api'));
  expectOk(await api('POST', '/orgs/acme/projects/api/envs/production/secrets/DATABASE_URL', { body: { value: 'postgres://db/app?ssl=1' } }), 201);
}, 180_000);
afterAll(async () => {
  await Promise.all(homes.map((home) => home.remove()));
  await platform?.stop();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

async function home(command: readonly string[], loggedIn = true): Promise<CliHome> {
  const cli = loggedIn ? await loggedInCli(platform.baseUrl, token, command) : await cliHome(command);
  homes.push(cli);
  return cli;
}

describe('coffer from the workspace', () => {
  it('runs from the TypeScript sources too, as the bin does after an edit', async () => {
    const cli = await home(SOURCES_THROUGH_TSX);
    const list = await cli.run(['secrets', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).map((s: { key: string }) => s.key)).toEqual(['DATABASE_URL']);
  });

  it('is linked as a bin at the repository root, so npx coffer and pnpm exec coffer find it', async () => {
    const cli = await home([join(REPO_ROOT, 'node_modules/.bin/coffer')], false);
    expect(await cli.run(['--version'])).toMatchObject({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });
});

describe('coffer as a single executable', () => {
  it('builds one executable file next to the bundle and the list of its inputs, nothing else', async () => {
    expect((await readdir(join(outDir, 'build'))).sort()).toEqual(['coffer', 'coffer.cjs', 'coffer.inputs.json']);
  });

  it('is built without zod: the CLI takes only the plain rules of @coffer/contract, not its schemas', async () => {
    const inputs: string[] = JSON.parse(await readFile(join(outDir, 'build', 'coffer.inputs.json'), 'utf8'));
    expect(inputs.some((input) => input.includes('/packages/contract/src/'))).toBe(true);
    expect(inputs.filter((input) => /\/zod\/|contract\/src\/(schemas|validate|index)\.ts$/.test(input))).toEqual([]);
    expect(await readFile(join(outDir, 'build', 'coffer.cjs'), 'utf8')).not.toMatch(/zod/i);
  });

  it('runs with no Node on PATH and shows help with examples', async () => {
    const cli = await home(built.executable, false);
    const env = { PATH: noNodePath };
    expect(await cli.run(['--version'], { env })).toMatchObject({ code: 0, stdout: '0.1.0\n', stderr: '' });
    const help = await cli.run(['secrets', 'get', '--help'], { env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('coffer secrets get API_KEY --plain');
    const usage = await cli.run(['no-such-command'], { env });
    expect(usage.code).toBe(2);
    expect(usage.stderr).not.toMatch(/\n\s+at /);
  });

  it('logs in, injects secrets into a command and passes its exit code back', async () => {
    const cli = await home(built.executable);
    const env = { PATH: noNodePath };
    const run = await cli.run(['run', '--', 'sh', '-c', 'printf %s "$DATABASE_URL"'], { env });
    expect(run).toMatchObject({ code: 0, stdout: 'postgres://db/app?ssl=1', stderr: '' });
    expect((await cli.run(['run', '--', 'sh', '-c', 'exit 7'], { env })).code).toBe(7);
  });

  it('stores the token encrypted, in the same config the bundled build reads', async () => {
    const cli = await home(built.executable);
    const config = await readFile(join(cli.configDir, 'config.json'), 'utf8');
    expect(config).not.toContain(token);
    expect(JSON.parse(config).token).toMatch(/^enc2:[A-Za-z0-9+/]+=*$/);
    const list = await cli.run(['secrets', 'list', '--json'], { env: { PATH: noNodePath } });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).map((s: { key: string }) => s.key)).toEqual(['DATABASE_URL']);
    const bundle = await cliHome(built.bundle);
    homes.push(bundle);
    const listed = await bundle.run(['secrets', 'list', '--json'], { env: { XDG_CONFIG_HOME: cli.env.XDG_CONFIG_HOME! } });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).map((s: { key: string }) => s.key)).toEqual(['DATABASE_URL']);
  });
});
