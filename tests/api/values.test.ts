/**
 * A value is stored only if it can come back exactly as written and be what it is for, an
 * environment variable: at most one size (in bytes of UTF-8, the one limit and the one message at
 * every edge), and no NUL. Every refusal writes nothing and never quotes the value.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_VALUE_BYTES, VALUE_TOO_LARGE } from '@coffer/contract';
import { expectError, expectOk, scopePath, tableCounts } from '@coffer/test-kit/api-assertions';
import { seedOrg, usePlatform } from '@coffer/test-kit/fixtures';
import type { Api } from '@coffer/test-kit/platform';

const platform = usePlatform();
let api: Api;
const scope = scopePath('acme', 'api', 'development');

beforeAll(async () => {
  ({ api } = await seedOrg(platform, { org: 'acme', project: 'api' }));
});

/** `bytes` bytes of UTF-8 made of three-byte characters (and ASCII to make up the rest). */
const ofBytes = (bytes: number) => '€'.repeat(Math.floor(bytes / 3)) + 'x'.repeat(bytes % 3);

async function expectNothingWritten(run: () => Promise<void>): Promise<void> {
  const before = await tableCounts(platform.database.url);
  await run();
  expect(await tableCounts(platform.database.url)).toEqual(before);
}

describe('a value holding U+0000', () => {
  const value = 'hunter\u00002-secret';

  it('is refused by a single write, naming the field and never the value', async () => {
    await expectNothingWritten(async () => {
      const refused = await api('POST', `${scope}/secrets/NUL_SET`, { body: { value } });
      expectError(refused, 400, 'value');
      expect(refused.body.message).toMatch(/NUL/);
      expect(JSON.stringify(refused.body)).not.toContain('hunter');
    });
    expectError(await api('GET', `${scope}/secrets/NUL_SET`), 404);
  });

  it('is refused in a push of entries and of documents, by key, and nothing of the push is written', async () => {
    const pushes = [
      {
        entries: [
          { key: 'GOOD', value: 'fine' },
          { key: 'NUL_ENTRY', value },
        ],
        writeAll: true,
      },
      {
        entries: [
          { key: 'GOOD', value: 'fine' },
          { key: 'NUL_ENTRY', value },
        ],
      },
      { format: 'json', content: JSON.stringify({ GOOD: 'fine', NUL_ENTRY: value }) },
      { format: 'yaml', content: 'GOOD: fine\nNUL_ENTRY: "hunter\\x002-secret"\n' },
    ];
    for (const body of pushes) {
      await expectNothingWritten(async () => {
        const refused = await api('POST', `${scope}/sync/push`, { body });
        expectError(refused, 400);
        expect(refused.body.data.errors, JSON.stringify(body)).toEqual([expect.objectContaining({ key: 'NUL_ENTRY', message: expect.stringMatching(/NUL/) })]);
        expect(JSON.stringify(refused.body)).not.toContain('hunter');
      });
    }
  });
});

describe('the size of a value', () => {
  it(`is at most ${MAX_VALUE_BYTES} bytes of UTF-8, counted the same way and refused with the same message by a single write and a push`, async () => {
    expect(Buffer.byteLength(ofBytes(MAX_VALUE_BYTES))).toBe(MAX_VALUE_BYTES);
    expectOk(await api('POST', `${scope}/secrets/LARGEST`, { body: { value: ofBytes(MAX_VALUE_BYTES) } }), 201);
    expectOk(await api('POST', `${scope}/sync/push`, { body: { entries: [{ key: 'LARGEST_PUSHED', value: ofBytes(MAX_VALUE_BYTES) }] } }));
    expect(expectOk(await api('GET', `${scope}/secrets/LARGEST?reveal=true`)).value).toBe(ofBytes(MAX_VALUE_BYTES));

    // One byte more: fewer characters than the limit, more bytes.
    const tooLarge = ofBytes(MAX_VALUE_BYTES + 1);
    expect(tooLarge.length).toBeLessThan(MAX_VALUE_BYTES);
    await expectNothingWritten(async () => {
      const single = await api('POST', `${scope}/secrets/TOO_LARGE`, { body: { value: tooLarge } });
      expectError(single, 400, 'value');
      expect(single.body.message).toBe(`body field 'value': ${VALUE_TOO_LARGE}`);
      const pushed = await api('POST', `${scope}/sync/push`, { body: { entries: [{ key: 'TOO_LARGE', value: tooLarge }] } });
      expectError(pushed, 400);
      expect(pushed.body.data.errors).toEqual([expect.objectContaining({ key: 'TOO_LARGE', message: `value: ${VALUE_TOO_LARGE}` })]);
    });
  });

  it('of the largest value fits a single write whatever JSON makes of it (every character escaped as \\u00XX)', async () => {
    const value = '\u0001'.repeat(MAX_VALUE_BYTES);
    expect(JSON.stringify({ value }).length).toBeGreaterThan(6 * MAX_VALUE_BYTES);
    expectOk(await api('POST', `${scope}/secrets/ESCAPED`, { body: { value, description: '\u0002'.repeat(1000) } }), 201);
    expect(expectOk(await api('GET', `${scope}/secrets/ESCAPED?reveal=true`)).value).toBe(value);
  });
});
