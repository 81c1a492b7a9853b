import type { Knex } from '@coffer/db';
import { addService, loadCofferPackage, type AddServiceOptions, type Server } from '@coffer/grpc';
import { createKeyring, createLocalKmsProvider } from '@coffer/kms';
import { secretHandlers } from './secret-grpc.js';
import { createSecretService } from './secret-service.js';
import { createSecretStore } from './secret-store.js';

export const SECRET_SERVICE_NAME = 'coffer.v1.SecretService';

export interface SecretModuleDeps {
  knex: Knex;
  /** Wraps the organisations' KEKs (local KMS provider). */
  masterKey: Buffer;
  onDecryptionFailure(): void;
  /** Error reporting, call accounting and principal verification for the gRPC adapter. */
  grpc: AddServiceOptions;
}

/** Wires the Secret service, the only holder of a KMS provider, onto a gRPC server. */
export function registerSecretService(server: Server, deps: SecretModuleDeps) {
  const keyring = createKeyring({ provider: createLocalKmsProvider({ masterKey: deps.masterKey }) });
  const service = createSecretService({ knex: deps.knex, store: createSecretStore(), keyring, onDecryptionFailure: deps.onDecryptionFailure });
  addService(server, loadCofferPackage().coffer.v1.SecretService.service, secretHandlers(service), deps.grpc);
  return { service, keyring };
}
