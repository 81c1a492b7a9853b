import { describe, expect, it } from 'vitest';
import { compareWithServer } from './document-diff.js';

describe('compareWithServer', () => {
  it('sorts every key into exactly one list, each in key order', () => {
    const document = { SAME: 's', EDITED: 'new', ONLY_HERE: 'h', LD_PRELOAD: '/x.so', BETA: 'b', ALPHA: 'a' };
    const server = { values: { SAME: 's', EDITED: 'old', ONLY_THERE: 't', BETA: 'b', ALPHA: 'a' }, removed: ['PATH', 'LD_PRELOAD'] };
    expect(compareWithServer(document, server)).toEqual({
      added: ['ONLY_HERE'],
      changed: ['EDITED'],
      removed: ['ONLY_THERE'],
      unchanged: ['ALPHA', 'BETA', 'SAME'],
      withheld: ['LD_PRELOAD', 'PATH'],
    });
  });

  it('tells an empty value from a missing one', () => {
    expect(compareWithServer({ EMPTY: '' }, { values: {}, removed: [] }).added).toEqual(['EMPTY']);
    expect(compareWithServer({ EMPTY: '' }, { values: { EMPTY: ' ' }, removed: [] }).changed).toEqual(['EMPTY']);
  });

  it('compares keys that collide with Object.prototype as ordinary keys', () => {
    const document = Object.fromEntries([
      ['constructor', 'c'],
      ['__proto__', 'p'],
    ]) as Record<string, string>;
    expect(compareWithServer(document, { values: {}, removed: [] }).added).toEqual(['__proto__', 'constructor']);
    expect(compareWithServer({}, { values: document, removed: [] }).removed).toEqual(['__proto__', 'constructor']);
  });
});
