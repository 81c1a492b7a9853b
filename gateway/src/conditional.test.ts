import { describe, expect, it } from 'vitest';
import { MAX_IF_NONE_MATCH } from '@coffer/contract';
import { conditionalAnswer, ifNoneMatchOf } from './conditional.js';

const TAG = '"Yk3JtCq0m1V2yXo8jQx5b4dE6fGhI7kLmNoPqRsTuVw"';

describe('ifNoneMatchOf', () => {
  it('takes one entity-tag, strong or weak, and a list of them in order', () => {
    expect(ifNoneMatchOf(TAG)).toEqual([TAG]);
    expect(ifNoneMatchOf(`W/${TAG}`)).toEqual([`W/${TAG}`]);
    expect(ifNoneMatchOf(`"a", W/"b",${TAG}`)).toEqual(['"a"', 'W/"b"', TAG]);
    expect(ifNoneMatchOf(` \t"a" \t,\t"b" `)).toEqual(['"a"', '"b"']);
    expect(ifNoneMatchOf('""')).toEqual(['""']);
  });

  it('accepts the empty list elements RFC 9110 5.6.1 allows', () => {
    expect(ifNoneMatchOf(`,"a",, ,"b",`)).toEqual(['"a"', '"b"']);
    expect(ifNoneMatchOf(',')).toEqual([]);
  });

  it('takes * alone as "any current answer"', () => {
    expect(ifNoneMatchOf('*')).toEqual(['*']);
    expect(ifNoneMatchOf(' * ')).toEqual(['*']);
  });

  it('ignores a field that is absent, empty or not valid: as if not sent', () => {
    for (const field of [
      undefined,
      '',
      '   ',
      'abc',
      '"a" "b"',
      '"a";"b"',
      '"unterminated',
      'w/"lowercase-weak"',
      'W/ "space"',
      '"a"b',
      '*, "a"',
      '"a", *',
      '**',
      '"quote"inside"',
      '"back\\slash"x',
      '"tab\tinside"',
    ]) {
      expect(ifNoneMatchOf(field), String(field)).toEqual([]);
    }
  });

  it('passes on only tags the Secret service could have made, and at most the first few', () => {
    expect(ifNoneMatchOf('"caf\xe9", "a"')).toEqual(['"a"']);
    expect(ifNoneMatchOf(`"${'x'.repeat(129)}", "${'y'.repeat(128)}"`)).toEqual([`"${'y'.repeat(128)}"`]);
    const many = Array.from({ length: MAX_IF_NONE_MATCH + 5 }, (_, i) => `"t${i}"`);
    expect(ifNoneMatchOf(many.join(', '))).toEqual(many.slice(0, MAX_IF_NONE_MATCH));
  });
});

describe('conditionalAnswer', () => {
  const full = () => ({ data: { values: { A: 'a' } } });

  it('answers 304 with the tag, audited as <action>.unchanged, without shaping the full answer', () => {
    let shaped = false;
    const answer = conditionalAnswer({ etag: TAG, notModified: true }, 'secret.inject', () => {
      shaped = true;
      return full();
    });
    expect(answer).toEqual({ data: null, etag: TAG, notModified: true, action: 'secret.inject.unchanged' });
    expect(shaped).toBe(false);
  });

  it('gives the full answer its tag, and a refusal none', () => {
    expect(conditionalAnswer({ etag: TAG, notModified: false }, 'secret.pull', full)).toEqual({ ...full(), etag: TAG });
    const refusal = { refusal: 'FAILED_PRECONDITION' as const, data: { keys: ['A'] }, message: 'no' };
    expect(conditionalAnswer({ etag: TAG, notModified: false }, 'secret.pull', () => refusal)).toEqual(refusal);
  });
});
