import { describe, expect, it } from 'vitest';
import { CofferError } from '@coffer/contract';
import { MAX_BODY_DEPTH, parseJsonBody } from './request-body.js';

function refusal(bytes: Buffer | string): CofferError {
  try {
    parseJsonBody(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8'));
  } catch (err) {
    expect(err).toBeInstanceOf(CofferError);
    expect((err as CofferError).code).toBe('INVALID_ARGUMENT');
    return err as CofferError;
  }
  throw new Error('expected the body to be refused');
}

/** `prefix`, the raw bytes, `suffix`: a JSON text with bytes that are not UTF-8 where the test puts them. */
const withBytes = (prefix: string, bytes: number[], suffix: string) => Buffer.concat([Buffer.from(prefix), Buffer.from(bytes), Buffer.from(suffix)]);

describe('parseJsonBody', () => {
  it('reads an object as JSON.parse does, a member named __proto__ as an own property', () => {
    expect(parseJsonBody(Buffer.from('{"value":"x\\u00e9","n":[1,{"a":null}]}'))).toEqual({ value: 'xé', n: [1, { a: null }] });
    const body = parseJsonBody(Buffer.from('{"__proto__":{"admin":true}}'));
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.keys(body)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('ignores a leading byte order mark and keeps U+FEFF anywhere else; an empty body is an empty object', () => {
    expect(parseJsonBody(Buffer.from('\ufeff{"value":"\ufeffx"}'))).toEqual({ value: '\ufeffx' });
    expect(parseJsonBody(Buffer.alloc(0))).toEqual({});
    expect(parseJsonBody(Buffer.from('\ufeff'))).toEqual({});
  });

  it('refuses bytes that are not UTF-8, naming the field that held them and never quoting it', () => {
    const cases: [Buffer, string][] = [
      [withBytes('{"value":"sk_live_', [0xff], '"}'), 'value'],
      [withBytes('{"value":"ok","description":"caf', [0xe9], '"}'), 'description'],
      // Overlong '/', a UTF-16 surrogate, a code point past U+10FFFF, a sequence cut short.
      [withBytes('{"value":"', [0xc0, 0xaf], '"}'), 'value'],
      [withBytes('{"value":"', [0xed, 0xa0, 0x80], '"}'), 'value'],
      [withBytes('{"value":"', [0xf4, 0x90, 0x80, 0x80], '"}'), 'value'],
      [withBytes('{"value":"', [0xe2, 0x82], '"}'), 'value'],
      [withBytes('{"entries":[{"key":"A","value":"1"},{"key":"B","value":"', [0xfe], '"}]}'), 'entries.1.value'],
      [withBytes('{"format":"env","content":"A=1\\nB=', [0x80], '\\n"}'), 'content'],
    ];
    for (const [bytes, field] of cases) {
      const caught = refusal(bytes);
      expect(caught.message).toBe(`body field '${field}': must be valid UTF-8`);
      expect(caught.details).toEqual({ field });
      expect(caught.message).not.toContain('sk_live');
    }
  });

  it('refuses bytes that are not UTF-8 in a member name or between members without naming anything', () => {
    const inName = refusal(withBytes('{"val', [0xff], 'ue":"x"}'));
    expect(inName.message).toBe("body field '?': must be valid UTF-8");
    const outside = refusal(withBytes('{"value":"x"', [0xff], '}'));
    expect(outside.message).toBe('request body must be valid UTF-8');
    expect(outside.details).toBeUndefined();
  });

  it('refuses a member name given twice, however it is spelled and however deep, naming it', () => {
    const cases: [string, string][] = [
      ['{"slug":"a","slug":"b"}', 'slug'],
      ['{"slug":"a","\\u0073lug":"b"}', 'slug'],
      ['{"value":"x","value":"x"}', 'value'],
      ['{"entries":[{"key":"A","value":"1"},{"key":"B","key":"C","value":"2"}]}', 'entries.1.key'],
      ['{"expectedPlan":{"created":[],"created":["A"]}}', 'expectedPlan.created'],
    ];
    for (const [text, field] of cases) {
      const caught = refusal(text);
      expect(caught.message).toBe(`body field '${field}': must be given only once`);
      expect(caught.details).toEqual({ field });
    }
    expect(refusal('{"\\u001b[31m":"a","\\u001b[31m":"b"}').message).toBe("body field '?': must be given only once");
  });

  it(`refuses nesting deeper than ${MAX_BODY_DEPTH} levels`, () => {
    const nested = (depth: number) => `{"a":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    expect(parseJsonBody(Buffer.from(nested(MAX_BODY_DEPTH)))).toHaveProperty('a');
    expect(refusal(nested(MAX_BODY_DEPTH + 1)).message).toBe(`request body is nested more than ${MAX_BODY_DEPTH} levels deep`);
    expect(refusal('['.repeat(100_000)).message).toMatch(/nested/);
  });

  it('refuses what is not JSON, or not an object, naming the line and never quoting it', () => {
    const broken = refusal('{\n"value": "hunter2\n"}');
    expect(broken.message).toBe('request body is not valid JSON (line 2)');
    expect(refusal('{"value":"x",}').message).toMatch(/not valid JSON/);
    expect(refusal('   ').message).toMatch(/not valid JSON/);
    for (const text of ['null', '"hunter2"', '42', 'true', '[]', '[{"value":"x"}]']) {
      expect(refusal(text).message).toBe('request body must be a JSON object');
    }
  });
});
