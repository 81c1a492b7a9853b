import { createHash, randomBytes } from 'node:crypto';
import { CofferError } from '@coffer/contract';

export const RECOVERY_CODE_COUNT = 10;
const CODE_LENGTH = 10;
const GROUP_LENGTH = 5;
const MAX_COUNT = 100;

/**
 * Crockford's base32 alphabet, lowercased: 32 symbols (so 5 bits each and no modulo bias) without
 * i, l, o or u. Removing 0 and 1 as well would leave 31 symbols; instead the letters a reader could
 * take them for are mapped back on input, so whichever one a user types the code still matches.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const LOOK_ALIKES: Readonly<Record<string, string>> = { o: '0', i: '1', l: '1' };
const NORMALIZED_PATTERN = new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`);
// Whitespace, and the hyphen-minus plus the dashes and minus that phone keyboards substitute for it.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]/g;

function generateCode(): string {
  // 256 is a multiple of 32, so the low 5 bits of each CSPRNG byte are uniform.
  const chars = Array.from(randomBytes(CODE_LENGTH), (byte) => ALPHABET[byte & 31]).join('');
  return `${chars.slice(0, GROUP_LENGTH)}-${chars.slice(GROUP_LENGTH)}`;
}

/** Ten codes like 'k7m2p-x9q4t': 10 symbols of a 32-letter alphabet, 50 bits each, from the CSPRNG, all distinct. Shown once. */
export function generateRecoveryCodes(count: number = RECOVERY_CODE_COUNT): string[] {
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_COUNT) {
    throw new CofferError('INVALID_ARGUMENT', `count must be an integer from 1 to ${MAX_COUNT}`);
  }
  const codes = new Set<string>();
  while (codes.size < count) codes.add(generateCode());
  return [...codes];
}

/**
 * What a user typed, in its stored form: lowercased, spaces and dashes removed, o read as 0 and i
 * or l as 1; null if it cannot be a code (wrong length or letters).
 */
export function normalizeRecoveryCode(input: string): string | null {
  const compact = input.toLowerCase().replace(SEPARATORS, '');
  if (compact.length !== CODE_LENGTH) return null;
  const normalized = compact.replace(/[oil]/g, (char) => LOOK_ALIKES[char] ?? char);
  return NORMALIZED_PATTERN.test(normalized) ? normalized : null;
}

/**
 * The stored form: SHA-256 hex of the normalised code. 50 bits of CSPRNG entropy make a slow hash
 * unnecessary, and lookups are by this digest, so no code is compared byte by byte. Refuses a code
 * that is not normalised, since its digest would silently never match what the user types.
 */
export function hashRecoveryCode(normalized: string): string {
  if (!NORMALIZED_PATTERN.test(normalized)) throw new CofferError('INTERNAL', 'recovery code must be normalised before hashing');
  return createHash('sha256').update(normalized, 'utf8').digest('hex');
}
