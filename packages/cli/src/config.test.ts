import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkKeyFile, configPaths, openToken, sealToken } from './config.js';
import { EXIT } from './errors.js';

const dir = mkdtempSync(join(tmpdir(), 'coffer-cli-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('token sealing', () => {
  const key = randomBytes(32);

  it('is enc: + base64(12-byte nonce ‖ ciphertext ‖ 16-byte tag), fresh nonce each time', () => {
    const sealed = sealToken('cft_secret', key);
    expect(sealed).toMatch(/^enc:/);
    expect(Buffer.from(sealed.slice(4), 'base64')).toHaveLength(12 + 'cft_secret'.length + 16);
    expect(sealToken('cft_secret', key)).not.toBe(sealed);
    expect(openToken(sealed, key)).toBe('cft_secret');
  });

  it('refuses a tampered ciphertext or another key with a config error', () => {
    const raw = Buffer.from(sealToken('cft_secret', key).slice(4), 'base64');
    raw[14]! ^= 1;
    expect(() => openToken(`enc:${raw.toString('base64')}`, key)).toThrow(expect.objectContaining({ code: EXIT.CONFIG }));
    expect(() => openToken(sealToken('cft_secret', key), randomBytes(32))).toThrow(/cannot be decrypted/);
  });
});

it('checks the key file mode and size', () => {
  const path = join(dir, 'key');
  expect(checkKeyFile(path)).toBeUndefined();
  writeFileSync(path, randomBytes(32), { mode: 0o600 });
  expect(checkKeyFile(path)?.size).toBe(32);
  chmodSync(path, 0o640);
  expect(() => checkKeyFile(path)).toThrow(`chmod 600 ${path}`);
  chmodSync(path, 0o600);
  writeFileSync(path, randomBytes(16));
  expect(() => checkKeyFile(path)).toThrow(/exactly 32 bytes/);
});

it('puts the config under XDG_CONFIG_HOME, or ~/.config when it is unset or relative', () => {
  expect(configPaths({ XDG_CONFIG_HOME: '/x', HOME: '/h' }).key).toBe('/x/coffer/key');
  expect(configPaths({ HOME: '/h' }).config).toBe('/h/.config/coffer/config.json');
  expect(configPaths({ XDG_CONFIG_HOME: 'rel', HOME: '/h' }).dir).toBe('/h/.config/coffer');
});
