import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { expect, it } from 'vitest';
import { CofferError, GRPC_STATUS } from '@coffer/contract';
import { fromServiceError, toGrpcStatus } from './error-status.js';

const failed = (code: status | undefined, details = '', metadata = new Metadata()): ServiceError =>
  Object.assign(new Error(details), { code: code ?? status.UNKNOWN, details, metadata });

it('numbers every gRPC status of the contract as grpc-js does', () => {
  for (const [name, value] of Object.entries(GRPC_STATUS)) expect(value, name).toBe(status[name as keyof typeof status]);
});

it("answers a failure the library decided with a message of Coffer's own, keeping the library's text in the cause", () => {
  const serializing = failed(status.INTERNAL, 'Error serializing response: meta.key: string expected at /srv/app/x.ts:1:1');
  const error = fromServiceError(serializing);
  expect([error.code, error.message]).toEqual(['INTERNAL', 'internal error']);
  expect(error.cause).toBe(serializing);
  expect(fromServiceError(failed(status.UNAVAILABLE, 'No connection established. Last error: connect ECONNREFUSED 10.0.3.7:4001')).message).toBe(
    'a service is unavailable',
  );
});

it("keeps a Coffer server's own code and message, which its trailer vouches for", () => {
  const sent = toGrpcStatus(new CofferError('INTERNAL', 'internal error'));
  expect(fromServiceError(failed(sent.code, sent.details, sent.metadata))).toMatchObject({ code: 'INTERNAL', message: 'internal error' });
  const notFound = toGrpcStatus(new CofferError('NOT_FOUND', "secret 'A' not found"));
  expect(fromServiceError(failed(notFound.code, notFound.details, notFound.metadata)).message).toBe("secret 'A' not found");
});
