import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keysWithoutDotenvSpelling } from '@coffer/formats';
import { expectOk, scopePath } from '@coffer/test-kit/api-assertions';
import { cliPlatform, inTerminal, oneLine, plainText } from './support.js';

/** dotenv is a devDependency of packages/formats: the reader `--format dotenv` writes for. */
const dotenv = createRequire(new URL('../../packages/formats/package.json', import.meta.url))('dotenv') as {
  parse(text: string, options?: { fast?: boolean }): Record<string, string>;
};
const readByDotenv = (text: string) => [dotenv.parse(text), dotenv.parse(text, { fast: true })];

const fx = cliPlatform();

let envCount = 0;
/** A new environment holding `values` (written through the API, up to 1000 a request). */
async function envWith(values: Record<string, string>): Promise<string> {
  const slug = `dotenv-${++envCount}`;
  expectOk(await fx.api('POST', '/orgs/acme/projects/api/envs', { body: { slug } }), 201);
  const entries = Object.entries(values).map(([key, value]) => ({ key, value }));
  for (let i = 0; i < entries.length; i += 1000) {
    expectOk(await fx.api('POST', `${scopePath('acme', 'api', slug)}/sync/push`, { body: { entries: entries.slice(i, i + 1000) } }));
  }
  return slug;
}
const currentValues = async (env: string): Promise<Record<string, string>> => expectOk(await fx.api('POST', `${scopePath('acme', 'api', env)}/inject`)).values;
const file = (name: string) => join(fx.cli.home, name);

/** Every string up to length 3 over the characters dotenv treats specially: at most 1000, as one push takes. */
function shortValues(): string[] {
  const alphabet = ['a', ' ', "'", '"', '`', '#', '\n', '\r', '\\'];
  let level = [''];
  const all = [''];
  for (let length = 1; length <= 3; length++) {
    level = level.flatMap((prefix) => alphabet.map((char) => prefix + char));
    all.push(...level);
  }
  return all;
}

/** Values a shell reads from `coffer pull` exactly and dotenv does not. */
const SHELL_ONLY = { QUOTE_AND_DOLLAR: "it's $HOME", QUOTE_AND_BACKSLASH: "C:\\it's" };
/** Values no dotenv spelling carries. */
const NO_DOTENV = { NO_DOTENV_HASH: '\'"` #secret-hash', NO_DOTENV_LINES: '\'"`\n\\n secret-lines' };

describe('coffer pull --format env (the default)', () => {
  it('warns on stderr, in one line, which keys dotenv would misread, and suggests --format dotenv', async () => {
    const env = await envWith({ ...SHELL_ONLY, PLAIN: 'plain' });
    const pulled = await fx.cli.run(['pull', '--env', env]);
    expect(pulled.code).toBe(0);
    expect(oneLine(pulled.stderr)).toBe(
      'coffer: warning: dotenv would not read back exactly the values of QUOTE_AND_BACKSLASH, QUOTE_AND_DOLLAR from this file (a shell reads them exactly); for dotenv, pull with --format dotenv',
    );
    expect(pulled.stderr).not.toMatch(/HOME|C:/);
    // The file itself is unchanged: shell-exact.
    for (const read of readByDotenv(pulled.stdout)) expect(read.PLAIN).toBe('plain');

    const json = await fx.cli.run(['pull', '--env', env, '--json']);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject({ format: 'env', removed: [], dotenvMisreads: ['QUOTE_AND_BACKSLASH', 'QUOTE_AND_DOLLAR'] });
  });

  it('says nothing when dotenv reads every value', async () => {
    const env = await envWith({ PLAIN: 'plain', QUOTE: "it's" });
    const pulled = await fx.cli.run(['pull', '--env', env]);
    expect(pulled.code).toBe(0);
    expect(pulled.stderr).toBe('');
  });
});

describe('coffer pull --format dotenv', () => {
  it('writes a file both of dotenv’s parsers read back exactly, for every short value dotenv can carry, which push --format dotenv reads back unchanged', async () => {
    // Which values dotenv can carry at all is the formats package's oracle-tested rule; here, that the CLI carries them all.
    const values = Object.fromEntries(shortValues().map((value, i) => [`V${i}`, value]));
    for (const key of keysWithoutDotenvSpelling(values)) delete values[key];
    expect(Object.keys(values).length).toBeGreaterThan(800);
    const env = await envWith(values);
    const target = file(`${env}.env`);
    const pulled = await fx.cli.run(['pull', '--env', env, '--format', 'dotenv', '--out', target]);
    expect(pulled.stderr).toBe(`coffer: wrote ${target} (dotenv, mode 0600)\n`);
    expect(pulled.code).toBe(0);
    const content = await readFile(target, 'utf8');
    for (const read of readByDotenv(content)) expect(read).toEqual(values);

    const pushed = await fx.cli.run(['push', target, '--format', 'dotenv', '--env', env, '--yes', '--json']);
    expect(pushed.code).toBe(0);
    expect(JSON.parse(pushed.stdout).plan).toMatchObject({ created: [], updated: [], errors: [] });
    expect(JSON.parse(pushed.stdout).plan.unchanged).toHaveLength(Object.keys(values).length);

    const compared = await fx.cli.run(['diff', target, '--format', 'dotenv', '--env', env, '--json']);
    expect(compared.code).toBe(0);
    expect(JSON.parse(compared.stdout)).toMatchObject({ added: [], changed: [], removed: [], invalid: [] });
    expect(await currentValues(env)).toEqual(values);
  }, 120_000);

  it('round-trips values the env format cannot give dotenv, and prints no warning', async () => {
    const values = { ...SHELL_ONLY, EVERY_QUOTE: '\'"`', EDGES: ' \'"` ', LINES: '\'"`\r\n' };
    const env = await envWith(values);
    const pulled = await fx.cli.run(['pull', '--env', env, '--format', 'dotenv']);
    expect(pulled.code).toBe(0);
    expect(pulled.stderr).toBe('');
    for (const read of readByDotenv(pulled.stdout)) expect(read).toEqual(values);
    const target = file('round-trip.env');
    await writeFile(target, pulled.stdout);
    const pushed = await fx.cli.run(['push', target, '--format', 'dotenv', '--env', env, '--yes']);
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toContain(`unchanged (${Object.keys(values).length})`);
  });

  it('refuses the whole pull when a value has no dotenv spelling: names the keys on stderr, exits 8, writes nothing', async () => {
    const env = await envWith({ PLAIN: 'plain', ...NO_DOTENV });
    const toStdout = await fx.cli.run(['pull', '--env', env, '--format', 'dotenv']);
    expect(toStdout.code).toBe(8);
    expect(toStdout.stdout).toBe('');
    expect(oneLine(toStdout.stderr)).toMatch(
      /^coffer: no dotenv spelling reads back exactly the values of NO_DOTENV_HASH, NO_DOTENV_LINES; nothing was pulled/,
    );
    expect(toStdout.stderr).not.toMatch(/secret-|plain/);

    const target = file('refused.env');
    const toFile = await fx.cli.run(['pull', '--env', env, '--format', 'dotenv', '--out', target]);
    expect(toFile.code).toBe(8);
    expect(toFile.stdout).toBe('');
    expect(existsSync(target)).toBe(false);

    const json = await fx.cli.run(['pull', '--env', env, '--format', 'dotenv', '--json']);
    expect(json.code).toBe(8);
    expect(json.stdout).toBe('');
  });

  it('says in the help that such a file must not be sourced by a shell', async () => {
    for (const command of ['pull', 'push', 'diff']) {
      const help = await fx.cli.run([command, '--help']);
      expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/dotenv, a \.env file the dotenv package reads exactly, which must never be sourced by a shell/);
      expect(help.stdout).toMatch(/choices: "env", "dotenv", "json", "yaml"/);
    }
  });
});

describe('coffer push --format dotenv', () => {
  it('reads strictly: a line dotenv would skip or misread is an error naming the line, and nothing is written', async () => {
    const env = await envWith({ KEPT: 'kept' });
    for (const [content, line] of [
      ['A=1\nhunter2-secret\n', 2],
      ['A=1\nPASSWORD=pa#ss-secret\n', 2],
      ['A=1\n\nB="never-closed-secret\n', 3],
    ] as const) {
      const target = file('strict.env');
      await writeFile(target, content);
      for (const command of ['push', 'diff']) {
        const refused = await fx.cli.run([command, target, '--format', 'dotenv', '--env', env, ...(command === 'push' ? ['--yes'] : [])]);
        expect(refused.code).toBe(8);
        expect(oneLine(refused.stderr)).toMatch(new RegExp(`^coffer: body field 'content': line ${line}: expected `));
        expect(refused.stdout + refused.stderr).not.toMatch(/secret|hunter|PASSWORD/);
      }
    }
    expect(await currentValues(env)).toEqual({ KEPT: 'kept' });
  });

  it('reads a file as dotenv does where the env format reads it otherwise', async () => {
    const env = await envWith({});
    const target = file('dotenv-style.env');
    await writeFile(target, "BACKSLASHES=\"C:\\temp\\n\"\nSHELL_LIKE='it'\"'\"'s'\n");
    expect((await fx.cli.run(['push', target, '--format', 'dotenv', '--env', env, '--yes'])).code).toBe(0);
    expect(await currentValues(env)).toEqual({ BACKSLASHES: 'C:\\temp\n', SHELL_LIKE: "it'\"'\"'s" });
    expect(dotenv.parse(await readFile(target, 'utf8'))).toEqual(await currentValues(env));
  });
});

describe('files that are not UTF-8', () => {
  it.each(['push', 'diff'])('are refused by coffer %s before anything is sent: exit 8, the line named, base64 suggested', async (command) => {
    const env = await envWith({ KEPT: 'kept' });
    const target = file(`binary-${command}.env`);
    await writeFile(target, Buffer.concat([Buffer.from('A=1\nB=2\nKEY='), Buffer.from([0xde, 0xad, 0xbe, 0xef, 0xff]), Buffer.from('\n')]));
    const refused = await fx.cli.run([command, target, '--env', env, ...(command === 'push' ? ['--yes'] : [])]);
    expect(refused.code).toBe(8);
    expect(refused.stdout).toBe('');
    expect(oneLine(refused.stderr)).toBe(
      `coffer: ${target} is not UTF-8 text (line 3); nothing was sent. A binary value must be stored base64-encoded (e.g. base64 -w0 < key.der)`,
    );
    expect(await currentValues(env)).toEqual({ KEPT: 'kept' });
  });

  it('are refused on a terminal too, without printing the bytes', async () => {
    const env = await envWith({});
    const target = file('binary-tty.env');
    await writeFile(target, Buffer.concat([Buffer.from('A=\u001b[2J'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]));
    const { code, output } = await inTerminal(fx.cli, ['push', target, '--env', env, '--yes']);
    expect(code).toBe(8);
    expect(plainText(output)).toContain('is not UTF-8 text (line 1)');
    expect(output).not.toContain('\u001b[2J');
    expect(await currentValues(env)).toEqual({});
  });
});
