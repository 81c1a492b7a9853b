import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CofferError } from '@coffer/contract';
import { dictionary } from '@zxcvbn-ts/language-common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHibpCheck } from './breached-passwords.js';
import { createPasswordPolicy, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, normalizePassword } from './password-policy.js';

const policy = createPasswordPolicy();
const STRONG = 'violet ferry lantern quarterly';

/** The refusal's message, after checking it is a field error that does not echo the password. */
async function refusal(password: string, context?: { email?: string }, against = policy): Promise<string> {
  const error = await against.check(password, context).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CofferError);
  const { code, message, details } = error as CofferError;
  expect(code).toBe('INVALID_ARGUMENT');
  expect(details).toEqual({ field: 'password' });
  if (password.length > 0) expect(message).not.toContain(password);
  expect(message).not.toContain(normalizePassword(password));
  return message;
}

describe('password policy', () => {
  it('accepts a long passphrase', async () => {
    await expect(policy.check(STRONG)).resolves.toBeUndefined();
    await expect(policy.check(STRONG, { email: 'dana.sloane@example.com' })).resolves.toBeUndefined();
  });

  it('counts characters as code points of the normalised password', async () => {
    expect(await refusal('elevenchars')).toBe('password: must be at least 12 characters');
    // 11 emoji are 22 UTF-16 units, still 11 characters.
    expect(await refusal('\u{1F511}'.repeat(MIN_PASSWORD_LENGTH - 1))).toBe('password: must be at least 12 characters');
    await expect(policy.check('\u{1F511}'.repeat(MIN_PASSWORD_LENGTH))).resolves.toBeUndefined();
    // 12 decomposed accents compose to 6 characters.
    expect(await refusal('e\u0301a\u0300'.repeat(3))).toBe('password: must be at least 12 characters');
  });

  it('refuses more than 256 characters, however long the input', async () => {
    const longest = STRONG.repeat(20).slice(0, MAX_PASSWORD_LENGTH);
    await expect(policy.check(longest)).resolves.toBeUndefined();
    expect(await refusal(`${longest}x`)).toBe('password: must be at most 256 characters');
    expect(await refusal(STRONG.repeat(10_000))).toBe('password: must be at most 256 characters');
  });

  it('refuses NUL and other control characters', async () => {
    for (const control of ['\u0000', '\t', '\n', '\u001b', '\u007f']) {
      expect(await refusal(`violet ferry${control}lantern`)).toBe('password: must not contain control characters');
    }
  });

  it('refuses the bundled common passwords of 12 characters or more, in any case or Unicode form', async () => {
    const common = dictionary['passwords-common'];
    for (const password of ['password1234', 'qwerty123456', '1qaz2wsx3edc', 'passwordpassword']) {
      expect(common).toContain(password);
      expect(await refusal(password)).toBe('password: is one of the most common passwords');
    }
    expect(await refusal('PassWord1234')).toBe('password: is one of the most common passwords');
    // Full-width letters and digits are NFKC-equal to 'password1234'.
    expect(await refusal('\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44\uff11\uff12\uff13\uff14')).toBe('password: is one of the most common passwords');
  });

  it("refuses a password containing the email's local part of 4 characters or more", async () => {
    const email = 'Dana.Sloane@example.com';
    expect(await refusal('dana.sloane!!', { email })).toBe('password: must not contain your email address');
    expect(await refusal('my name is DANA.SLOANE', { email })).toBe('password: must not contain your email address');
    expect(await refusal('violet ferry alex lantern', { email: 'alex@example.com' })).toBe('password: must not contain your email address');
    await expect(policy.check('violet ferry bob lantern', { email: 'bob@example.com' })).resolves.toBeUndefined();
    await expect(policy.check('violet ferry lantern', { email })).resolves.toBeUndefined();
  });
});

describe('password policy with Have I Been Pwned', () => {
  const BREACHED = 'correct horse battery staple';
  const sha1 = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex').toUpperCase();
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(request.url ?? '');
    const lines = [`${sha1('some other password').slice(5)}:7`, `${sha1(STRONG).slice(5)}:0`];
    if (request.url === `/range/${sha1(BREACHED).slice(0, 5)}`) lines.push(`${sha1(BREACHED).slice(5)}:3861493`);
    response.writeHead(200, { 'Content-Type': 'text/plain' }).end(lines.join('\r\n'));
  });
  let hibp = policy;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hibp = createPasswordPolicy({ breached: createHibpCheck({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, timeoutMs: 2000 }) });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses a breached password and accepts one the service has not seen', async () => {
    expect(await refusal(BREACHED, undefined, hibp)).toBe('password: appears in a known data breach (Have I Been Pwned); choose another');
    await expect(hibp.check(STRONG)).resolves.toBeUndefined();
    expect(seen).toEqual([`/range/${sha1(BREACHED).slice(0, 5)}`, `/range/${sha1(STRONG).slice(0, 5)}`]);
  });

  it('asks the service only after the local rules passed', async () => {
    seen.length = 0;
    expect(await refusal('password1234', undefined, hibp)).toBe('password: is one of the most common passwords');
    expect(await refusal('short', undefined, hibp)).toBe('password: must be at least 12 characters');
    expect(seen).toEqual([]);
  });
});
