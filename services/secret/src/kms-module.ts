import { defineSlice, key32, optional } from '@coffer/config';
import { databaseModule } from '@coffer/db';
import { createLocalKmsProvider, type KmsProvider } from '@coffer/kms';
import { defineModule } from '@coffer/module';
import { embeddedMasterKey } from './master-key.js';

export const kmsSlice = defineSlice(
  {
    COFFER_MASTER_KEY: optional(key32()),
  },
  (env) => ({ masterKey: env.COFFER_MASTER_KEY }),
);

/**
 * The KMS provider the Secret service unwraps KEKs with: `local`, a master key from the
 * environment (or, embedded, generated once into the data directory). Lives with the Secret
 * service because nothing else may reach a KMS.
 */
export const kmsModule = defineModule<ReturnType<typeof kmsSlice.toConfig>, KmsProvider>({
  name: 'kms',
  kind: 'infrastructure',
  description: 'the KMS provider that wraps KEKs (local: COFFER_MASTER_KEY); used by secret only',
  dependsOn: [],
  config: kmsSlice,
  requirements({ masterKey }, platform) {
    const database = platform.configOf(databaseModule);
    if (masterKey || !database || database.embedded) return [];
    return [{ variable: 'COFFER_MASTER_KEY', message: 'required when DATABASE_URL is set (32 bytes as 64 hex characters or base64)' }];
  },
  async start(ctx) {
    const masterKey = ctx.config.masterKey ?? (await embeddedMasterKey(ctx.platform.dataDir, ctx.logger));
    return { exports: createLocalKmsProvider({ masterKey }) };
  },
});
