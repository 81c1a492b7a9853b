import { describe, expect, it } from 'vitest';
import type { DocumentEntry } from '@coffer/formats';
import { compareWithServer } from './document-diff.js';

const entries = (record: Record<string, string>): DocumentEntry[] => Object.entries(record).map(([key, value], i) => ({ key, value, line: i + 1 }));

describe('compareWithServer', () => {
  it('sorts every key into exactly one list, each in key order', () => {
    const document = entries({ SAME: 's', EDITED: 'new', ONLY_HERE: 'h', LD_PRELOAD: '/x.so', BETA: 'b', ALPHA: 'a' });
    const server = { values: { SAME: 's', EDITED: 'old', ONLY_THERE: 't', BETA: 'b', ALPHA: 'a' }, removed: ['PATH', 'LD_PRELOAD'] };
    expect(compareWithServer(document, server)).toEqual({
      added: ['ONLY_HERE'],
      changed: ['EDITED'],
      removed: ['ONLY_THERE'],
      unchanged: ['ALPHA', 'BETA', 'SAME'],
      withheld: ['LD_PRELOAD', 'PATH'],
      invalid: [],
    });
  });

  it('tells an empty value from a missing one', () => {
    expect(compareWithServer(entries({ EMPTY: '' }), { values: {}, removed: [] }).added).toEqual(['EMPTY']);
    expect(compareWithServer(entries({ EMPTY: '' }), { values: { EMPTY: ' ' }, removed: [] }).changed).toEqual(['EMPTY']);
  });

  it('compares keys that collide with Object.prototype as ordinary keys', () => {
    const document = entries({ constructor: 'c', toString: 't' });
    expect(compareWithServer(document, { values: {}, removed: [] }).added).toEqual(['constructor', 'toString']);
    expect(compareWithServer([], { values: { constructor: 'c', toString: 't' }, removed: [] }).removed).toEqual(['constructor', 'toString']);
  });

  it('lists a key that could never be a secret by its line, and nowhere else', () => {
    const document: DocumentEntry[] = [
      { key: 'GOOD', value: 'g', line: 1 },
      { key: 'pasted-secret-value', value: 'x', line: 3 },
      { key: '__proto__', value: 'p', line: 4 },
      { key: '\u001b[31mRED', value: 'r', line: 7 },
    ];
    const diff = compareWithServer(document, { values: { GOOD: 'g' }, removed: [] });
    expect(diff).toEqual({
      added: [],
      changed: [],
      removed: [],
      unchanged: ['GOOD'],
      withheld: [],
      invalid: [3, 4, 7].map((line) => ({ line, message: expect.stringMatching(/^key: must start with a letter/) })),
    });
    expect(JSON.stringify(diff)).not.toMatch(/pasted|RED|\\u001b/);
  });
});
