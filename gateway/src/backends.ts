import type { AuditServiceClient, AuthServiceClient, SecretServiceClient } from '@coffer/grpc';

/** The gRPC clients the gateway routes to. */
export interface Backends {
  auth: AuthServiceClient;
  secret: SecretServiceClient;
  audit: AuditServiceClient;
}
