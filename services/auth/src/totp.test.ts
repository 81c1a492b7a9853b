import { CofferError } from '@coffer/contract';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { newTotpSecret, otpauthUri, qrCodeDataUrl, TOTP_PERIOD_SECONDS, verifyTotp } from './totp.js';

// RFC 6238's SHA-1 test key ("12345678901234567890") in base32, and an unrelated key.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const OTHER_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const NOW = 1_700_000_012_345; // ms, inside step 56666667
const STEP = Math.floor(NOW / 1000 / TOTP_PERIOD_SECONDS);

function codeAt(secret: string, step: number): Promise<string> {
  return generate({ secret, epoch: step * TOTP_PERIOD_SECONDS });
}

describe('newTotpSecret', () => {
  it('makes 20-byte base32 secrets that differ each time', () => {
    const secrets = new Set(Array.from({ length: 50 }, newTotpSecret));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  });
});

describe('verifyTotp', () => {
  it('accepts the RFC 6238 SHA-1 test vectors, truncated to 6 digits, and returns their time step', async () => {
    expect(await verifyTotp({ secret: RFC_SECRET, code: '287082', now: 59_000 })).toBe(1);
    expect(await verifyTotp({ secret: RFC_SECRET, code: '081804', now: 1_111_111_109_000 })).toBe(37_037_036);
    expect(await verifyTotp({ secret: RFC_SECRET, code: '005924', now: 1_234_567_890_000 })).toBe(41_152_263);
    expect(await verifyTotp({ secret: RFC_SECRET, code: '279037', now: 2_000_000_000_000 })).toBe(66_666_666);
  });

  it('accepts the current code of a fresh secret', async () => {
    const secret = newTotpSecret();
    const now = Date.now();
    const code = await generate({ secret, epoch: Math.floor(now / 1000) });
    expect(await verifyTotp({ secret, code, now })).toBe(Math.floor(now / 1000 / TOTP_PERIOD_SECONDS));
  });

  it('tolerates one step of clock drift either way, not two', async () => {
    expect(await verifyTotp({ secret: RFC_SECRET, code: await codeAt(RFC_SECRET, STEP), now: NOW })).toBe(STEP);
    expect(await verifyTotp({ secret: RFC_SECRET, code: await codeAt(RFC_SECRET, STEP - 1), now: NOW })).toBe(STEP - 1);
    expect(await verifyTotp({ secret: RFC_SECRET, code: await codeAt(RFC_SECRET, STEP + 1), now: NOW })).toBe(STEP + 1);
    expect(await verifyTotp({ secret: RFC_SECRET, code: await codeAt(RFC_SECRET, STEP - 2), now: NOW })).toBeNull();
    expect(await verifyTotp({ secret: RFC_SECRET, code: await codeAt(RFC_SECRET, STEP + 2), now: NOW })).toBeNull();
  });

  it('refuses a code replayed within its window', async () => {
    const code = await codeAt(RFC_SECRET, STEP);
    const step = await verifyTotp({ secret: RFC_SECRET, code, now: NOW });
    expect(step).toBe(STEP);
    expect(await verifyTotp({ secret: RFC_SECRET, code, lastUsedStep: step, now: NOW })).toBeNull();
    expect(await verifyTotp({ secret: RFC_SECRET, code, lastUsedStep: step, now: NOW + 20_000 })).toBeNull();
  });

  it('refuses an older code once a newer one was used, but accepts a newer one after an older', async () => {
    const older = await codeAt(RFC_SECRET, STEP - 1);
    const newer = await codeAt(RFC_SECRET, STEP);
    expect(await verifyTotp({ secret: RFC_SECRET, code: older, lastUsedStep: STEP, now: NOW })).toBeNull();
    expect(await verifyTotp({ secret: RFC_SECRET, code: newer, lastUsedStep: STEP - 1, now: NOW })).toBe(STEP);
    expect(await verifyTotp({ secret: RFC_SECRET, code: newer, lastUsedStep: null, now: NOW })).toBe(STEP);
  });

  it('refuses, without throwing, when the last used step is ahead of our clock', async () => {
    const code = await codeAt(RFC_SECRET, STEP);
    expect(await verifyTotp({ secret: RFC_SECRET, code, lastUsedStep: STEP + 1, now: NOW })).toBeNull();
    expect(await verifyTotp({ secret: RFC_SECRET, code, lastUsedStep: STEP + 100, now: NOW })).toBeNull();
  });

  it('accepts a code typed with spaces around or inside it', async () => {
    const code = await codeAt(RFC_SECRET, STEP);
    expect(await verifyTotp({ secret: RFC_SECRET, code: ` ${code.slice(0, 3)} ${code.slice(3)}\n`, now: NOW })).toBe(STEP);
  });

  it('refuses malformed codes', async () => {
    for (const code of ['12345', '1234567', 'abcdef', '', '      ', '１２３４５６', '12345a', '-12345', '123.45']) {
      expect(await verifyTotp({ secret: RFC_SECRET, code, now: NOW }), code).toBeNull();
    }
  });

  it("refuses another secret's code", async () => {
    const code = await codeAt(OTHER_SECRET, STEP);
    expect(await verifyTotp({ secret: OTHER_SECRET, code, now: NOW })).toBe(STEP);
    expect(await verifyTotp({ secret: RFC_SECRET, code, now: NOW })).toBeNull();
  });

  it('throws on a malformed stored secret or last step, naming neither value', async () => {
    const error = await verifyTotp({ secret: 'not-a-secret', code: '123456', now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CofferError);
    expect((error as CofferError).message).not.toContain('not-a-secret');
    await expect(verifyTotp({ secret: RFC_SECRET, code: '123456', lastUsedStep: -1, now: NOW })).rejects.toThrow(/lastUsedStep/);
  });
});

describe('otpauthUri', () => {
  const secret = newTotpSecret();
  const account = 'ops:alice@example.com';

  it('carries issuer, encoded account, secret and the RFC 6238 defaults', () => {
    const uri = otpauthUri({ secret, account });
    expect(uri.startsWith('otpauth://totp/Coffer:ops%3Aalice%40example.com?')).toBe(true);
    const url = new URL(uri);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    const label = url.pathname.slice(1);
    const colon = label.indexOf(':');
    expect(decodeURIComponent(label.slice(0, colon))).toBe('Coffer');
    expect(decodeURIComponent(label.slice(colon + 1))).toBe(account);
    expect(Object.fromEntries(url.searchParams)).toEqual({ secret, issuer: 'Coffer', algorithm: 'SHA1', digits: '6', period: '30' });
  });

  it('encodes a space in the issuer as %20, not +', () => {
    const uri = otpauthUri({ secret, account, issuer: 'Coffer Dev' });
    expect(uri.startsWith('otpauth://totp/Coffer%20Dev:')).toBe(true);
    expect(uri).toContain('issuer=Coffer%20Dev&');
    expect(uri).not.toContain('+');
  });

  it('gives an authenticator a secret whose codes verify', async () => {
    const fromUri = new URL(otpauthUri({ secret, account })).searchParams.get('secret') ?? '';
    expect(await verifyTotp({ secret, code: await codeAt(fromUri, STEP), now: NOW })).toBe(STEP);
  });

  it('refuses an issuer with a colon, an empty account and a malformed secret', () => {
    expect(() => otpauthUri({ secret, account, issuer: 'Cof:fer' })).toThrow(/issuer/);
    expect(() => otpauthUri({ secret, account: '' })).toThrow(/account/);
    expect(() => otpauthUri({ secret: 'short', account })).toThrow(CofferError);
  });
});

describe('qrCodeDataUrl', () => {
  it('renders a 256×256 PNG data URL', async () => {
    const dataUrl = await qrCodeDataUrl(otpauthUri({ secret: newTotpSecret(), account: 'alice@example.com' }));
    const prefix = 'data:image/png;base64,';
    expect(dataUrl.startsWith(prefix)).toBe(true);
    const png = Buffer.from(dataUrl.slice(prefix.length), 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([256, 256]);
    expect(png.length).toBeGreaterThan(500);
    expect(png.length).toBeLessThan(20_000);
  });
});
