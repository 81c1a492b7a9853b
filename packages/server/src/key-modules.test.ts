import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@coffer/config';
import { principalSigningModule, principalVerificationModule, serviceSigningModule, serviceVerificationModule } from '@coffer/grpc';
import { defineModule } from '@coffer/module';
import { createLogger } from '@coffer/telemetry';
import { createRegistry } from './registry.js';
import { configure, startPlatform } from './runner.js';

/**
 * The key modules with stand-ins for the services that use them (the real ones need a database):
 * `signer` signs and verifies, like auth; `checker` and `other` only verify, like secret and audit.
 */
const uses = (name: string, dependsOn: string[]) => defineModule({ name, kind: 'target', description: name, dependsOn, start: async () => ({}) });
const MODULES = [
  principalVerificationModule,
  principalSigningModule,
  serviceVerificationModule,
  serviceSigningModule,
  uses('signer', ['principal-signing', 'principal-verification']),
  uses('checker', ['principal-verification']),
  uses('other', ['principal-verification']),
];
const registry = createRegistry(MODULES);
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const KEYS = {
  COFFER_PRINCIPAL_SIGNING_KEY: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  COFFER_PRINCIPAL_VERIFY_KEY: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
};

const dataDirs: string[] = [];
/** A data directory of the test's own: throwaway public keys are kept in it. */
const freshDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'coffer-keys-'));
  dataDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

async function keysOf(targets: string[], env: Record<string, string> = {}): Promise<{ signingKey?: KeyObject; verifyKeys?: KeyObject[] }> {
  const platform = await startPlatform({
    modules: MODULES,
    targets,
    env: { COFFER_DATA_DIR: freshDataDir(), ...env },
    logger: createLogger({ level: 'silent', name: 'test' }),
  });
  try {
    return { signingKey: platform.exportsOf(principalSigningModule)?.privateKey, verifyKeys: platform.exportsOf(principalVerificationModule)?.publicKeys };
  } finally {
    await platform.stop();
  }
}

function problemsOf(targets: string[], env: Record<string, string> = {}): string[] {
  try {
    configure(registry, targets, env);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return [...err.problems];
  }
}

describe('principal keys', () => {
  it('makes a throwaway pair when every module that signs or verifies runs here and none is configured', async () => {
    const { signingKey, verifyKeys } = await keysOf(['signer', 'checker', 'other']);
    expect(verifyKeys).toHaveLength(1);
    expect(createPublicKey(signingKey!).equals(verifyKeys![0]!)).toBe(true);
  });

  it('believes the public halves of earlier throwaway pairs in the same data directory, never their private halves', async () => {
    const dataDir = freshDataDir();
    const first = await keysOf(['signer', 'checker', 'other'], { COFFER_DATA_DIR: dataDir });
    const second = await keysOf(['signer', 'checker', 'other'], { COFFER_DATA_DIR: dataDir });
    // A new signing key at every start; what the first signed (spooled audit principals) still verifies.
    expect(createPublicKey(second.signingKey!).equals(createPublicKey(first.signingKey!))).toBe(false);
    expect(second.verifyKeys).toHaveLength(2);
    expect(second.verifyKeys![1]!.equals(first.verifyKeys![0]!)).toBe(true);
    const kept = readFileSync(join(dataDir, 'throwaway-principal-keys.pub'), 'utf8');
    expect(kept.trim().split('\n')).toHaveLength(2);
    expect(kept).not.toContain(first.signingKey!.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
  });

  it('uses the configured pair, and gives a verifying target no signing key', async () => {
    expect((await keysOf(['signer', 'checker', 'other'], KEYS)).verifyKeys!.map((key) => key.equals(publicKey))).toEqual([true]);
    const checker = await keysOf(['checker'], { COFFER_PRINCIPAL_VERIFY_KEY: KEYS.COFFER_PRINCIPAL_VERIFY_KEY });
    expect(checker.signingKey).toBeUndefined();
    expect(checker.verifyKeys![0]!.equals(publicKey)).toBe(true);
  });

  it('lets the signer alone verify its own calls with the public half of its signing key', async () => {
    const { signingKey, verifyKeys } = await keysOf(['signer'], { COFFER_PRINCIPAL_SIGNING_KEY: KEYS.COFFER_PRINCIPAL_SIGNING_KEY });
    expect(signingKey).toBeDefined();
    expect(verifyKeys!.map((key) => key.equals(publicKey))).toEqual([true]);
  });

  it.each([
    [['signer'], 'COFFER_PRINCIPAL_SIGNING_KEY: required'],
    [['signer', 'checker'], 'COFFER_PRINCIPAL_SIGNING_KEY: required'],
    [['checker'], 'COFFER_PRINCIPAL_VERIFY_KEY: required'],
    [['checker', 'other'], 'COFFER_PRINCIPAL_VERIFY_KEY: required'],
  ])('refuses %j without the key it needs, before anything starts', (targets, message) => {
    const problems = problemsOf(targets);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('needs no principal key where nothing signs or verifies one', () => {
    expect(problemsOf([])).toEqual([]);
  });
});

describe('service keys', () => {
  const MODULES_WITH_SERVICES = [...MODULES, uses('caller', ['service-signing']), uses('callee', ['service-verification'])];
  const services = createRegistry(MODULES_WITH_SERVICES);
  const problems = (targets: string[]) => {
    try {
      configure(services, targets, {});
      return [];
    } catch (err) {
      return [...(err as ConfigError).problems];
    }
  };

  it('need nothing configured when caller and callee share the process', () => {
    expect(problems(['caller', 'callee'])).toEqual([]);
  });

  it('are required when they do not', () => {
    expect(problems(['caller'])).toEqual([expect.stringMatching(/^COFFER_SERVICE_SIGNING_KEY: required/)]);
    expect(problems(['callee'])).toEqual([expect.stringMatching(/^COFFER_SERVICE_VERIFY_KEY: required/)]);
  });
});
