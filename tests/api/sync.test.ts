import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMATS, parseDocument, serializeDocument } from '@coffer/formats';
import { expectError, expectOk, scopePath, sql, tableCounts, waitForAudit } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import { apiClient, type Api, type ApiResponse } from '@coffer/test-kit/platform';
import { canary, leaksIn, redisDump } from '@coffer/test-kit/security';
import { DOTENV_EDGE_CASE_LINES } from '@coffer/test-kit/dotenv-edge-cases';

const platform = usePlatform();
let api: Api;

beforeAll(async () => {
  ({ api } = await seedOrg(platform, { org: 'acme', project: 'api' }));
});

let envCount = 0;
/** A new, empty environment, so each test sees only what it wrote. */
async function freshEnv(): Promise<string> {
  const slug = `sync-${++envCount}`;
  expectOk(await api('POST', '/orgs/acme/projects/api/envs', { body: { slug } }), 201);
  return scopePath('acme', 'api', slug);
}

const push = (env: string, body: unknown, options: { headers?: Record<string, string>; client?: Api } = {}) =>
  (options.client ?? api)('POST', `${env}/sync/push`, { body, headers: options.headers });
const pushEnv = (env: string, content: string, dryRun = false) => push(env, { format: 'env', content, dryRun });
const currentValues = async (env: string): Promise<Record<string, string>> => expectOk(await api('POST', `${env}/inject`)).values;
const versionsOf = async (env: string, key: string): Promise<number> => expectOk(await api('GET', `${env}/secrets/${key}/history`)).versions.length;

/** What dotenv accepts, and the values it reads from it. */
const EDGE_CASES = [...DOTENV_EDGE_CASE_LINES, 'DUPLICATE=first', 'DUPLICATE=last', ''].join('\r\n');
const EDGE_CASE_VALUES: Record<string, string> = {
  DATABASE_URL: 'postgres://app:pw@db:5432/app?sslmode=require',
  API_KEY: 'sk-live-abc123',
  SINGLE_QUOTED: 'literal $HOME \\n stays',
  DOUBLE_QUOTED: 'line one\nline two',
  BACKTICKED: 'it\'s "both" quotes',
  MULTILINE_PEM: '-----BEGIN KEY-----\nMIIBOgIBAAJBAK\n-----END KEY-----',
  EQUALS_INSIDE: 'a=b==c',
  EMPTY: '',
  HASH_INSIDE: 'pa#ss',
  DUPLICATE: 'last',
};

describe('push', () => {
  it('creates every key of a .env file full of dotenv edge cases, in document order', async () => {
    const env = await freshEnv();
    const plan = expectOk(await pushEnv(env, EDGE_CASES));
    expect(plan).toEqual({
      created: Object.keys(EDGE_CASE_VALUES),
      updated: [],
      unchanged: [],
      errors: [],
      written: Object.keys(EDGE_CASE_VALUES).map((key) => ({ key, version: 1 })),
    });
    expect(await currentValues(env)).toEqual(EDGE_CASE_VALUES);
  });

  it('answers all unchanged for the same file again, and writes no new version', async () => {
    const env = await freshEnv();
    expectOk(await pushEnv(env, EDGE_CASES));
    const again = expectOk(await pushEnv(env, EDGE_CASES));
    expect(again).toEqual({ created: [], updated: [], unchanged: Object.keys(EDGE_CASE_VALUES), errors: [], written: [] });
    for (const key of Object.keys(EDGE_CASE_VALUES)) expect(await versionsOf(env, key)).toBe(1);
  });

  it('updates only the key whose value changed, as a new version', async () => {
    const env = await freshEnv();
    expectOk(await pushEnv(env, EDGE_CASES));
    const changed = EDGE_CASES.replace('API_KEY =  sk-live-abc123', 'API_KEY=sk-live-rotated');
    const plan = expectOk(await pushEnv(env, changed));
    expect(plan.updated).toEqual(['API_KEY']);
    expect(plan.unchanged).toEqual(Object.keys(EDGE_CASE_VALUES).filter((key) => key !== 'API_KEY'));
    expect(await versionsOf(env, 'API_KEY')).toBe(2);
    expect((await currentValues(env)).API_KEY).toBe('sk-live-rotated');
  });

  it('keeps the type of an existing secret and checks the pushed value against it', async () => {
    const env = await freshEnv();
    expectOk(await api('POST', `${env}/secrets/PORT`, { body: { value: '8080', type: 'integer' } }), 201);
    expect(expectOk(await push(env, { format: 'yaml', content: 'PORT: 9090\n' })).updated).toEqual(['PORT']);
    expect(expectOk(await api('GET', `${env}/secrets/PORT`))).toMatchObject({ type: 'integer', version: 2 });
  });

  it('writes nothing on a dry run, and answers the plan it would carry out', async () => {
    const env = await freshEnv();
    expectOk(await pushEnv(env, 'KEPT=one\n'));
    const before = await tableCounts(platform.database.url);
    const response = await pushEnv(env, 'KEPT=two\nADDED=new\n', true);
    expect(expectOk(response)).toEqual({ created: ['ADDED'], updated: ['KEPT'], unchanged: [], errors: [], written: [] });
    expect(response.body.message).toMatch(/dry run/);
    expect(await tableCounts(platform.database.url)).toEqual(before);
    expect(await currentValues(env)).toEqual({ KEPT: 'one' });
    expect(await versionsOf(env, 'KEPT')).toBe(1);
  });

  it('refuses a document with an invalid key or a value invalid for its type: 400 naming them (an invalid key by its line), nothing written', async () => {
    const env = await freshEnv();
    expectOk(await api('POST', `${env}/secrets/PORT`, { body: { value: '8080', type: 'integer' } }), 201);
    const before = await tableCounts(platform.database.url);
    const response = await pushEnv(env, 'NEW_ONE=fine\nPORT=eighty-not-a-number\nbad-key=whatever\n');
    expectError(response, 400);
    expect(response.body.message).toMatch(/nothing was written/);
    expect(response.body.data.created).toEqual(['NEW_ONE']);
    expect(response.body.data.errors).toEqual([
      { key: 'PORT', message: expect.stringMatching(/^value: an integer/), line: 2 },
      { key: null, message: expect.stringMatching(/^key: must start with a letter/), line: 3 },
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/eighty-not-a-number|bad-key/);
    expect(await tableCounts(platform.database.url)).toEqual(before);
    expect(await currentValues(env)).toEqual({ PORT: '8080' });
  });

  it('takes up to 1000 keys at once, and refuses more', async () => {
    const env = await freshEnv();
    const document = (count: number) => Array.from({ length: count }, (_, i) => `KEY_${i}=value-${i}`).join('\n');
    expect(expectOk(await pushEnv(env, document(1000))).created).toHaveLength(1000);
    expectError(await pushEnv(env, document(1001)), 400, 'entries');
  });

  it('replays an answer for the same Idempotency-Key and payload, and refuses the key with another payload', async () => {
    const env = await freshEnv();
    const headers = { 'Idempotency-Key': `push-${randomBytes(4).toString('hex')}` };
    const body = { format: 'env', content: 'ONCE=only-once\n' };
    const first = expectOk(await push(env, body, { headers }));
    const replay = await push(env, body, { headers });
    expect(expectOk(replay)).toEqual(first);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await versionsOf(env, 'ONCE')).toBe(1);
    expectError(await push(env, { ...body, content: 'ONCE=another\n' }, { headers }), 409);
  });
});

describe('push with the plan that was confirmed (expectedPlan)', () => {
  const planKeys = ({ created, updated, unchanged }: { created: string[]; updated: string[]; unchanged: string[] }) => ({ created, updated, unchanged });

  it('refuses with 409 and writes nothing when the environment changed since the dry run', async () => {
    const env = await freshEnv();
    expectOk(await pushEnv(env, 'KEPT=one\n'));
    const document = 'KEPT=two\nADDED=from-the-file\n';
    const shown = planKeys(expectOk(await pushEnv(env, document, true)));
    expect(shown).toEqual({ created: ['ADDED'], updated: ['KEPT'], unchanged: [] });

    // Another writer creates ADDED before the plan is confirmed.
    expectOk(await api('POST', `${env}/secrets/ADDED`, { body: { value: 'from-someone-else' } }), 201);
    const before = await tableCounts(platform.database.url);
    const stale = await push(env, { format: 'env', content: document, expectedPlan: shown });
    expectError(stale, 409);
    expect(stale.body.data).toEqual({ field: 'expectedPlan' });
    expect(stale.body.message).toMatch(/changed since the plan was shown \(ADDED is now updated, not created\).*nothing was written.*push again/);
    expect(JSON.stringify(stale.body)).not.toMatch(/from-the-file|from-someone-else/);
    expect(await tableCounts(platform.database.url)).toEqual(before);
    expect(await currentValues(env)).toEqual({ KEPT: 'one', ADDED: 'from-someone-else' });
    expect(await versionsOf(env, 'KEPT')).toBe(1);
    expect(await versionsOf(env, 'ADDED')).toBe(1);
  });

  it('applies a plan that still holds, whatever the order of its keys', async () => {
    const env = await freshEnv();
    expectOk(await pushEnv(env, 'KEPT=one\nSAME=same\n'));
    const document = 'KEPT=two\nSAME=same\nADDED=new\n';
    const shown = planKeys(expectOk(await pushEnv(env, document, true)));
    const applied = expectOk(await push(env, { format: 'env', content: document, expectedPlan: { ...shown, created: [...shown.created].reverse() } }));
    expect(applied).toEqual({
      created: ['ADDED'],
      updated: ['KEPT'],
      unchanged: ['SAME'],
      errors: [],
      written: [
        { key: 'KEPT', version: 2 },
        { key: 'ADDED', version: 1 },
      ],
    });
    expect(await currentValues(env)).toEqual({ KEPT: 'two', SAME: 'same', ADDED: 'new' });
    expect(await versionsOf(env, 'KEPT')).toBe(2);
  });

  it('refuses a plan that leaves out a key of the document or lists one it does not hold', async () => {
    const env = await freshEnv();
    const before = await tableCounts(platform.database.url);
    expectError(await push(env, { format: 'env', content: 'A=1\nB=2\n', expectedPlan: { created: ['A'], updated: [], unchanged: [] } }), 409);
    expectError(await push(env, { format: 'env', content: 'A=1\n', expectedPlan: { created: ['A', 'C'], updated: [], unchanged: [] } }), 409);
    expect(await tableCounts(platform.database.url)).toEqual(before);
  });
});

describe('push of entries (several keys set at once)', () => {
  it('with writeAll needs only create and update and writes every entry as a new version, comparing nothing', async () => {
    const env = await freshEnv();
    expectOk(await api('POST', `${env}/secrets/SAME`, { body: { value: 'same' } }), 201);
    const issued = expectOk(await api('POST', '/orgs/acme/tokens', { body: { name: 'batch-writer', permissions: ['create', 'update'] } }), 201);
    const writer = apiClient(platform.baseUrl, issued.token);
    const entries = [
      { key: 'SAME', value: 'same' },
      { key: 'NEW', value: 'new' },
    ];

    // Without writeAll the answer would tell whether SAME holds 'same': that takes reveal.
    const before = await tableCounts(platform.database.url);
    expectError(await push(env, { entries }, { client: writer }), 403);
    expect(await tableCounts(platform.database.url)).toEqual(before);

    // A plan that writes nothing would tell which keys exist: that takes read.
    expectError(await push(env, { entries, writeAll: true, dryRun: true }, { client: writer }), 403);
    const refused = await push(env, { entries: [...entries, { key: 'bad-key', value: 'x' }], writeAll: true }, { client: writer });
    expectError(refused, 400);
    expect(refused.body.data).toEqual({ created: [], updated: [], unchanged: [], errors: [{ key: null, message: expect.any(String), entry: 3 }], written: [] });
    expect(await tableCounts(platform.database.url)).toEqual(before);
    expect(expectOk(await push(env, { entries, writeAll: true, dryRun: true }))).toEqual({
      created: ['NEW'],
      updated: ['SAME'],
      unchanged: [],
      errors: [],
      written: [],
    });

    // Which keys existed, and their versions, are read knowledge: the writer is told neither.
    const written = expectOk(await push(env, { entries, writeAll: true }, { client: writer }));
    expect(written).toEqual({
      created: [],
      updated: [],
      unchanged: [],
      errors: [],
      written: [
        { key: 'SAME', version: 0 },
        { key: 'NEW', version: 0 },
      ],
    });
    expect(await versionsOf(env, 'SAME')).toBe(2);
    expect(await currentValues(env)).toEqual({ SAME: 'same', NEW: 'new' });
  });

  it('answers 400 to writeAll that is not a boolean, and writes nothing', async () => {
    const env = await freshEnv();
    const before = await tableCounts(platform.database.url);
    expectError(await push(env, { entries: [{ key: 'A', value: '1' }], writeAll: 'yes' }), 400, 'writeAll');
    expect(await tableCounts(platform.database.url)).toEqual(before);
  });

  it('writes every entry with its type and description in one go', async () => {
    const env = await freshEnv();
    expectOk(await api('POST', `${env}/secrets/PORT`, { body: { value: '8080' } }), 201);
    const entries = [
      { key: 'PORT', value: '8080', type: 'integer' },
      { key: 'RETRIES', value: '3', type: 'integer', description: 'attempts' },
    ];
    expect(expectOk(await push(env, { entries }))).toEqual({
      created: ['RETRIES'],
      updated: ['PORT'],
      unchanged: [],
      errors: [],
      written: [
        { key: 'PORT', version: 2 },
        { key: 'RETRIES', version: 1 },
      ],
    });
    // A type change is a new version, as a single write makes one.
    expect(expectOk(await api('GET', `${env}/secrets/PORT`))).toMatchObject({ type: 'integer', version: 2 });
    expect(expectOk(await api('GET', `${env}/secrets/RETRIES`))).toMatchObject({ type: 'integer', version: 1, description: 'attempts' });
    expect(expectOk(await push(env, { entries }))).toEqual({ created: [], updated: [], unchanged: ['PORT', 'RETRIES'], errors: [], written: [] });
  });

  it('writes none of them when one value does not fit its type: 400 naming that key, never the value', async () => {
    const env = await freshEnv();
    const before = await tableCounts(platform.database.url);
    const response = await push(env, {
      entries: [
        { key: 'GOOD', value: '1', type: 'integer' },
        { key: 'BAD', value: 'not-an-int-value', type: 'integer' },
      ],
    });
    expectError(response, 400);
    expect(response.body.message).toMatch(/^1 key cannot be written .*nothing was written/);
    expect(response.body.data.errors).toEqual([{ key: 'BAD', message: expect.stringMatching(/^value: an integer/), entry: 2 }]);
    expect(JSON.stringify(response.body)).not.toContain('not-an-int-value');
    expect(await tableCounts(platform.database.url)).toEqual(before);
  });
});

describe('pull', () => {
  /** Values that break naive quoting, as typed secrets of their own. */
  const STORED: Record<string, string> = {
    EMPTY: '',
    SPACES: '  padded  ',
    QUOTES: `it's "double" and \`back\``,
    SHELL: "$HOME $(id) it's",
    BACKSLASHES: 'C:\\new\\ends in \\',
    NEWLINES: '\nINJECTED=1\nlast line\n',
    HASH_AND_EQUALS: 'a=b # c',
    UNICODE: 'héllo ✓ 🔑 \u2028',
    CRLF: 'one\r\ntwo',
    PORT: '8080',
    ENABLED: 'true',
  };
  const DANGEROUS = { LD_PRELOAD: '/tmp/evil-preload.so', PATH: '/tmp/evil-path/bin' };
  let env: string;

  beforeAll(async () => {
    env = await freshEnv();
    expectOk(await push(env, { format: 'json', content: JSON.stringify({ ...STORED, ...DANGEROUS }) }));
  });

  it.each(FORMATS)('answers a %s document that parses back to exactly the stored values, dangerous names left out', async (format) => {
    const response = await api('GET', `${env}/sync/pull?format=${format}`);
    const pulled = expectOk(response);
    expect(response.headers.get('cache-control')).toContain('no-store');
    expect(pulled.format).toBe(format);
    expect(pulled.removed).toEqual(['LD_PRELOAD', 'PATH']);
    expect(parseDocument(format, pulled.content)).toEqual(STORED);
    for (const value of Object.values(DANGEROUS)) expect(pulled.content).not.toContain(value);
  });

  it('answers .env when no format is given, in key order', async () => {
    const pulled = expectOk(await api('GET', `${env}/sync/pull`));
    expect(pulled.format).toBe('env');
    expect(pulled.content).toBe(serializeDocument('env', Object.fromEntries(Object.entries(STORED).sort(([a], [b]) => (a < b ? -1 : 1)))));
  });

  it('pulls what a push of the pulled document leaves unchanged', async () => {
    for (const format of FORMATS) {
      const { content } = expectOk(await api('GET', `${env}/sync/pull?format=${format}`));
      expect(expectOk(await push(env, { format, content }))).toMatchObject({ created: [], updated: [], errors: [] });
    }
  });

  it('answers 404 for an environment that does not exist', async () => {
    expectError(await api('GET', `${scopePath('acme', 'api', 'nowhere')}/sync/pull`), 404);
  });
});

describe('diff', () => {
  it('tells which keys the file adds, changes, removes and keeps, and never a value', async () => {
    const env = await freshEnv();
    const server = { SAME: 'same-value-5e1', CHANGED: 'server-value-a07', ONLY_SERVER: 'server-only-value-c3d', LD_PRELOAD: '/tmp/server-preload.so' };
    expectOk(await push(env, { format: 'json', content: JSON.stringify(server) }));
    const local = { SAME: 'same-value-5e1', CHANGED: 'local-value-9b4', ONLY_FILE: 'file-only-value-f2e', LD_PRELOAD: '/tmp/local-preload.so' };
    const response = await api('POST', `${env}/sync/diff`, { body: { format: 'yaml', content: serializeDocument('yaml', local) } });
    expect(expectOk(response)).toEqual({
      added: ['ONLY_FILE'],
      changed: ['CHANGED'],
      removed: ['ONLY_SERVER'],
      unchanged: ['SAME'],
      withheld: ['LD_PRELOAD'],
      invalid: [],
    });
    const text = JSON.stringify(response.body);
    for (const value of [...Object.values(server), ...Object.values(local)]) expect(text).not.toContain(value);
  });

  it('writes nothing', async () => {
    const env = await freshEnv();
    const before = await tableCounts(platform.database.url);
    expect(expectOk(await api('POST', `${env}/sync/diff`, { body: { format: 'env', content: 'NEW=1\n' } })).added).toEqual(['NEW']);
    expect(await tableCounts(platform.database.url)).toEqual(before);
  });
});

describe('bad input', () => {
  let env: string;
  beforeAll(async () => {
    env = await freshEnv();
  });

  it.each([
    ['an unknown field', { format: 'env', content: '', force: true }, 'force'],
    ['an unknown format', { format: 'toml', content: '' }, 'format'],
    ['no content', { format: 'env' }, 'content'],
    ['content that is not a string', { format: 'env', content: { A: '1' } }, 'content'],
    ['a dryRun that is not a boolean', { format: 'env', content: '', dryRun: 'yes' }, 'dryRun'],
    ['content with a lone surrogate', { format: 'env', content: 'A=\ud800' }, 'content'],
    ['both content and entries', { format: 'env', content: 'A=1\n', entries: [{ key: 'A', value: '1' }] }, 'content'],
    ['a format with entries', { format: 'env', entries: [{ key: 'A', value: '1' }] }, 'format'],
    ['no entries', { entries: [] }, 'entries'],
    ['entries that are not a list', { entries: { A: '1' } }, 'entries'],
    ['an entry with an unknown type', { entries: [{ key: 'A', value: '1', type: 'float' }] }, 'entries.0.type'],
    ['an entry with an unknown field', { entries: [{ key: 'A', value: '1', expectedVersion: 1 }] }, 'expectedVersion'],
    ['an entry without a value', { entries: [{ key: 'A' }] }, 'entries.0.value'],
    ['an entry with a description too long', { entries: [{ key: 'A', value: '1', description: 'd'.repeat(1001) }] }, 'entries.0.description'],
    ['an entry key too long', { entries: [{ key: 'K'.repeat(256), value: '1' }] }, 'entries.0.key'],
    ['more than 1000 entries', { entries: Array.from({ length: 1001 }, (_, i) => ({ key: `K${i}`, value: '1' })) }, 'entries'],
    ['an expectedPlan with an unknown field', { format: 'env', content: '', expectedPlan: { created: [], updated: [], unchanged: [], errors: [] } }, 'errors'],
    ['an expectedPlan without a list', { format: 'env', content: '', expectedPlan: { created: [], updated: [] } }, 'expectedPlan.unchanged'],
    [
      'an expectedPlan with an invalid key',
      { format: 'env', content: '', expectedPlan: { created: ['bad-key'], updated: [], unchanged: [] } },
      'expectedPlan.created.0',
    ],
    [
      'an expectedPlan with over 1000 keys',
      { format: 'env', content: '', expectedPlan: { created: Array.from({ length: 1001 }, (_, i) => `K${i}`), updated: [], unchanged: [] } },
      'expectedPlan.created',
    ],
  ])('answers 400 to a push with %s, naming the field, and writes nothing', async (_what, body, field) => {
    const before = await tableCounts(platform.database.url);
    expectError(await push(env, body), 400, field);
    expect(await tableCounts(platform.database.url)).toEqual(before);
  });

  it.each([
    ['env', 'A=1\nSECRET_B="unclosed-secret-value\n', /line 2: expected a closing quote/],
    ['env', 'A=1\nJUST_A_SECRET_WORD\n', /line 2: expected '=' after the key/],
    ['dotenv', 'A=1\nPASSWORD=pa#ss-secret-value\n', /line 2: expected a blank before '#'/],
    ['json', '{"A": "unterminated-secret-value', /line 1: expected valid JSON/],
    ['json', '["list-secret-value"]', /line 1: expected a mapping/],
    ['yaml', 'A: 1\nNESTED_SECRET:\n  inner: nested-secret-value\n', /line 3: expected a string, number or boolean/],
    ['yaml', 'A: nested-secret-value\n\tB: 2\n', /line 2: expected valid YAML/],
  ] as const)('answers 400 naming content and the line of the mistake in a malformed %s document, never its content', async (format, content, message) => {
    for (const path of ['push', 'diff']) {
      const response = await api('POST', `${env}/sync/${path}`, { body: { format, content } });
      expectError(response, 400, 'content');
      expect(response.body.message).toMatch(message);
      expect(JSON.stringify(response.body)).not.toMatch(/secret/i);
    }
  });

  it('answers 400 to a pull in an unknown format or with an unknown parameter, and to a diff with a push field', async () => {
    expectError(await api('GET', `${env}/sync/pull?format=xml`), 400, 'format');
    expectError(await api('GET', `${env}/sync/pull?format=env&reveal=true`), 400, 'reveal');
    expectError(await api('POST', `${env}/sync/diff`, { body: { format: 'env', content: '', dryRun: true } }), 400, 'dryRun');
    expectError(await api('POST', `${env}/sync/push?dryRun=true`, { body: { format: 'env', content: '' } }), 400, 'dryRun');
  });
});

describe('permissions', () => {
  const issue = async (permissions: string[]): Promise<Api> =>
    apiClient(platform.baseUrl, expectOk(await api('POST', '/orgs/acme/tokens', { body: { name: permissions.join('+'), permissions } }), 201).token);

  it('needs create and update, read and reveal to push, and writes nothing without them', async () => {
    const env = await freshEnv();
    const withoutWrite = await issue(['read', 'reveal', 'export']);
    const withoutReveal = await issue(['read', 'create', 'update']);
    const withoutRead = await issue(['create', 'update', 'reveal']);
    const before = await tableCounts(platform.database.url);
    for (const [client, missing] of [
      [withoutWrite, 'create', 'update'],
      [withoutReveal, 'reveal'],
      [withoutRead, 'read'],
    ] as const) {
      const denied = await push(env, { format: 'env', content: 'DENIED=value\n' }, { client });
      expectError(denied, 403);
      expect(denied.body.message).toContain(missing);
    }
    expect(await tableCounts(platform.database.url)).toEqual(before);
    expectOk(await push(env, { format: 'env', content: 'ALLOWED=value\n' }, { client: await issue(['read', 'create', 'update', 'reveal']) }));
  });

  it('needs reveal and export to pull or diff, like inject', async () => {
    const env = await freshEnv();
    const writer = await issue(['read', 'create', 'update', 'reveal']);
    expectError(await writer('GET', `${env}/sync/pull`), 403);
    expectError(await writer('POST', `${env}/sync/diff`, { body: { format: 'env', content: '' } }), 403);
    const exporter = await issue(['reveal', 'export']);
    expectOk(await exporter('GET', `${env}/sync/pull`));
    expectOk(await exporter('POST', `${env}/sync/diff`, { body: { format: 'env', content: '' } }));
  });
});

describe('audit', () => {
  it('records push, pull and the document comparison on the environment, with their outcome', async () => {
    const env = await freshEnv();
    const resource = env.slice(1);
    const readOnly = apiClient(
      platform.baseUrl,
      expectOk(await api('POST', '/orgs/acme/tokens', { body: { name: 'audit-read-only', permissions: ['read'] } }), 201).token,
    );
    const calls: [string, string, () => Promise<ApiResponse>][] = [
      ['secret.push', 'success', () => pushEnv(env, 'AUDITED=audit-value-1\n')],
      ['secret.push', 'failure', () => pushEnv(env, 'bad-key=audit-value-2\n')],
      ['secret.push', 'denied', () => push(env, { format: 'env', content: 'X=1\n' }, { client: readOnly })],
      [
        'secret.push',
        'failure',
        () => push(env, { format: 'env', content: 'AUDITED=audit-value-3\n', expectedPlan: { created: ['AUDITED'], updated: [], unchanged: [] } }),
      ],
      ['secret.pull', 'success', () => api('GET', `${env}/sync/pull?format=json`)],
      // Comparing a document is not secret.diff, which compares two versions of one secret.
      ['secret.compare', 'success', () => api('POST', `${env}/sync/diff`, { body: { format: 'env', content: 'AUDITED=x\n' } })],
    ];
    const requestIds: string[] = [];
    for (const [, , call] of calls) requestIds.push((await call()).headers.get('x-request-id')!);
    const trail = await waitForAudit(api, 'acme', requestIds);
    calls.forEach(([action, outcome], i) => {
      const record = trail.find((event) => event.requestId === requestIds[i]);
      expect(record, action).toMatchObject({ action, outcome, resource });
    });
    expect(JSON.stringify(trail)).not.toMatch(/audit-value/);
  });
});

describe('values at rest', () => {
  it('leaves no pushed, pulled or compared value in a log line, in Redis or in an idempotency record', async () => {
    const env = await freshEnv();
    const CANARY = canary();
    expectOk(await api('POST', `${env}/secrets/COUNT`, { body: { value: '1', type: 'integer' } }), 201);
    const headers = { 'Idempotency-Key': `canary-${randomBytes(4).toString('hex')}` };
    expectOk(await push(env, { format: 'env', content: `CANARY_VALUE=${CANARY}\n` }, { headers }));
    expectOk(await push(env, { format: 'env', content: `CANARY_VALUE=${CANARY}\n` }, { headers }));
    expectError(await pushEnv(env, `COUNT=${CANARY}\n`), 400);
    expectError(await pushEnv(env, `BROKEN="${CANARY}\n`), 400);
    expect(expectOk(await api('GET', `${env}/sync/pull`)).content).toContain(CANARY);
    expectOk(await api('POST', `${env}/sync/diff`, { body: { format: 'env', content: `CANARY_VALUE=${CANARY}-changed\n` } }));

    expect(leaksIn(platform.logs(), [CANARY])).toEqual([]);
    const redis = await redisDump(platform.kvPrefix);
    expect(leaksIn([...redis].map(([key, value]) => `${key}\n${value}`).join('\n'), [CANARY])).toEqual([]);
    // The push's Idempotency-Key left its record in the database, with the reply it was answered and no value.
    const records = await sql(platform.database.url, `select * from idempotency_records where key = $1`, [headers['Idempotency-Key']]);
    expect(records).toHaveLength(1);
    expect(records[0]!.reply).toMatchObject({ written: [{ key: 'CANARY_VALUE', version: 1 }] });
    expect(leaksIn(JSON.stringify(records), [CANARY])).toEqual([]);
  });
});
