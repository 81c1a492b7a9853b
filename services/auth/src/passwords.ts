import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify, type Algorithm, type Options, type Version } from '@node-rs/argon2';
import { normalizePassword } from './password-policy.js';

/** Argon2 costs: memory in KiB, iterations, lanes. */
export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/**
 * OWASP Password Storage Cheat Sheet, argon2id: "m=19456 (19 MiB), t=2, p=1", the second of its five
 * equivalent configurations (the first, m=47104 t=1, trades more memory per login for one pass).
 * About 40 ms per hash on one core of this project's machines.
 */
export const OWASP_ARGON2ID: Readonly<Argon2Params> = Object.freeze({ memoryCost: 19456, timeCost: 2, parallelism: 1 });

// The package declares these as ambient const enums, which `isolatedModules` cannot read, and
// exports no runtime value for them: the numbers are its documented enum values.
const ARGON2ID = 2 as Algorithm;
const VERSION_0X13 = 1 as Version;
const OUTPUT_LENGTH = 32;

export interface PasswordHasher {
  /** A PHC string (`$argon2id$v=19$m=...,t=...,p=...$salt$hash`) with a fresh 16-byte random salt. */
  hash(password: string): Promise<string>;
  /**
   * False for a wrong password AND for `stored === undefined` (unknown account), taking the same time:
   * it verifies against a dummy hash made once with the same params. A malformed stored hash is false too.
   */
  verify(stored: string | undefined, password: string): Promise<boolean>;
  /** Whether a stored hash was made with weaker params than the current ones (rehash on next login). */
  needsRehash(stored: string): boolean;
}

function assertParams(params: Argon2Params): void {
  const valid =
    Number.isInteger(params.memoryCost) &&
    Number.isInteger(params.timeCost) &&
    Number.isInteger(params.parallelism) &&
    params.parallelism >= 1 &&
    params.parallelism <= 255 &&
    params.timeCost >= 1 &&
    // Argon2 needs at least 8 KiB per lane.
    params.memoryCost >= 8 * params.parallelism &&
    params.memoryCost < 2 ** 32;
  if (!valid) throw new RangeError('argon2 params: expected integers with memoryCost >= 8 * parallelism, timeCost >= 1, parallelism 1..255');
}

/**
 * Hashes and verifies passwords with argon2id. Both apply `normalizePassword` (NFKC) themselves, so a
 * password typed in another Unicode form on another device still matches, and it is the very string
 * the password policy judged.
 */
export function createPasswordHasher(params: Argon2Params = OWASP_ARGON2ID): PasswordHasher {
  assertParams(params);
  const options: Options = {
    algorithm: ARGON2ID,
    version: VERSION_0X13,
    memoryCost: params.memoryCost,
    timeCost: params.timeCost,
    parallelism: params.parallelism,
    outputLen: OUTPUT_LENGTH,
  };
  // Made once, now, so that even the first unknown account costs one verification like a known one.
  // Its failure (only with params argon2 refuses, which break `hash` too) surfaces in `verify`.
  const dummy = hash(randomBytes(32).toString('base64url'), options);
  dummy.catch(() => undefined);

  return {
    hash: (password) => hash(normalizePassword(password), options),

    async verify(stored, password) {
      const normalized = normalizePassword(password);
      if (stored === undefined) {
        await verify(await dummy, normalized);
        return false;
      }
      try {
        return await verify(stored, normalized);
      } catch {
        // A stored hash that does not decode: refuse, and say nothing about why to the caller.
        return false;
      }
    },

    needsRehash(stored) {
      let found;
      try {
        found = parseOptions(stored);
      } catch {
        return true;
      }
      return (
        found.algorithm !== ARGON2ID ||
        found.version !== VERSION_0X13 ||
        found.memoryCost < params.memoryCost ||
        found.timeCost < params.timeCost ||
        found.parallelism < params.parallelism ||
        found.outputLen < OUTPUT_LENGTH
      );
    },
  };
}
