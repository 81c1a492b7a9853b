import { databaseModule } from '@coffer/db';
import { AUDIT_SERVICE, addService, loadCofferPackage, serviceAdapterOptions } from '@coffer/grpc';
import { defineModule } from '@coffer/module';
import { auditAccess, auditHandlers } from './audit-grpc.js';
import { createAuditService } from './audit-service.js';
import { createAuditStore } from './audit-store.js';

export const auditModule = defineModule({
  name: 'audit',
  kind: 'target',
  description: 'append-only audit trail',
  // kv: revocations reach the principal verifier through its pub/sub (serviceAdapterOptions).
  dependsOn: ['database', 'kv', 'principal-verification', 'service-verification'],
  grpcService: AUDIT_SERVICE,
  async start(ctx) {
    const service = createAuditService({ knex: ctx.use(databaseModule).knex, store: createAuditStore() });
    const options = await serviceAdapterOptions(ctx, { audience: AUDIT_SERVICE, services: true });
    return {
      stop: () => options.stopFollowingRevocations(),
      grpc: (server) =>
        addService(server, loadCofferPackage().coffer.v1.AuditService.service, auditHandlers(service, options.verifyPrincipal), auditAccess, options),
    };
  },
});
