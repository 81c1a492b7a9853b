import type { ModuleContext } from '@coffer/module';
import { principalVerificationModule, serviceVerificationModule } from './key-modules.js';
import { createPrincipalVerifier } from './principal-assertion.js';
import type { AddServiceOptions } from './server.js';
import { createServiceVerifier } from './service-assertion.js';

/**
 * The gRPC adapter's options for a service module: unexpected errors logged with the method and
 * request id, every call counted by outcome, principals (and, with `services: true`, calling
 * services) verified for this service's audience.
 */
export async function serviceAdapterOptions(
  ctx: ModuleContext<unknown>,
  { audience, services = false }: { audience: string; services?: boolean },
): Promise<AddServiceOptions> {
  const options: AddServiceOptions = {
    onUnexpectedError: (err, method, requestId) => ctx.logger.error({ err, method, requestId }, 'unexpected error in gRPC handler'),
    onCompleted: (method, code) => ctx.metrics.grpcRequestsTotal.inc({ service: ctx.name, method: method.slice(method.lastIndexOf('/') + 1), code }),
    verifyPrincipal: await createPrincipalVerifier(ctx.use(principalVerificationModule).publicKeys, { audience }),
  };
  if (services) options.verifyService = await createServiceVerifier(ctx.use(serviceVerificationModule).publicKeys, { audience });
  return options;
}
