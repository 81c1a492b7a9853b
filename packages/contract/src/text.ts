import { isUtf8 } from 'node:buffer';

/**
 * What text must be to be kept exactly as it was written, at every edge: the gateway's request
 * bodies and queries, the services' requests, the CLI's arguments, files and stdin.
 */

/** An environment variable cannot hold U+0000, and PostgreSQL text cannot store it. */
export const NUL_RULE = 'must not contain the NUL character (U+0000)';
/** A lone UTF-16 surrogate has no UTF-8 form: it would come back as U+FFFD, not as what was written. */
export const WELL_FORMED_RULE = 'must be well-formed Unicode (no lone surrogates)';
/** Bytes that are not UTF-8 would be stored as U+FFFD replacement characters, not as what was sent. */
export const UTF8_RULE = 'must be valid UTF-8';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasNul(text: string): boolean {
  return text.includes('\u0000');
}

export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Why text cannot be kept exactly (a NUL, a lone surrogate), or null. Never quotes the text. */
export function textProblem(text: string): string | null {
  if (hasNul(text)) return NUL_RULE;
  if (!isWellFormed(text)) return WELL_FORMED_RULE;
  return null;
}

export { isUtf8 };

/**
 * The offset of the first byte that does not belong to a valid UTF-8 sequence (overlong forms,
 * surrogates and code points past U+10FFFF included, as a strict decoder refuses them), or -1.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    // The second byte's range rules out overlong forms, surrogates and code points past U+10FFFF.
    const second = bytes[i + 1];
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    if (length > 1 && (second! < low || second! > high)) return i;
    for (let k = 2; k < length; k++) if (bytes[i + k]! < 0x80 || bytes[i + k]! > 0xbf) return i;
    i += length;
  }
  return -1;
}

/** The 1-based line on which byte `offset` of `bytes` lies. */
export function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
