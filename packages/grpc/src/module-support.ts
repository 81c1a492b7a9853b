import { TOKEN_REVOKED_CHANNEL } from '@coffer/contract';
import { defineModule, type ModuleContext } from '@coffer/module';
import { principalVerificationModule, serviceVerificationModule } from './key-modules.js';
import { PRINCIPAL_ASSERTION_TTL_MS, createPrincipalVerifier } from './principal-assertion.js';
import { createRevocationList, feedRevocations, type RevocationFeed } from './revocation-list.js';
import type { AddServiceOptions } from './server.js';
import { createServiceVerifier } from './service-assertion.js';

/**
 * The kv module (Redis pub/sub, or in-process when embedded), reached by its name: modules are
 * found by name, and this package does not depend on @coffer/kv for the one interface it needs.
 */
const kvDependency = defineModule<unknown, { pubsub: RevocationFeed }>({
  name: 'kv',
  kind: 'infrastructure',
  description: 'pub/sub of revocations',
  dependsOn: [],
});

/** A service module's adapter options, and what stops them following revocations. */
export type ServiceAdapterOptions = AddServiceOptions & { stopFollowingRevocations(): Promise<void> };

/**
 * The gRPC adapter's options for a service module: unexpected errors logged with the method and
 * request id, every call counted by outcome, principals (and, with `services: true`, calling
 * services) verified for this service's audience. Principals are refused once revoked, following
 * TOKEN_REVOKED_CHANNEL: the module must depend on `kv`.
 */
export async function serviceAdapterOptions(
  ctx: ModuleContext<unknown>,
  { audience, services = false }: { audience: string; services?: boolean },
): Promise<ServiceAdapterOptions> {
  const revocations = createRevocationList({ keepMs: PRINCIPAL_ASSERTION_TTL_MS });
  const options: AddServiceOptions = {
    onUnexpectedError: (err, method, requestId) => ctx.logger.error({ err, method, requestId }, 'unexpected error in gRPC handler'),
    onCompleted: (method, code) => ctx.metrics.grpcRequestsTotal.inc({ service: ctx.name, method: method.slice(method.lastIndexOf('/') + 1), code }),
    verifyPrincipal: await createPrincipalVerifier(ctx.use(principalVerificationModule).publicKeys, { audience, revocations }),
  };
  if (services) options.verifyService = await createServiceVerifier(ctx.use(serviceVerificationModule).publicKeys, { audience });
  const stopFollowingRevocations = await feedRevocations(revocations, ctx.use(kvDependency).pubsub, TOKEN_REVOKED_CHANNEL);
  return { ...options, stopFollowingRevocations };
}
