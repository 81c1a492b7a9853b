import type { KeyObject } from 'node:crypto';
import type { Knex } from '@coffer/db';
import { addService, createPrincipalSigner, loadCofferPackage, type AddServiceOptions, type Server } from '@coffer/grpc';
import { authHandlers } from './auth-grpc.js';
import { createAuthService } from './auth-service.js';
import { createAuthStore } from './auth-store.js';

export const AUTH_SERVICE_NAME = 'coffer.v1.AuthService';
/** Pub/sub channel on which revoked token hashes are announced to every gateway. */
export const TOKEN_REVOKED_CHANNEL = 'auth.token-revoked';

export interface AuthModuleDeps {
  knex: Knex;
  publish(channel: string, message: string): Promise<void>;
  /** Signs the principals Authenticate answers (Ed25519); only the Auth service holds it. */
  principalSigningKey: KeyObject;
  /** Error reporting, call accounting and principal verification for the gRPC adapter. */
  grpc: AddServiceOptions;
}

export function registerAuthService(server: Server, deps: AuthModuleDeps) {
  const service = createAuthService({
    knex: deps.knex,
    store: createAuthStore(),
    onTokenRevoked: (tokenHash) => deps.publish(TOKEN_REVOKED_CHANNEL, tokenHash),
  });
  addService(server, loadCofferPackage().coffer.v1.AuthService.service, authHandlers(service, createPrincipalSigner(deps.principalSigningKey)), deps.grpc);
  return { service };
}
