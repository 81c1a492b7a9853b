import { TOKEN_REVOKED_CHANNEL } from '@coffer/contract';
import { databaseModule } from '@coffer/db';
import { AUTH_SERVICE, addService, createPrincipalSigner, loadCofferPackage, principalSigningModule, serviceAdapterOptions } from '@coffer/grpc';
import { kvModule } from '@coffer/kv';
import { defineModule } from '@coffer/module';
import { authAccess, authHandlers } from './auth-grpc.js';
import { createAuthService } from './auth-service.js';
import { createAuthStore } from './auth-store.js';
import { createRevocationNotice } from './revocation-notice.js';

export const authModule = defineModule({
  name: 'auth',
  kind: 'target',
  description: 'identities, API tokens, organisations, projects, environments',
  dependsOn: ['database', 'kv', 'principal-signing', 'principal-verification'],
  grpcService: AUTH_SERVICE,
  async start(ctx) {
    const { knex } = ctx.use(databaseModule);
    const { pubsub } = ctx.use(kvModule);
    const onTokenRevoked = createRevocationNotice({ publish: (tokenHash) => pubsub.publish(TOKEN_REVOKED_CHANNEL, tokenHash), logger: ctx.logger });
    const service = createAuthService({ knex, store: createAuthStore(), onTokenRevoked });
    // Only the Auth service holds the key that makes principals.
    const signPrincipal = await createPrincipalSigner(ctx.use(principalSigningModule).privateKey);
    const options = await serviceAdapterOptions(ctx, { audience: AUTH_SERVICE });
    return {
      grpc: (server) => addService(server, loadCofferPackage().coffer.v1.AuthService.service, authHandlers(service, signPrincipal), authAccess, options),
    };
  },
});
