import { readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '@coffer/formats';
import { expectOk, scopePath } from '@coffer/test-kit/api-assertions';
import { cliPlatform, inTerminal, oneLine, plainText } from './support.js';
import { DOTENV_EDGE_CASE_LINES } from '@coffer/test-kit/dotenv-edge-cases';

/** dotenv is a devDependency of packages/formats: the reference reader the .env writer must satisfy. */
const dotenv = createRequire(new URL('../../packages/formats/package.json', import.meta.url))('dotenv') as { parse(text: string): Record<string, string> };

const fx = cliPlatform();

let envCount = 0;
/** A new, empty environment, so each test sees only what it wrote. */
async function freshEnv(): Promise<string> {
  const slug = `files-${++envCount}`;
  expectOk(await fx.api('POST', '/orgs/acme/projects/api/envs', { body: { slug } }), 201);
  return slug;
}
const currentValues = async (env: string): Promise<Record<string, string>> => expectOk(await fx.api('POST', `${scopePath('acme', 'api', env)}/inject`)).values;

/** What dotenv accepts: comments, export, quotes of all three kinds, escapes, multi-line values, `=`, empty, trailing spaces. */
const EDGE_CASES = [...DOTENV_EDGE_CASE_LINES, 'TRAILING_SPACES="kept   "', 'SHELLISH="$(rm -rf /) `id` \\\\ back\\\\slash \'q\' \\"dq\\""', ''].join('\n');
const SECRET_VALUES = ['sk-live-abc123', 'MIIBOgIBAAJBAK', 'pa#ss', 'a=b==c'];

/** `coffer push FILE` on a terminal, typing `answer` at the [y/N] prompt after `beforeAnswer` has run. */
const pushInTerminal = async (file: string, env: string, answer: string, beforeAnswer?: () => Promise<void>) => {
  const { code, output } = await inTerminal(fx.cli, ['push', file, '--env', env], [[/\[y\/N\]/, answer, beforeAnswer]]);
  return { code, stdout: plainText(output) };
};

const writeDoc = async (name: string, content: string) => {
  const file = join(fx.cli.home, name);
  await writeFile(file, content);
  return file;
};

describe('push and pull', () => {
  it('pushes a .env full of dotenv edge cases with --yes and pulls it back to the same values, for us and for dotenv', async () => {
    const env = await freshEnv();
    const pushed = parseDocument('env', EDGE_CASES);
    expect(pushed).toMatchObject({ API_KEY: 'sk-live-abc123', DOUBLE_QUOTED: 'line one\nline two', EMPTY: '', TRAILING_SPACES: 'kept   ' });
    const file = await writeDoc('edge.env', EDGE_CASES);

    const push = await fx.cli.run(['push', file, '--env', env, '--yes']);
    expect(push.stderr).toBe('');
    expect(push.code).toBe(0);
    expect(push.stdout).toContain(`created (${Object.keys(pushed).length})`);
    expect(push.stdout).toMatch(/^ {2}\+ MULTILINE_PEM$/m);
    expect(push.stdout).toContain(`Applied: ${Object.keys(pushed).length} created, 0 updated, 0 unchanged`);
    for (const value of SECRET_VALUES) expect(push.stdout).not.toContain(value);
    expect(await currentValues(env)).toEqual(pushed);

    const pull = await fx.cli.run(['pull', '--env', env]);
    expect(pull.code).toBe(0);
    expect(parseDocument('env', pull.stdout)).toEqual(pushed);
    expect(oneLine(pull.stderr)).toMatch(
      /^coffer: warning: dotenv would not read back exactly the values of BACKTICKED, SHELLISH from this file .*--format dotenv$/,
    );
    // packages/formats writes a value holding a single quote and one of $ ` " \ as joined shell quotes
    // ('it'"'"'s'), which the shell reads exactly and dotenv cannot (its documented form 3): dotenv
    // must read back every other value exactly.
    const dotenvCanRead = (value: string) => !(value.includes("'") && /[$`"\\]/.test(value));
    const readable = Object.fromEntries(Object.entries(pushed).filter(([, value]) => dotenvCanRead(value)));
    expect(Object.keys(readable).length).toBeGreaterThanOrEqual(Object.keys(pushed).length - 2);
    expect(dotenv.parse(pull.stdout)).toMatchObject(readable);

    const again = await fx.cli.run(['push', file, '--env', env, '--yes', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ plan: { created: [], updated: [], unchanged: Object.keys(pushed), errors: [], written: [] }, applied: false });
  });

  it('pulls JSON and YAML too, and --json wraps the document', async () => {
    const env = await freshEnv();
    const file = await writeDoc('small.json', JSON.stringify({ A: 'one', B: 'two "2"' }));
    expect(JSON.parse((await fx.cli.run(['push', file, '--env', env, '--yes', '--json'])).stdout)).toMatchObject({
      applied: true,
      plan: { created: ['A', 'B'] },
    });
    expect(JSON.parse((await fx.cli.run(['pull', '--env', env, '--format', 'json'])).stdout)).toEqual({ A: 'one', B: 'two "2"' });
    expect(parseDocument('yaml', (await fx.cli.run(['pull', '--env', env, '--format', 'yaml'])).stdout)).toEqual({ A: 'one', B: 'two "2"' });
    const wrapped = JSON.parse((await fx.cli.run(['pull', '--env', env, '--json'])).stdout);
    expect(wrapped).toMatchObject({ format: 'env', removed: [] });
    expect(parseDocument('env', wrapped.content)).toEqual({ A: 'one', B: 'two "2"' });
  });

  it('--dry-run shows the plan with key names and writes nothing', async () => {
    const env = await freshEnv();
    expectOk(await fx.api('POST', `${scopePath('acme', 'api', env)}/secrets/KEPT`, { body: { value: 'one' } }), 201);
    const file = await writeDoc('dry.env', 'KEPT=two-secret\nADDED=new-secret\n');
    const dry = await fx.cli.run(['push', file, '--env', env, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe('Dry run: nothing was written\ncreated (1)\n  + ADDED\nupdated (1)\n  ~ KEPT\nunchanged (0)\n');
    expect(JSON.parse((await fx.cli.run(['push', file, '--env', env, '--dry-run', '--json'])).stdout)).toEqual({
      plan: { created: ['ADDED'], updated: ['KEPT'], unchanged: [], errors: [], written: [] },
      applied: false,
    });
    // --yes answers the question; it never turns a dry run into a write.
    expect((await fx.cli.run(['push', file, '--env', env, '--dry-run', '--yes'])).code).toBe(2);
    expect(await currentValues(env)).toEqual({ KEPT: 'one' });
  });

  it('refuses to apply without --yes when stdin is not a terminal (exit 2), and writes nothing', async () => {
    const env = await freshEnv();
    const file = await writeDoc('noyes.env', 'NOPE=value\n');
    const refused = await fx.cli.run(['push', file, '--env', env], { input: 'y\n' });
    expect(refused.code).toBe(2);
    expect(oneLine(refused.stderr)).toMatch(/add --yes/);
    expect(await currentValues(env)).toEqual({});
  });

  it('asks on a terminal and applies only after yes', async () => {
    const env = await freshEnv();
    const file = await writeDoc('tty.env', 'ASKED=value\n');
    const no = await pushInTerminal(file, env, 'n\n');
    expect(no.stdout).toContain(`Plan for acme/api/${env}\n`);
    expect(no.stdout).toContain(`Apply 1 change to acme/api/${env}? [y/N]`);
    expect(no.code).not.toBe(0);
    expect(await currentValues(env)).toEqual({});
    const yes = await pushInTerminal(file, env, 'y\n');
    expect(yes.stdout).toContain('Applied: 1 created, 0 updated, 0 unchanged');
    expect(yes.code).toBe(0);
    expect(await currentValues(env)).toEqual({ ASKED: 'value' });
  });

  it('writes nothing and exits 7 when the environment changes between the plan shown and the yes', async () => {
    const env = await freshEnv();
    const scope = scopePath('acme', 'api', env);
    expectOk(await fx.api('POST', `${scope}/secrets/KEPT`, { body: { value: 'old-secret' } }), 201);
    const file = await writeDoc('raced.env', 'KEPT=file-secret\nADDED=file-added-secret\n');
    const versions = async (key: string) => expectOk(await fx.api('GET', `${scope}/secrets/${key}/history`)).versions.length;

    // While the plan (ADDED created, KEPT updated) waits for an answer, someone else creates ADDED.
    const raced = await pushInTerminal(file, env, 'y\n', async () => {
      expectOk(await fx.api('POST', `${scope}/secrets/ADDED`, { body: { value: 'their-secret' } }), 201);
    });
    expect(raced.stdout).toMatch(/^created \(1\)\n {2}\+ ADDED\nupdated \(1\)\n {2}~ KEPT$/m);
    expect(raced.stdout).toContain(`Apply 2 changes to acme/api/${env}? [y/N]`);
    expect(raced.code).toBe(7);
    expect(raced.stdout).toMatch(/changed since the plan was shown \(ADDED is now updated, not created\).*nothing was written.*push again/);
    expect(raced.stdout).not.toContain('Applied');
    expect(raced.stdout).not.toMatch(/file-secret|file-added-secret|their-secret|old-secret/);
    expect(await currentValues(env)).toEqual({ KEPT: 'old-secret', ADDED: 'their-secret' });
    expect(await versions('KEPT')).toBe(1);
    expect(await versions('ADDED')).toBe(1);

    // Pushing again shows the new plan, and applies it.
    const again = await pushInTerminal(file, env, 'y\n');
    expect(again.stdout).toMatch(/updated \(2\)/);
    expect(again.code).toBe(0);
    expect(await currentValues(env)).toEqual({ KEPT: 'file-secret', ADDED: 'file-added-secret' });
  });

  it('shows the errors of a refused push by key, or by line for a key that could never be one, exits 8 and writes nothing', async () => {
    const env = await freshEnv();
    expectOk(await fx.api('POST', `${scopePath('acme', 'api', env)}/secrets/PORT`, { body: { value: '8080', type: 'integer' } }), 201);
    const file = await writeDoc('bad.env', 'GOOD=fine\nbad-key=whatever-secret\nPORT=eighty-secret\n');
    const refused = await fx.cli.run(['push', file, '--env', env, '--yes']);
    expect(refused.code).toBe(8);
    expect(refused.stdout).toMatch(/^ {2}! line 2: key: must start with a letter/m);
    expect(refused.stdout).toMatch(/^ {2}! PORT: value: an integer/m);
    expect(refused.stdout).not.toMatch(/whatever-secret|bad-key|eighty-secret/);
    expect(oneLine(refused.stderr)).toMatch(/nothing was written/);
    expect(await currentValues(env)).toEqual({ PORT: '8080' });
    const json = await fx.cli.run(['push', file, '--env', env, '--yes', '--json']);
    expect(json.code).toBe(8);
    expect(JSON.parse(json.stdout).plan.errors).toEqual([
      { key: null, message: expect.stringMatching(/^key: /), line: 2 },
      { key: 'PORT', message: expect.stringMatching(/^value: /), line: 3 },
    ]);
  });

  it('needs --format for a file name it cannot read the format from', async () => {
    const file = await writeDoc('secrets.txt', 'A=1\n');
    const result = await fx.cli.run(['push', file, '--dry-run']);
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toMatch(/--format/);
  });

  it('--out creates a 0600 file, refuses to overwrite it, and replaces it with --force', async () => {
    const env = await freshEnv();
    expectOk(await fx.api('POST', `${scopePath('acme', 'api', env)}/secrets/TOKEN`, { body: { value: 'first' } }), 201);
    const target = join(fx.cli.home, 'pulled.env');
    const first = await fx.cli.run(['pull', '--env', env, '--out', target]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect(dotenv.parse(await readFile(target, 'utf8'))).toEqual({ TOKEN: 'first' });

    expectOk(await fx.api('POST', `${scopePath('acme', 'api', env)}/secrets/TOKEN`, { body: { value: 'second' } }), 200);
    const refused = await fx.cli.run(['pull', '--env', env, '--out', target]);
    expect(refused.code).toBe(2);
    expect(oneLine(refused.stderr)).toMatch(/refusing to overwrite .*--force/);
    expect(parseDocument('env', await readFile(target, 'utf8'))).toEqual({ TOKEN: 'first' });

    const forced = await fx.cli.run(['pull', '--env', env, '--out', target, '--force', '--json']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toEqual({ file: target, format: 'env', removed: [], dotenvMisreads: [] });
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect(parseDocument('env', await readFile(target, 'utf8'))).toEqual({ TOKEN: 'second' });

    const asJson = join(fx.cli.home, 'pulled.json');
    expect((await fx.cli.run(['pull', '--env', env, '--out', asJson])).code).toBe(0);
    expect(JSON.parse(await readFile(asJson, 'utf8'))).toEqual({ TOKEN: 'second' });
    expect((await stat(asJson)).mode & 0o777).toBe(0o600);
  });
});

describe('diff', () => {
  it('shows added, changed, removed, unchanged and withheld keys, never values, and changes nothing', async () => {
    const env = await freshEnv();
    const scope = scopePath('acme', 'api', env);
    for (const [key, value] of Object.entries({ SAME: 'same', CHANGED: 'old-secret', GONE: 'gone-secret', LD_PRELOAD: '/tmp/evil.so' })) {
      expectOk(await fx.api('POST', `${scope}/secrets/${key}`, { body: { value } }), 201);
    }
    const before = await currentValues(env);
    const file = await writeDoc('diff.env', 'SAME=same\nCHANGED=new-secret\nADDED=added-secret\n');
    expect(JSON.parse((await fx.cli.run(['diff', file, '--env', env, '--json'])).stdout)).toEqual({
      added: ['ADDED'],
      changed: ['CHANGED'],
      removed: ['GONE'],
      unchanged: ['SAME'],
      withheld: ['LD_PRELOAD'],
      invalid: [],
    });
    const human = await fx.cli.run(['diff', file, '--env', env]);
    expect(human.code).toBe(0);
    expect(human.stdout).toBe('added (1)\n  + ADDED\nchanged (1)\n  ~ CHANGED\nremoved (1)\n  - GONE\nunchanged (1)\n  = SAME\nwithheld (1)\n  ? LD_PRELOAD\n');
    expect(human.stdout + human.stderr).not.toMatch(/secret|evil/);
    expect(await currentValues(env)).toEqual(before);
  });

  it('lists keys that could never be secret keys by line only, never echoing them', async () => {
    const env = await freshEnv();
    const file = await writeDoc('invalid.json', '{\n  "GOOD": "g",\n  "pasted-secret-value": "x"\n}\n');
    const human = await fx.cli.run(['diff', file, '--env', env]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^invalid \(1\)\n {2}! line 3: key: must start with a letter/m);
    expect(human.stdout).toContain('added (1)\n  + GOOD\n');
    expect(human.stdout + human.stderr).not.toContain('pasted');
    expect(JSON.parse((await fx.cli.run(['diff', file, '--env', env, '--json'])).stdout).invalid).toEqual([
      { line: 3, message: expect.stringMatching(/^key: /) },
    ]);
  });
});

describe('what a server sends, shown on a terminal', () => {
  let server: Server;
  let url: string;
  /** Names and messages no Coffer server sends: control characters that would recolour, clear or retitle a terminal. */
  const HOSTILE = 'EVIL\u001b]0;pwned\u0007\u001b[2J';
  const answers: Record<string, unknown> = {
    'GET /sync/pull': { format: 'env', content: 'A=1\n', removed: [HOSTILE], dotenvMisreads: [HOSTILE] },
    'POST /sync/diff': { added: [HOSTILE], changed: [], removed: [], unchanged: [], withheld: [HOSTILE], invalid: [{ line: 1, message: HOSTILE }] },
    'POST /sync/push': { created: [HOSTILE], updated: [], unchanged: [], errors: [], written: [] },
  };
  const asServer = { env: { COFFER_API_URL: '', COFFER_TOKEN: 'coffer_files-hostile-token' } };

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const path = new URL(req.url!, 'http://x').pathname;
        const data = answers[`${req.method} ${path.slice(path.indexOf('/sync/'))}`];
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ error: false, message: 'ok', data }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    asServer.env.COFFER_API_URL = url;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const scope = ['--org', 'acme', '--project', 'api', '--env', 'production'];

  it.each([
    ['pull', () => ['pull', ...scope]],
    ['diff', async () => ['diff', await writeDoc('hostile.env', 'A=1\n'), ...scope]],
    ['push', async () => ['push', await writeDoc('hostile-push.env', 'A=1\n'), '--yes', ...scope]],
  ])('escapes control characters in what coffer %s prints, and leaves --json as the server sent it', async (_command, args) => {
    const { code, output } = await inTerminal(fx.cli, await args(), [], asServer);
    expect(code).toBe(0);
    expect(output).toContain('EVIL\\u{001b}]0;pwned\\u{0007}\\u{001b}[2J');
    expect(output).not.toContain('\u001b]0;');
    expect(output).not.toContain('\u001b[2J');
    const json = await fx.cli.run([...(await args()), '--json'], asServer);
    expect(json.stdout).toContain(JSON.stringify(HOSTILE).slice(1, -1));
  });
});
