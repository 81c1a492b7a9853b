import { createCipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from '@coffer/crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { checkKeyFile, ConfigStore, configPaths, openToken, rewriteLegacy, sealToken } from './config.js';
import { CliError, EXIT } from './errors.js';

const dir = mkdtempSync(join(tmpdir(), 'coffer-cli-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOKEN_AAD = Buffer.from('coffer-cli:token:v1');

/** A fixture in the layout earlier versions wrote, made with node:crypto: `enc:` + base64(nonce ‖ ciphertext ‖ tag). */
function legacySeal(text: string, key: Buffer, aad: Buffer): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return 'enc:' + Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]).toString('base64');
}

describe('token sealing', () => {
  const key = randomBytes(32);

  it("is enc2: + @coffer/crypto's base64(12-byte IV ‖ 16-byte tag ‖ ciphertext), fresh IV each time", () => {
    const sealed = sealToken('cft_secret', key);
    expect(sealed).toMatch(/^enc2:[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(sealed.slice(5), 'base64')).toHaveLength(12 + 16 + 'cft_secret'.length);
    expect(open(key, sealed.slice(5), TOKEN_AAD).toString()).toBe('cft_secret');
    expect(sealToken('cft_secret', key)).not.toBe(sealed);
    expect(openToken(sealed, key)).toEqual({ token: 'cft_secret', legacy: false });
  });

  it('refuses a tampered ciphertext or another key with a config error', () => {
    const raw = Buffer.from(sealToken('cft_secret', key).slice(5), 'base64');
    raw[30]! ^= 1;
    expect(() => openToken(`enc2:${raw.toString('base64')}`, key)).toThrow(expect.objectContaining({ code: EXIT.CONFIG }));
    expect(() => openToken(sealToken('cft_secret', key), randomBytes(32))).toThrow(/cannot be decrypted/);
    expect(() => openToken('enc3:AAAA', key)).toThrow(/malformed/);
  });

  it('opens the older enc: layout and says so, and refuses it tampered, short or under another key', () => {
    const legacy = legacySeal('cft_old-token', key, TOKEN_AAD);
    expect(openToken(legacy, key)).toEqual({ token: 'cft_old-token', legacy: true });
    const raw = Buffer.from(legacy.slice(4), 'base64');
    for (const bit of [0, 12 * 8, raw.length * 8 - 1]) {
      const tampered = Buffer.from(raw);
      tampered[bit >> 3]! ^= 1 << (bit & 7);
      expect(() => openToken(`enc:${tampered.toString('base64')}`, key)).toThrow(expect.objectContaining({ code: EXIT.CONFIG }));
    }
    expect(() => openToken(`enc:${raw.subarray(0, 27).toString('base64')}`, key)).toThrow(/cannot be decrypted/);
    expect(() => openToken(legacy, randomBytes(32))).toThrow(/cannot be decrypted/);
  });
});

describe('a config from an earlier version', () => {
  function oldConfig(token: string): { home: string; store: ConfigStore; file: string; key: Buffer } {
    const home = mkdtempSync(join(dir, 'home-'));
    const paths = configPaths({ HOME: home });
    mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
    const key = randomBytes(32);
    writeFileSync(paths.key, key, { mode: 0o600 });
    writeFileSync(paths.config, JSON.stringify({ apiUrl: 'http://127.0.0.1:1', token: legacySeal(token, key, TOKEN_AAD), context: { org: 'acme' } }), {
      mode: 0o600,
    });
    return { home, store: new ConfigStore({ HOME: home }), file: paths.config, key };
  }

  it('gives its enc: token and rewrites it as enc2:, keeping the rest of the file, without a word', () => {
    const { home, store, file, key } = oldConfig('cft_old-token');
    const stderr = vi.spyOn(process.stderr, 'write');
    try {
      expect(store.token()).toBe('cft_old-token');
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
    }
    const rewritten = JSON.parse(readFileSync(file, 'utf8'));
    expect(rewritten).toMatchObject({ apiUrl: 'http://127.0.0.1:1', context: { org: 'acme' } });
    expect(rewritten.token).toMatch(/^enc2:/);
    expect(openToken(rewritten.token, key)).toEqual({ token: 'cft_old-token', legacy: false });
    expect(new ConfigStore({ HOME: home }).token()).toBe('cft_old-token');
  });

  it('still works when it cannot be rewritten (a read-only mount), and says so in one line', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      rewriteLegacy('/ro/coffer/config.json', () => {
        throw new CliError('cannot use /ro/coffer/config.json (EROFS); fix or remove it', EXIT.CONFIG);
      });
      expect(stderr.mock.calls).toEqual([
        [
          'coffer: /ro/coffer/config.json stays in the older format, which this version still reads: cannot use /ro/coffer/config.json (EROFS); fix or remove it\n',
        ],
      ]);
    } finally {
      stderr.mockRestore();
    }
  });

  it('refuses an enc: token that was altered, and leaves the file as it was', () => {
    const { store, file } = oldConfig('cft_old-token');
    const config = JSON.parse(readFileSync(file, 'utf8'));
    const raw = Buffer.from(config.token.slice(4), 'base64');
    raw[20]! ^= 1;
    const altered = JSON.stringify({ ...config, token: `enc:${raw.toString('base64')}` });
    writeFileSync(file, altered);
    expect(() => store.token()).toThrow(expect.objectContaining({ code: EXIT.CONFIG }));
    expect(readFileSync(file, 'utf8')).toBe(altered);
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
