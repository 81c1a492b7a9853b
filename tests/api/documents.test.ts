import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, serializeDocument } from '@coffer/formats';
import { expectError, expectOk, scopePath, tableCounts } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import type { Api } from '@coffer/test-kit/platform';

/** dotenv is a devDependency of packages/formats: the reader the dotenv format is judged by. */
const dotenv = createRequire(new URL('../../packages/formats/package.json', import.meta.url))('dotenv') as {
  parse(text: string, options?: { fast?: boolean }): Record<string, string>;
};
const readByDotenv = (text: string) => [dotenv.parse(text), dotenv.parse(text, { fast: true })];

const platform = usePlatform();
let api: Api;

beforeAll(async () => {
  ({ api } = await seedOrg(platform, { org: 'acme', project: 'api' }));
});

let envCount = 0;
/** A new environment holding `values`, so each test sees only what it wrote. */
async function envWith(values: Record<string, string> = {}): Promise<string> {
  const slug = `documents-${++envCount}`;
  expectOk(await api('POST', '/orgs/acme/projects/api/envs', { body: { slug } }), 201);
  const env = scopePath('acme', 'api', slug);
  if (Object.keys(values).length > 0)
    expectOk(await api('POST', `${env}/sync/push`, { body: { entries: Object.entries(values).map(([key, value]) => ({ key, value })) } }));
  return env;
}

const currentValues = async (env: string): Promise<Record<string, string>> => expectOk(await api('POST', `${env}/inject`)).values;
const pull = (env: string, format: string) => api('GET', `${env}/sync/pull?format=${format}`);
const push = (env: string, body: unknown) => api('POST', `${env}/sync/push`, { body });
const diff = (env: string, format: string, content: string) => api('POST', `${env}/sync/diff`, { body: { format, content } });

/** What a write or a refusal must leave as it was: rows, and the values. */
async function state(env: string) {
  return { counts: await tableCounts(platform.database.url), values: await currentValues(env) };
}

/** Values a shell reads exactly from an env pull and dotenv does not (a single quote or CR with $ ` " or \). */
const SHELL_ONLY = { SHELL_ONLY_DOLLAR: "it's $HOME", SHELL_ONLY_BACKSLASH: "C:\\it's", SHELL_ONLY_CR: 'a\r\n"b"' };
/** Values both read exactly from an env pull. */
const BOTH = { BOTH_PLAIN: 'p4ss w0rd', BOTH_QUOTE: "it's", BOTH_MULTILINE: '-----BEGIN-----\nMIIB\n-----END-----\n', BOTH_HASH: 'a #b' };
/** Values only the dotenv format gives dotenv back: every quote kind, bare, and a # or edge spaces or line breaks. */
const DOTENV_TRICKY = { EVERY_QUOTE: '\'"`', EDGE_SPACES: ' \'"` ', EVERY_QUOTE_LINES: '\'"`\n\r\n', ESCAPED: '\\\'"` #' };
/** Values no dotenv spelling carries: a bare quote of every kind with a #, or a line break with a literal \n. */
const NO_DOTENV = { NO_DOTENV_HASH: '\'"` # secret-hash-value', NO_DOTENV_LINES: '\'"`\n\\n secret-lines-value' };

describe('pull as env', () => {
  it('names the keys whose values dotenv would not read back exactly, and only those', async () => {
    const env = await envWith({ ...SHELL_ONLY, ...BOTH });
    const pulled = expectOk(await pull(env, 'env'));
    expect(pulled.dotenvMisreads).toEqual(Object.keys(SHELL_ONLY).sort());
    const values: Record<string, string> = { ...SHELL_ONLY, ...BOTH };
    for (const read of readByDotenv(pulled.content)) {
      expect(
        Object.keys(values)
          .filter((key) => read[key] !== values[key])
          .sort(),
      ).toEqual(pulled.dotenvMisreads);
    }
    expect(parseDocument('env', pulled.content)).toEqual({ ...SHELL_ONLY, ...BOTH });
  });

  it('names no key when dotenv reads every value, and says nothing of dotenv for other formats', async () => {
    const env = await envWith(BOTH);
    expect(expectOk(await pull(env, 'env')).dotenvMisreads).toEqual([]);
    for (const format of ['json', 'yaml', 'dotenv']) expect(expectOk(await pull(env, format))).not.toHaveProperty('dotenvMisreads');
  });
});

describe('pull as dotenv', () => {
  it('answers a document both of dotenv’s parsers read back exactly, values no env spelling gives dotenv included', async () => {
    const values = { ...SHELL_ONLY, ...BOTH, ...DOTENV_TRICKY };
    const env = await envWith(values);
    const pulled = expectOk(await pull(env, 'dotenv'));
    expect(pulled.format).toBe('dotenv');
    for (const read of readByDotenv(pulled.content)) expect(read).toEqual(values);
  });

  it('round-trips through a push in the same format: every key unchanged', async () => {
    const values = { ...SHELL_ONLY, ...BOTH, ...DOTENV_TRICKY };
    const env = await envWith(values);
    const { content } = expectOk(await pull(env, 'dotenv'));
    expect(parseDocument('dotenv', content)).toEqual(values);
    expect(expectOk(await push(env, { format: 'dotenv', content }))).toMatchObject({
      created: [],
      updated: [],
      unchanged: Object.keys(values).sort(),
      errors: [],
    });
    expect(expectOk(await diff(env, 'dotenv', content))).toMatchObject({ added: [], changed: [], removed: [], invalid: [] });
  });

  it('refuses the whole pull when a value has no dotenv spelling: 400 FAILED_PRECONDITION naming the keys, never a value, no document', async () => {
    const env = await envWith({ ...BOTH, ...NO_DOTENV });
    const before = await state(env);
    const response = await pull(env, 'dotenv');
    expect(expectError(response, 400)).toBe('FAILED_PRECONDITION');
    expect(response.body.data).toEqual({ keys: ['NO_DOTENV_HASH', 'NO_DOTENV_LINES'] });
    expect(response.body.message).toMatch(/NO_DOTENV_HASH, NO_DOTENV_LINES/);
    expect(JSON.stringify(response.body)).not.toMatch(/secret-|p4ss|BEGIN|BOTH_/);
    expect(await state(env)).toEqual(before);
    // The same environment pulls as env, JSON and YAML.
    for (const format of ['env', 'json', 'yaml'])
      expect(parseDocument(format as 'env', expectOk(await pull(env, format)).content)).toEqual({ ...BOTH, ...NO_DOTENV });
  });
});

describe('documents that mean two things', () => {
  it.each([
    ['json', '{\n  "DUPLICATE_SECRET": "first-secret",\n  "OTHER": "x",\n  "DUPLICATE_SECRET": "second-secret"\n}\n', 4],
    ['yaml', 'DUPLICATE_SECRET: first-secret\nOTHER: x\nDUPLICATE_SECRET: second-secret\n', 3],
    ['yaml', 'DUPLICATE_SECRET: first-secret\n"DUPLICATE_SECRET": second-secret\n', 2],
  ])('refuses a %s document giving a key twice, naming the line of the second and neither the key nor a value', async (format, content, line) => {
    const env = await envWith({ KEPT: 'kept' });
    const before = await state(env);
    for (const path of ['push', 'diff']) {
      const response = path === 'push' ? await push(env, { format, content }) : await diff(env, format, content);
      expectError(response, 400, 'content');
      expect(response.body.message).toBe(`body field 'content': line ${line}: expected each key once; this key was given before`);
      expect(JSON.stringify(response.body)).not.toMatch(/secret/i);
    }
    expect(await state(env)).toEqual(before);
  });

  it.each(['env', 'dotenv'])('keeps the last value of a key given twice in a %s file, as dotenv and the shell do', async (format) => {
    const env = await envWith();
    expectOk(await push(env, { format, content: 'TWICE=first\nOTHER=x\nTWICE=last\n' }));
    expect(await currentValues(env)).toEqual({ TWICE: 'last', OTHER: 'x' });
  });
});

describe('parse errors', () => {
  it.each([
    ['env', 'A=1\nhunter2-secret\n', 2],
    ['env', 'A=1\nSECRET_KEY="never-closed-secret\n', 2],
    ['env', "A=1\n\nSECRET_KEY='x'secret-text\n", 3],
    ['dotenv', 'A=1\nhunter2-secret\n', 2],
    ['dotenv', 'A=1\nSECRET_KEY=pa#ss-secret\n', 2],
    ['dotenv', 'A=1\nSECRET_KEY="never-closed-secret\n', 2],
    ['json', '{"A": "1",\n"SECRET_KEY": secret-bare}', 2],
    ['json', '{"A": "1",\n"SECRET_KEY": {"inner": "secret"}}', 2],
    ['json', '{"A": "1",\n"SECRET_KEY": null}', 2],
    ['yaml', 'A: 1\nhunter2-secret\n', 2],
    ['yaml', 'A: 1\nSECRET_KEY:\n  inner: secret\n', 3],
    ['yaml', 'A: 1\nSECRET_KEY: [secret]\n', 2],
    ['yaml', 'A: 1\n? [secret]\n: x\n', 2],
  ])('in a %s document name the line and what was expected, quoting nothing of it', async (format, content, line) => {
    const env = await envWith({ KEPT: 'kept' });
    const before = await state(env);
    for (const path of ['push', 'diff']) {
      const response = path === 'push' ? await push(env, { format, content }) : await diff(env, format, content);
      expectError(response, 400, 'content');
      expect(response.body.message).toMatch(new RegExp(`^body field 'content': line ${line}: expected `));
      expect(JSON.stringify(response.body)).not.toMatch(/secret|hunter|inner/i);
    }
    expect(await state(env)).toEqual(before);
  });
});

describe('errors of a push, placed without echoing an invalid key', () => {
  it('answers a document push with {key, message, line}: key null when it could never be a secret key', async () => {
    const env = await envWith();
    expectOk(await api('POST', `${env}/secrets/PORT`, { body: { value: '8080', type: 'integer' } }), 201);
    const before = await state(env);
    const content = 'GOOD=fine\n# a comment\nPORT=1\npasted-secret-value=x\nPORT=not-a-number\n';
    const response = await push(env, { format: 'env', content });
    expectError(response, 400);
    expect(response.body.data.errors).toEqual([
      { key: 'PORT', message: expect.stringMatching(/^value: an integer/), line: 5 },
      { key: null, message: expect.stringMatching(/^key: must start with a letter/), line: 4 },
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/pasted|not-a-number/);
    expect(await state(env)).toEqual(before);
  });

  it('answers an entries push with {key, message, entry}: the 1-based position, key null when invalid', async () => {
    const env = await envWith();
    const before = await state(env);
    const response = await push(env, {
      entries: [
        { key: 'GOOD', value: '1' },
        { key: 'BAD TYPE', value: 'x' },
        { key: 'PORT', value: 'eighty', type: 'integer' },
      ],
    });
    expectError(response, 400);
    expect(response.body.data.errors).toEqual([
      { key: null, message: expect.stringMatching(/^key: /), entry: 2 },
      { key: 'PORT', message: expect.stringMatching(/^value: /), entry: 3 },
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/BAD TYPE|eighty/);
    expect(await state(env)).toEqual(before);
  });

  it.each([
    ['json', '{"OK": "1",\n"A\\u0000B": "x"}', { key: null, line: 2 }],
    ['yaml', 'OK: 1\n"A\\0B": x\n', { key: null, line: 2 }],
    ['json', '{"OK": "1",\n"NUL_VALUE": "a\\u0000secret"}', { key: 'NUL_VALUE', line: 2 }],
    ['yaml', 'OK: 1\nNUL_VALUE: "a\\0secret"\n', { key: 'NUL_VALUE', line: 2 }],
    ['env', 'OK=1\nNUL_VALUE="a\u0000secret"\n', { key: 'NUL_VALUE', line: 2 }],
  ])('refuses a NUL in a %s key or value by its line, with a 400 and never a 500', async (format, content, placed) => {
    const env = await envWith();
    const before = await state(env);
    const response = await push(env, { format, content });
    expectError(response, 400);
    expect(response.body.data.errors).toEqual([{ ...placed, message: expect.any(String) }]);
    expect(JSON.stringify(response.body)).not.toMatch(/secret/);
    expect(await state(env)).toEqual(before);
  });

  it.each([
    ['env', 'OK=1\nA\u0000B=x\n'],
    ['dotenv', 'OK=1\nA\u0000B=x\n'],
    ['json', '{"OK": "1",\n"A\u0000B": "x"}'],
  ])('refuses a raw NUL in the structure of a %s document as a parse error of line 2', async (format, content) => {
    const env = await envWith();
    const before = await state(env);
    const response = await push(env, { format, content });
    expectError(response, 400, 'content');
    expect(response.body.message).toMatch(/^body field 'content': line 2: expected /);
    expect(await state(env)).toEqual(before);
  });

  it.each([
    ['json', '{"OK": "1",\n"A": "secret\\ud800"}'],
    ['yaml', 'OK: 1\nA: "secret\\ud800"\n'],
  ])('refuses a lone surrogate escaped in a %s value by its line: it could only be stored as U+FFFD', async (format, content) => {
    const env = await envWith();
    const before = await state(env);
    for (const path of ['push', 'diff']) {
      const response = path === 'push' ? await push(env, { format, content }) : await diff(env, format, content);
      expectError(response, 400, 'content');
      expect(response.body.message).toBe("body field 'content': line 2: the value must be well-formed Unicode (no lone surrogates)");
    }
    expect(await state(env)).toEqual(before);
  });
});

describe('diff', () => {
  it('lists keys that could never be secret keys by line only, and nowhere else', async () => {
    const env = await envWith({ SAME: 'same', GONE: 'gone' });
    const content = serializeDocument('json', { SAME: 'same', 'pasted-secret-value': 'x', ADDED: 'a', '\u001b]0;title\u0007': 'y' }).replace('{\n', '{\n\n');
    const data = expectOk(await diff(env, 'json', content));
    expect(data).toEqual({
      added: ['ADDED'],
      changed: [],
      removed: ['GONE'],
      unchanged: ['SAME'],
      withheld: [],
      invalid: [
        { line: 4, message: expect.stringMatching(/^key: must start with a letter/) },
        { line: 6, message: expect.stringMatching(/^key: must start with a letter/) },
      ],
    });
    expect(JSON.stringify(data)).not.toMatch(/pasted|title|\\u001b|\\u0007/);
  });
});
