import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from '@coffer/test-kit/api-assertions';
import { cliPlatform, inTerminal, oneLine, scratchHomes, type CliHome } from './support.js';

// Hostile names and text against the real CLI binary: prototype names, terminal escapes in stored
// text and in a server's messages, values that cannot be what was written, files that mean two things.
const fx = cliPlatform();
const ENVS = '/orgs/acme/projects/api/envs';
const secretsOf = (env: string) => `${ENVS}/${env}/secrets`;

const home = scratchHomes();

/** Prints the child's own environment as JSON: Object.entries sees variables, never process.env's prototype. */
const PRINT_ENV = 'process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(process.env))))';

describe('names of Object.prototype', () => {
  const NAMES = [
    ...Object.getOwnPropertyNames(Object.prototype).filter((name) => name !== '__proto__'),
    // Near __proto__ and valid keys.
    '__proto',
    '_proto__',
    '___proto__',
    '__proto___',
    '__PROTO__',
    'prototype',
  ];
  const valueOf = (name: string) => `value-of-${name}`;

  beforeAll(async () => {
    expectOk(await fx.api('POST', ENVS, { body: { slug: 'proto' } }), 201);
    for (const name of NAMES) expectOk(await fx.api('POST', `${secretsOf('proto')}/${name}`, { body: { value: valueOf(name) } }), 201);
  });

  it('covers the names that used to be lost', () => {
    expect(NAMES).toEqual(expect.arrayContaining(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf']));
  });

  it('injects every one into the command, reporting no clash', async () => {
    const result = await fx.cli.run(['run', '--env', 'proto', '--', 'node', '-e', PRINT_ENV]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const env = JSON.parse(result.stdout);
    for (const name of NAMES) expect(env[name], name).toBe(valueOf(name));
  });

  it('keeps the clash rule for a parent environment that does have one of them', async () => {
    const parent = { env: { toString: 'from-parent', constructor: valueOf('constructor') } };
    const kept = await fx.cli.run(['run', '--env', 'proto', '--', 'node', '-e', PRINT_ENV], parent);
    expect(kept.code).toBe(0);
    expect(oneLine(kept.stderr)).toBe("coffer: kept the existing environment's value for toString (use --override to let the secrets win)");
    const env = JSON.parse(kept.stdout);
    expect(env.toString).toBe('from-parent');
    expect(env.valueOf).toBe(valueOf('valueOf'));

    const overridden = await fx.cli.run(['run', '--override', '--env', 'proto', '--', 'node', '-e', PRINT_ENV], parent);
    expect(overridden.stderr).toBe('');
    expect(JSON.parse(overridden.stdout).toString).toBe(valueOf('toString'));
  });

  it('sets, gets and lists them like any key', async () => {
    const set = await fx.cli.run(['secrets', 'set', '--env', 'proto', 'constructor=changed', 'hasOwnProperty=also']);
    expect(set.stderr).toBe('');
    expect(set.stdout).toBe('Updated constructor (version 2)\nUpdated hasOwnProperty (version 2)\n');
    expect((await fx.cli.run(['secrets', 'get', 'constructor', '--plain', '--env', 'proto'])).stdout).toBe('changed');
    const listed = JSON.parse((await fx.cli.run(['secrets', 'list', '--json', '--env', 'proto'])).stdout);
    expect(listed.map((secret: { key: string }) => secret.key).sort()).toEqual([...NAMES].sort());
  });
});

describe('terminal escapes in stored text', () => {
  // Colour, clear screen and home, a window title (OSC), a carriage return that would overwrite
  // the line, a backspace, and a right-to-left override.
  const HOSTILE = '\u001b[35mmagenta\u001b[0m \u001b[2J\u001b[H \u001b]0;pwned-title\u0007 visible\rhidden ab\u0008c \u202eesrever';
  const ESCAPED = [
    '\\u{001b}[35mmagenta\\u{001b}[0m',
    '\\u{001b}[2J\\u{001b}[H',
    '\\u{001b}]0;pwned-title\\u{0007}',
    'visible\\rhidden',
    'ab\\u{0008}c',
    '\\u{202e}esrever',
  ];
  const VALUE = `first line ${HOSTILE}\nsecond line`;
  const DESCRIPTION = `about ${HOSTILE}`;
  const OLD_VALUE = `old ${HOSTILE}`;
  const env = ['--env', 'hostile'];
  const SCOPE = secretsOf('hostile');

  /** Nothing in the terminal's output but printable text and line ends: no raw control character made it through. */
  const expectNoRawControls = (output: string) => {
    expect(output).not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202e]/);
    expect(output).not.toMatch(/\r(?!\n)/);
  };

  beforeAll(async () => {
    expectOk(await fx.api('POST', ENVS, { body: { slug: 'hostile' } }), 201);
    expectOk(await fx.api('POST', `${SCOPE}/EVIL`, { body: { value: OLD_VALUE, description: DESCRIPTION } }), 201);
    expectOk(await fx.api('POST', `${SCOPE}/EVIL`, { body: { value: VALUE, description: DESCRIPTION } }), 200);
  });

  // NO_COLOR: then coffer itself writes no escape sequence at all, and any in the output came from the server.
  const terminal = (args: string[]) => inTerminal(fx.cli, [...args, ...env], [], { env: { NO_COLOR: '1' } });

  it('secrets get shows the description and value escaped on a terminal, keeping the lines of the value', async () => {
    const { code, output } = await terminal(['secrets', 'get', 'EVIL']);
    expect(code).toBe(0);
    expectNoRawControls(output);
    for (const escaped of ESCAPED) expect(output.split(escaped).length - 1, escaped).toBe(2);
    expect(output).toMatch(/^description about \\u\{001b\}\[35m/m);
    expect(output).toMatch(/\r\nfirst line \\u\{001b\}\[35m.*\r\nsecond line\r\n/);
  });

  it('secrets history and diff --reveal show stored text escaped on a terminal', async () => {
    const history = await terminal(['secrets', 'history', 'EVIL']);
    expect(history.code).toBe(0);
    expectNoRawControls(history.output);
    expect(history.output).toContain(`about ${ESCAPED[0]}`);

    const diff = await terminal(['secrets', 'diff', 'EVIL', '--from', '1', '--to', '2', '--reveal']);
    expect(diff.code).toBe(0);
    expectNoRawControls(diff.output);
    expect(diff.output).toContain(`- old ${ESCAPED[0]}`);
    // A line break in a value cannot pass for a line of the diff.
    expect(diff.output).toContain(`+ first line ${ESCAPED[0]}`);
    expect(diff.output).toContain('\\nsecond line');
  });

  it('--json on a terminal holds the same data, with nothing left raw that could drive the terminal', async () => {
    const { code, output } = await terminal(['secrets', 'get', 'EVIL', '--json']);
    expect(code).toBe(0);
    expectNoRawControls(output);
    expect(JSON.parse(output.replace(/\r\n/g, '\n'))).toMatchObject({ value: VALUE, description: DESCRIPTION });
  });

  it('leaves --plain, --json and every output to a pipe exactly as stored', async () => {
    const plain = await fx.cli.run(['secrets', 'get', 'EVIL', '--plain', ...env]);
    expect(plain.stdout).toBe(VALUE);
    const json = JSON.parse((await fx.cli.run(['secrets', 'get', 'EVIL', '--json', ...env])).stdout);
    expect(json).toMatchObject({ value: VALUE, description: DESCRIPTION });
    const human = await fx.cli.run(['secrets', 'get', 'EVIL', ...env]);
    expect(human.stdout).toContain(`description ${DESCRIPTION}\n`);
    expect(human.stdout).toContain(`\n${VALUE}\n`);
    const history = JSON.parse((await fx.cli.run(['secrets', 'history', 'EVIL', '--json', ...env])).stdout);
    expect(history.versions[0].description).toBe(DESCRIPTION);
    const diff = JSON.parse((await fx.cli.run(['secrets', 'diff', 'EVIL', '--from', '1', '--to', '2', '--reveal', '--json', ...env])).stdout);
    expect(diff).toMatchObject({ fromValue: OLD_VALUE, toValue: VALUE });
  });
});

/**
 * A server that answers whatever the test says: a hostile or broken one, which the CLI must not
 * trust with its terminal, its error lines or the command's environment.
 */
describe('a hostile server', () => {
  let server: Server;
  let url: string;
  let answer: (req: IncomingMessage) => { status: number; body: unknown } = () => ({ status: 500, body: {} });
  let cli: CliHome;
  const scope = ['--org', 'acme', '--project', 'api', '--env', 'production'];
  const asServer = () => ({ env: { COFFER_API_URL: url, COFFER_TOKEN: 'coffer_hostile-test-token' } });
  const ok = (data: unknown) => ({ status: 200, body: { error: false, message: 'ok', data } });

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const { status, body } = answer(req);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    cli = await home();
  });
  afterAll(async () => {
    if (server.listening) await new Promise((resolve) => server.close(resolve));
  });

  it('cannot put an escape sequence or a second line on stderr with its error message', async () => {
    const message = 'gone\u001b]0;pwned-title\u0007\u001b[2J\nsecond line\rover';
    answer = () => ({ status: 404, body: { error: true, code: 'NOT_FOUND', message, data: null } });
    const result = await cli.run(['secrets', 'get', 'SOME_KEY', ...scope], asServer());
    expect(result.code).toBe(6);
    expect(oneLine(result.stderr)).toBe('coffer: gone\\u{001b}]0;pwned-title\\u{0007}\\u{001b}[2J\\nsecond line\\rover (HTTP 404)');
  });

  it('cannot make coffer quote an unexpected error: a fixed line, the detail only with --debug', async () => {
    answer = () => ok({ secrets: null });
    const result = await cli.run(['secrets', 'list', ...scope], asServer());
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toBe('coffer: unexpected error (TypeError); run with --debug for details');
    const debug = await cli.run(['secrets', 'list', '--debug', ...scope], asServer());
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/TypeError: .*\n\s+at /);
  });

  it('hands over no value holding NUL: the command runs without it, its name on stderr, its value nowhere; so does an old snapshot', async () => {
    const canary = 'canary-7d1e\u0000-after-nul';
    answer = () => ok({ values: { GOOD: 'good', WITH_NUL: canary }, removed: [] });
    const run = await cli.run(['run', ...scope, '--', 'node', '-e', PRINT_ENV], asServer());
    expect(run.code).toBe(0);
    expect(oneLine(run.stderr)).toBe('coffer: left out WITH_NUL: an environment variable cannot hold a NUL character');
    const env = JSON.parse(run.stdout);
    expect(env.GOOD).toBe('good');
    expect(env).not.toHaveProperty('WITH_NUL');
    expect(run.stderr + run.stdout).not.toContain('canary-7d1e');

    // The run above kept an offline snapshot holding that value: starting from it does the same.
    await new Promise((resolve) => server.close(resolve));
    const offline = await cli.run(['run', ...scope, '--', 'node', '-e', PRINT_ENV], asServer());
    expect(offline.code).toBe(0);
    expect(offline.stderr).toMatch(/using the offline snapshot/);
    expect(offline.stderr).toContain('coffer: left out WITH_NUL: an environment variable cannot hold a NUL character\n');
    expect(offline.stderr).not.toContain('canary-7d1e');
    expect(JSON.parse(offline.stdout)).toMatchObject({ GOOD: 'good' });
    await new Promise<void>((resolve) => server.listen(Number(new URL(url).port), '127.0.0.1', resolve));
  });

  it('cannot inject names no secret can have, nor get them echoed', async () => {
    answer = () =>
      ok({
        values: { GOOD: 'good', 'LD_PRELOAD=/tmp/evil.so': 'x', 'BAD\u001b[2J': 'y', ['__proto__']: 'z', NOT_TEXT: 5 },
        removed: ['NODE_OPTIONS', 'EVIL\u001b]0;title\u0007'],
      });
    const run = await cli.run(['run', ...scope, '--', 'node', '-e', PRINT_ENV], asServer());
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'coffer: withheld names that could hijack the process: NODE_OPTIONS\n' +
        'coffer: left out 4 entries the server sent that no secret can be (not a valid key, or not text)\n',
    );
    const env = JSON.parse(run.stdout);
    expect(env.GOOD).toBe('good');
    expect(Object.keys(env).filter((name) => /LD_PRELOAD|BAD|proto|NOT_TEXT/.test(name))).toEqual([]);
  });

  it('names a refused entry whose key it did not echo by its position', async () => {
    answer = () => ({
      status: 400,
      body: {
        error: true,
        code: 'INVALID_ARGUMENT',
        message: '2 keys cannot be written (see errors); nothing was written',
        data: {
          created: [],
          updated: [],
          unchanged: [],
          written: [],
          errors: [
            { key: null, entry: 2, message: 'key: must start with a letter' },
            { key: 'EVIL\u001b[2J', entry: 3, message: 'value: too long' },
          ],
        },
      },
    });
    const result = await cli.run(['secrets', 'set', 'A=1', 'B=2', 'C=3', ...scope], asServer());
    expect(result.code).toBe(8);
    expect(oneLine(result.stderr)).toBe('coffer: cannot set entry 2 (key: must start with a letter), entry 3 (value: too long): nothing was written');
  });

  it('cannot reach the terminal through any field of its answers', async () => {
    const bad = (what: string) => `${what}\u001b]0;pwned-title\u0007\u001b[2J\r\u202e`;
    answer = (req) => {
      const path = new URL(req.url!, url).pathname;
      if (path.endsWith('/history')) {
        return ok({
          key: bad('K'),
          versions: [{ version: bad('1'), type: bad('type'), createdAt: bad('at'), createdBy: bad('by'), description: bad('about') }],
        });
      }
      if (path.endsWith('/secrets')) return ok({ secrets: [{ key: bad('K'), type: bad('type'), version: bad('1'), updatedAt: bad('at'), deleted: true }] });
      if (path.endsWith('/diff')) {
        return ok({
          key: bad('K'),
          from: { version: bad('1'), type: bad('a') },
          to: { version: bad('2'), type: bad('b') },
          valueChanged: true,
          typeChanged: true,
          descriptionChanged: false,
          fromValue: bad('old'),
          toValue: bad('new'),
        });
      }
      if (path === '/api/v1/orgs') return ok({ orgs: [{ slug: bad('org') }] });
      if (req.method === 'POST' || req.method === 'DELETE') return ok({ key: bad('K'), version: bad('2') });
      return ok({
        key: bad('K'),
        type: bad('type'),
        version: bad('1'),
        updatedAt: bad('at'),
        updatedBy: bad('by'),
        description: bad('about'),
        deleted: true,
        value: bad('value'),
      });
    };
    const commands = [
      ['secrets', 'list', '--deleted'],
      ['secrets', 'get', 'KEY'],
      ['secrets', 'history', 'KEY'],
      ['secrets', 'diff', 'KEY', '--from', '1', '--to', '2', '--reveal'],
      ['secrets', 'set', 'KEY=1'],
      ['secrets', 'delete', 'KEY'],
      ['secrets', 'restore', 'KEY'],
      ['secrets', 'rollback', 'KEY', '--version', '1'],
    ];
    for (const args of commands) {
      const { code, output } = await inTerminal(cli, [...args, ...scope], [], { env: { ...asServer().env, NO_COLOR: '1' } });
      expect(code, args.join(' ')).toBe(0);
      expect(output, args.join(' ')).not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202e]|\r(?!\n)/);
      expect(output, args.join(' ')).toContain('\\u{001b}]0;pwned-title\\u{0007}\\u{001b}[2J\\r\\u{202e}');
    }
    const login = await inTerminal(await home(), ['login', '--api-url', url, '--token', 'coffer_hostile-test-token'], [], { env: { NO_COLOR: '1' } });
    expect(login.code).toBe(0);
    expect(login.output).toContain('(organisation org\\u{001b}]0;pwned-title');
    expect(login.output).not.toContain('\u001b');
  });

  it('shows withheld names and notes escaped on a terminal', async () => {
    answer = () => ok({ values: { GOOD: 'good', 'X\u001b[2J': 'y', WITH_NUL: 'a\u0000b' }, removed: ['LD_PRELOAD', 'EVIL\u001b[2J'] });
    const { code, output } = await inTerminal(cli, ['run', ...scope, '--', 'true'], [], { env: { ...asServer().env, NO_COLOR: '1' } });
    expect(code).toBe(0);
    expect(output).not.toContain('\u001b');
    expect(output).toContain('withheld names that could hijack the process: LD_PRELOAD');
    expect(output).toContain('left out WITH_NUL: an environment variable cannot hold a NUL character');
  });
});

describe('values that cannot be what was written', () => {
  const env = ['--env', 'values'];
  const SCOPE = secretsOf('values');
  const absent = async (key: string) => expect((await fx.api('GET', `${SCOPE}/${key}`)).status).toBe(404);

  beforeAll(async () => {
    expectOk(await fx.api('POST', ENVS, { body: { slug: 'values' } }), 201);
  });

  it('refuses stdin bytes that are not UTF-8, sending nothing, with the way to store them', async () => {
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x41]);
    const refused = await fx.cli.run(['secrets', 'set', 'BINARY', ...env], { input: binary });
    expect(refused.code).toBe(8);
    expect(oneLine(refused.stderr)).toBe(
      'coffer: the value of BINARY on stdin is not UTF-8 text (byte 1); store binary data base64-encoded, e.g. base64 -w0 < file | coffer secrets set BINARY',
    );
    await absent('BINARY');

    const stored = await fx.cli.run(['secrets', 'set', 'BINARY', ...env], { input: Buffer.from(binary.toString('base64')) });
    expect(stored.code).toBe(0);
    expect(Buffer.from((await fx.cli.run(['secrets', 'get', 'BINARY', '--plain', ...env])).stdout, 'base64')).toEqual(binary);
  });

  it('keeps UTF-8 from stdin exactly, multi-byte characters split across reads included', async () => {
    const text = `${'é✓🔑'.repeat(5000)}\r\nend`;
    const result = await fx.cli.run(['secrets', 'set', 'UNICODE', ...env], { input: Buffer.from(`${text}\n`) });
    expect(result.code).toBe(0);
    expect((await fx.cli.run(['secrets', 'get', 'UNICODE', '--plain', ...env])).stdout).toBe(text);
  });

  it('refuses a value holding NUL, naming the key and never the value', async () => {
    const refused = await fx.cli.run(['secrets', 'set', 'WITH_NUL', ...env], { input: Buffer.from('canary-91c4\u0000tail') });
    expect(refused.code).toBe(8);
    expect(oneLine(refused.stderr)).toBe('coffer: the value of WITH_NUL must not contain the NUL character (U+0000); nothing was written');
    expect(refused.stderr).not.toContain('canary-91c4');
    await absent('WITH_NUL');
  });

  it('refuses a value over the limit, from stdin or an argument, and takes one at the limit with its line end', async () => {
    const message = 'coffer: the value of BIG must be at most 65536 bytes of UTF-8; nothing was written';
    const fromStdin = await fx.cli.run(['secrets', 'set', 'BIG', ...env], { input: Buffer.alloc(65_537, 'x') });
    expect(fromStdin.code).toBe(8);
    expect(oneLine(fromStdin.stderr)).toBe(message);
    const fromArgument = await fx.cli.run(['secrets', 'set', `BIG=${'é'.repeat(32_769)}`, ...env]);
    expect(fromArgument.code).toBe(8);
    expect(oneLine(fromArgument.stderr)).toBe(message);
    const huge = await fx.cli.run(['secrets', 'set', 'BIG', ...env], { input: Buffer.alloc(8 * 1024 * 1024, 'x') });
    expect(huge.code).toBe(8);
    await absent('BIG');

    const atLimit = await fx.cli.run(['secrets', 'set', 'BIG', ...env], { input: Buffer.from(`${'x'.repeat(65_536)}\r\n`) });
    expect(atLimit.stderr).toBe('');
    expect((await fx.cli.run(['secrets', 'get', 'BIG', '--plain', ...env])).stdout).toBe('x'.repeat(65_536));
  });

  it('never echoes an invalid key or an invalid option value: it may be a password typed in the wrong place', async () => {
    const password = 'correct-horse!battery';
    const cases: [string[], RegExp][] = [
      [['secrets', 'set', password], /^coffer: invalid key in argument 1: a key must start with a letter/],
      [['secrets', 'set', 'GOOD=1', `${password}=x`], /^coffer: invalid key in argument 2: a key must/],
      [['secrets', 'get', password], /^coffer: invalid key in the <key> argument: a key must/],
      [['secrets', 'history', password], /^coffer: invalid key in the <key> argument/],
      [['secrets', 'get', 'GOOD', '--version', password], /^coffer: --version must be a positive whole number$/],
      [['secrets', 'set', 'GOOD=1', '--type', password], /^coffer: invalid --type: one of text, /],
    ];
    for (const [args, expected] of cases) {
      const result = await fx.cli.run([...args, ...env], { input: 'x' });
      expect(result.code, args.join(' ')).toBe(2);
      expect(oneLine(result.stderr), args.join(' ')).toMatch(expected);
      expect(result.stderr + result.stdout, args.join(' ')).not.toContain('horse');
    }
    await absent('GOOD');
    const context = await fx.cli.run(['context', 'set', '--env', password]);
    expect(context.code).toBe(2);
    expect(oneLine(context.stderr)).toMatch(/^coffer: invalid --env: a slug must be/);
    expect(context.stderr).not.toContain('horse');
  });

  it('does not quote the API URL back: it may be a token in the wrong variable', async () => {
    const result = await fx.cli.run(['secrets', 'list', '--org', 'acme', '--project', 'api', '--env', 'values'], {
      env: { COFFER_API_URL: fx.token, COFFER_TOKEN: fx.platform.baseUrl },
    });
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toBe('coffer: invalid API URL: expected something like https://coffer.example.com');
  });

  it('escapes what commander quotes back from the command line', async () => {
    const result = await fx.cli.run(['secrets', 'list', '--\u001b[2Jx']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--\\u{001b}[2Jx'");
    expect(result.stderr).not.toContain('\u001b');
  });
});

describe('JSON files that mean two things', () => {
  it('refuses a .coffer.json with a member given twice (exit 9), naming the file and line, not what it holds', async () => {
    const repo = join(fx.cli.home, 'two-envs');
    await mkdir(repo, { recursive: true });
    const pin = join(repo, '.coffer.json');
    await writeFile(pin, '{\n  "env": "production",\n  "env": "staging-b7f2"\n}\n', { mode: 0o644 });
    for (const args of [
      ['context', 'show'],
      ['secrets', 'list'],
      ['run', '--', 'true'],
    ]) {
      const result = await fx.cli.run(args, { cwd: repo });
      expect(result.code, args.join(' ')).toBe(9);
      expect(oneLine(result.stderr)).toBe(`coffer: refusing ${pin}: line 3 gives "env" a second time, so it can be read two ways; fix or remove it`);
    }
    await writeFile(pin, '{"env": "production", "\\u001b[2J": 1}');
    const odd = await fx.cli.run(['context', 'show'], { cwd: repo });
    expect(odd.code).toBe(2);
    expect(oneLine(odd.stderr)).toBe(`coffer: ${pin}: a field that is not a name (allowed: org, project, env)`);
    await writeFile(pin, '{"env": "Staging\\u001b[2J"}');
    const notSlug = await fx.cli.run(['context', 'show'], { cwd: repo });
    expect(notSlug.code).toBe(2);
    expect(oneLine(notSlug.stderr)).toMatch(/: "env" must be a slug: it must be 1-63 lowercase/);
    await writeFile(pin, '{"env": "staging"}');
    expect(JSON.parse((await fx.cli.run(['context', 'show', '--json'], { cwd: repo })).stdout)).toMatchObject({ env: 'staging' });
  });

  it('refuses a config.json with a member given twice (exit 9), and keeps it as it was', async () => {
    const cli = await home();
    await mkdir(cli.configDir, { recursive: true, mode: 0o700 });
    const config = join(cli.configDir, 'config.json');
    const text = `{\n  "apiUrl": "${fx.platform.baseUrl}",\n  "apiUrl": "https://elsewhere.example"\n}\n`;
    await writeFile(config, text, { mode: 0o600 });
    for (const args of [
      ['context', 'show'],
      ['secrets', 'list'],
      ['login', '--token-stdin'],
    ]) {
      const result = await cli.run(args, { input: fx.token });
      expect(result.code, args.join(' ')).toBe(9);
      expect(oneLine(result.stderr)).toBe(`coffer: refusing ${config}: line 3 gives "apiUrl" a second time, so it can be read two ways; fix or remove it`);
    }
    expect(await readFile(config, 'utf8')).toBe(text);
  });
});

describe('a token that may write but not read', () => {
  const env = ['--env', 'writeonly'];
  let writer: { env: Record<string, string> };

  beforeAll(async () => {
    expectOk(await fx.api('POST', ENVS, { body: { slug: 'writeonly' } }), 201);
    expectOk(await fx.api('POST', `${secretsOf('writeonly')}/EXISTING`, { body: { value: 'old' } }), 201);
    const minted = expectOk(await fx.api('POST', '/orgs/acme/tokens', { body: { name: 'write-only', permissions: ['create', 'update'] } }), 201);
    writer = { env: { COFFER_TOKEN: minted.token as string } };
  });

  it('is told what it wrote and nothing about what was there', async () => {
    const single = await fx.cli.run(['secrets', 'set', 'EXISTING=new', ...env], writer);
    expect(single.stderr).toBe('');
    expect(single.stdout).toBe('Wrote EXISTING\n');
    const several = await fx.cli.run(['secrets', 'set', 'EXISTING=newer', 'FRESH=1', ...env], writer);
    expect(several.stderr).toBe('');
    expect(several.stdout).toBe('Wrote EXISTING\nWrote FRESH\n');
    const json = await fx.cli.run(['secrets', 'set', 'FRESH=2', '--json', ...env], writer);
    expect(JSON.parse(json.stdout)).toEqual([{ key: 'FRESH' }]);
    const severalJson = await fx.cli.run(['secrets', 'set', 'FRESH=3', 'OTHER=1', '--json', ...env], writer);
    expect(JSON.parse(severalJson.stdout)).toEqual([{ key: 'FRESH' }, { key: 'OTHER' }]);
    expect((await fx.cli.run(['secrets', 'get', 'FRESH', '--plain', ...env])).stdout).toBe('3');
  });
});
