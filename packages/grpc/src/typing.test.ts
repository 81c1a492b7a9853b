import type * as grpc from '@grpc/grpc-js';
import { describe, expectTypeOf, it } from 'vitest';
import { unary, type RequestOf, type ResponseOf } from './client.js';
import type { AuditServiceDefinition, AuditServiceHandlers } from './generated/coffer/v1/AuditService.js';
import type { GetSecretRequest } from './generated/coffer/v1/GetSecretRequest.js';
import type { RecordRequest__Output } from './generated/coffer/v1/RecordRequest.js';
import type { RecordResponse } from './generated/coffer/v1/RecordResponse.js';
import type { Secret__Output } from './generated/coffer/v1/Secret.js';
import type { SecretServiceClient } from './generated/coffer/v1/SecretService.js';
import type { HealthHandlers } from './generated/grpc/health/v1/Health.js';
import type { CallContext } from './metadata.js';
import { publicAccess } from './access.js';
import { addService, type AsyncHandlers, type HandlersOf } from './server.js';

// Compile-time checks: `tsc` fails if these types drift, the assertions only run as no-ops.
describe('typing', () => {
  it('reads request and response types of a unary call from the generated client', () => {
    expectTypeOf<RequestOf<SecretServiceClient['GetSecret']>>().toEqualTypeOf<GetSecretRequest>();
    expectTypeOf<ResponseOf<SecretServiceClient['GetSecret']>>().toEqualTypeOf<Secret__Output>();
  });

  it('turns a generated Handlers interface into async handlers, without streaming methods', () => {
    expectTypeOf<AsyncHandlers<AuditServiceHandlers>['Record']>().toEqualTypeOf<
      (request: RecordRequest__Output, ctx: CallContext) => Promise<RecordResponse>
    >();
    expectTypeOf<AsyncHandlers<HandlersOf<AuditServiceDefinition>>>().toEqualTypeOf<AsyncHandlers<AuditServiceHandlers>>();
    expectTypeOf<keyof AsyncHandlers<HealthHandlers>>().toEqualTypeOf<'Check'>();
  });

  it('rejects misuse at compile time', () => {
    const misuse = (client: SecretServiceClient, server: grpc.Server, definition: AuditServiceDefinition) => {
      const ctx = { requestId: 'r' };
      // @ts-expect-error not a method of the service
      void unary(client, 'Nope', {}, { ctx });
      // @ts-expect-error not a unary call
      void unary(client, 'close', {}, { ctx });
      // @ts-expect-error `key` is a string
      void unary(client, 'GetSecret', { key: 1 }, { ctx });
      // @ts-expect-error the caller's context is required
      void unary(client, 'GetSecret', {});
      const access = { Record: publicAccess, Search: publicAccess };
      const options = { onUnexpectedError: () => undefined, verifyPrincipal: async () => Promise.reject(new Error('none')) };
      // @ts-expect-error Search has no handler
      addService(server, definition, { Record: async () => ({}) }, access, options);
      // @ts-expect-error Search has no access rule
      addService(server, definition, { Record: async () => ({}), Search: async () => ({}) }, { Record: publicAccess }, options);
    };
    expectTypeOf(misuse).toBeFunction();
  });
});
