import { databaseModule } from '@coffer/db';
import { SECRET_SERVICE, addService, loadCofferPackage, serviceAdapterOptions } from '@coffer/grpc';
import { createKeyring } from '@coffer/kms';
import { defineModule } from '@coffer/module';
import { kmsModule } from './kms-module.js';
import { secretAccess, secretHandlers } from './secret-grpc.js';
import { createSecretSealer } from './secret-sealer.js';
import { createSecretService } from './secret-service.js';
import { createSecretStore } from './secret-store.js';
import { createValueOpener } from './value-opener.js';

/** The Secret service, the only holder of a KMS provider, which the kms module passes in. */
export const secretModule = defineModule({
  name: 'secret',
  kind: 'target',
  description: 'secrets, versions, envelope encryption; the only KMS user',
  // kv: revocations reach the principal verifier through its pub/sub (serviceAdapterOptions).
  dependsOn: ['database', 'kms', 'kv', 'principal-verification'],
  grpcService: SECRET_SERVICE,
  async start(ctx) {
    const { knex } = ctx.use(databaseModule);
    const keyring = createKeyring({ provider: ctx.use(kmsModule), knex });
    const opener = createValueOpener();
    await opener.start();
    const sealer = createSecretSealer({ keyring, onDecryptionFailure: () => ctx.metrics.decryptionFailuresTotal.inc(), opener });
    const service = createSecretService({ knex, store: createSecretStore(), sealer });
    const options = await serviceAdapterOptions(ctx, { audience: SECRET_SERVICE });
    return {
      async stop() {
        await options.stopFollowingRevocations();
        await opener.close();
      },
      grpc: (server) => addService(server, loadCofferPackage().coffer.v1.SecretService.service, secretHandlers(service), secretAccess, options),
    };
  },
});
