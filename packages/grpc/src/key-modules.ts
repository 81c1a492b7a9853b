import { createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineSlice, ed25519PrivateKey, ed25519PublicKeys, optional, type Problem } from '@coffer/config';
import { defineModule, type ModuleDescriptor, type RequirementContext } from '@coffer/module';

interface SigningExports {
  privateKey: KeyObject;
}

interface VerificationExports {
  /** Every public key whose tokens this process believes (the old and the new one during a rotation). */
  publicKeys: KeyObject[];
  /** A pair made at start when every signer and verifier runs here and none is configured. */
  throwaway?: KeyObject;
}

/** How many earlier throwaway public keys are still believed: a few restarts' worth. */
const EARLIER_THROWAWAY_KEYS = 10;

/**
 * Keeps the public half of this start's throwaway pair in the data directory and returns those of
 * earlier starts. Their private halves were never written anywhere and died with their process, so
 * believing them lets nobody sign anything new; it lets what was signed before a restart (the
 * principals of audit events in the spool) still verify after it.
 */
function rememberThrowaway(dataDir: string, kind: string, publicKey: KeyObject): KeyObject[] {
  const file = join(dataDir, `throwaway-${kind}-keys.pub`);
  let earlier: string[] = [];
  try {
    earlier = readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(-EARLIER_THROWAWAY_KEYS);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const own = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // A name of its own: processes starting together on one data directory must not rename each other's file away.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, [...earlier, own].join('\n') + '\n', { mode: 0o600 });
  renameSync(temporary, file);
  return earlier.map((line) => createPublicKey({ key: Buffer.from(line, 'base64'), format: 'der', type: 'spki' }));
}

/**
 * The two halves of one kind of internal JWT (principal or service assertions) as infrastructure
 * modules: the signer's private key and the verifiers' public keys, each a setting of its own.
 * When every module that signs or verifies this kind runs in one process and neither key is set,
 * a throwaway pair made at start is enough and nothing has to be configured.
 */
function keyPairModules({ kind, what, signingVariable, verifyVariable }: { kind: string; what: string; signingVariable: string; verifyVariable: string }) {
  const signingName = `${kind}-signing`;
  const verificationName = `${kind}-verification`;
  const signingSlice = defineSlice({ [signingVariable]: optional(ed25519PrivateKey()) }, (env) => ({
    privateKey: env[signingVariable] as KeyObject | undefined,
  }));
  const verificationSlice = defineSlice({ [verifyVariable]: optional(ed25519PublicKeys()) }, (env) => ({
    publicKeys: (env[verifyVariable] as KeyObject[] | undefined) ?? [],
  }));

  let signing: ModuleDescriptor<ReturnType<typeof signingSlice.toConfig>, SigningExports>;
  const configuredSigningKey = (platform: RequirementContext) => platform.configOf(signing)?.privateKey;
  const throwawayAllowed = (platform: RequirementContext, publicKeys: readonly KeyObject[]) =>
    publicKeys.length === 0 && !configuredSigningKey(platform) && platform.allDependentsRun(signingName, verificationName);

  const verification = defineModule<ReturnType<typeof verificationSlice.toConfig>, VerificationExports>({
    name: verificationName,
    kind: 'infrastructure',
    description: `the public keys that ${what} are verified with (${verifyVariable})`,
    dependsOn: [],
    config: verificationSlice,
    requirements({ publicKeys }, platform): Problem[] {
      const privateKey = configuredSigningKey(platform);
      // A signer here without its key is reported as that: setting it answers both.
      if (publicKeys.length === 0 && !privateKey && !platform.runs(signingName) && !throwawayAllowed(platform, publicKeys)) {
        return [
          {
            variable: verifyVariable,
            message: `required: the ${what} checked here are signed in another process (an Ed25519 public key as base64 of its SPKI DER)`,
          },
        ];
      }
      if (privateKey && publicKeys.length > 0 && !publicKeys.some((key) => key.equals(createPublicKey(privateKey)))) {
        return [{ variable: verifyVariable, message: `does not include the public half of ${signingVariable}` }];
      }
      return [];
    },
    async start(ctx) {
      const privateKey = configuredSigningKey(ctx);
      const publicKeys = [...ctx.config.publicKeys];
      // A signer in this process verifies its own tokens too (auth's own calls), with its public half.
      if (privateKey && !publicKeys.some((key) => key.equals(createPublicKey(privateKey)))) publicKeys.push(createPublicKey(privateKey));
      if (publicKeys.length > 0) return { exports: { publicKeys } };
      const pair = generateKeyPairSync('ed25519');
      const earlier = rememberThrowaway(ctx.platform.dataDir, kind, pair.publicKey);
      return { exports: { publicKeys: [pair.publicKey, ...earlier], throwaway: pair.privateKey } };
    },
  });

  signing = defineModule<ReturnType<typeof signingSlice.toConfig>, SigningExports>({
    name: signingName,
    kind: 'infrastructure',
    description: `the private key that signs ${what} (${signingVariable})`,
    dependsOn: [verificationName],
    config: signingSlice,
    requirements({ privateKey }, platform): Problem[] {
      const publicKeys = platform.configOf(verification)?.publicKeys ?? [];
      if (privateKey || throwawayAllowed(platform, publicKeys)) return [];
      return [
        {
          variable: signingVariable,
          message: `required: the ${what} signed here are verified in another process (an Ed25519 private key as base64 of its PKCS#8 DER)`,
        },
      ];
    },
    async start(ctx) {
      const privateKey = ctx.config.privateKey ?? ctx.use(verification).throwaway;
      if (!privateKey) throw new Error(`${signingVariable}: no signing key`);
      return { exports: { privateKey } };
    },
  });

  return { signing, verification, signingVariable, verifyVariable };
}

/** Auth signs principals; every service verifies them. */
const principalKeys = keyPairModules({
  kind: 'principal',
  what: 'principal assertions',
  signingVariable: 'COFFER_PRINCIPAL_SIGNING_KEY',
  verifyVariable: 'COFFER_PRINCIPAL_VERIFY_KEY',
});
export const { signing: principalSigningModule, verification: principalVerificationModule } = principalKeys;

/** The gateway (later sync) proves it is a Coffer service; the services it calls verify that. */
const serviceKeys = keyPairModules({
  kind: 'service',
  what: 'service assertions',
  signingVariable: 'COFFER_SERVICE_SIGNING_KEY',
  verifyVariable: 'COFFER_SERVICE_VERIFY_KEY',
});
export const { signing: serviceSigningModule, verification: serviceVerificationModule } = serviceKeys;

/**
 * For the workers of one server, which serve each other's gRPC calls: one throwaway pair of each
 * kind whose signer and verifier both run here and neither key is configured, as the variables
 * the workers then read, so that a principal signed in one worker verifies in another.
 */
export function sharedThrowawayKeys(env: NodeJS.ProcessEnv, runs: (module: string) => boolean): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const pair of [principalKeys, serviceKeys]) {
    if (env[pair.signingVariable] || env[pair.verifyVariable] || !runs(pair.signing.name) || !runs(pair.verification.name)) continue;
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    variables[pair.signingVariable] = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    variables[pair.verifyVariable] = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  }
  return variables;
}
