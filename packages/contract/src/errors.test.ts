import { describe, expect, it } from 'vitest';
import { CofferError, ERROR_TABLE, GRPC_STATUS, codeOfGrpcStatus, httpStatusOf, isCofferError, toCofferError, type ErrorCode } from './errors.js';

describe('ERROR_TABLE', () => {
  it.each<[ErrorCode, number]>([
    ['INVALID_ARGUMENT', 400],
    ['UNAUTHENTICATED', 401],
    ['PERMISSION_DENIED', 403],
    ['NOT_FOUND', 404],
    ['ALREADY_EXISTS', 409],
    ['ABORTED', 409],
    ['PAYLOAD_TOO_LARGE', 413],
    ['RESOURCE_EXHAUSTED', 429],
    ['INTERNAL', 500],
    ['UNAVAILABLE', 503],
    ['DEADLINE_EXCEEDED', 504],
    ['HEADERS_TOO_LARGE', 431],
    ['REQUEST_TIMEOUT', 408],
  ])('answers %s with HTTP %i', (code, http) => {
    expect(httpStatusOf(code)).toBe(http);
  });

  it('maps every gRPC status it uses back to a code with that status', () => {
    for (const { grpc } of Object.values(ERROR_TABLE)) {
      const code = codeOfGrpcStatus(grpc);
      expect(code && ERROR_TABLE[code].grpc).toBe(grpc);
    }
  });

  it('prefers the first code listed when codes share a gRPC status', () => {
    expect(codeOfGrpcStatus(GRPC_STATUS.INVALID_ARGUMENT)).toBe('INVALID_ARGUMENT');
    expect(codeOfGrpcStatus(GRPC_STATUS.DEADLINE_EXCEEDED)).toBe('DEADLINE_EXCEEDED');
    // UNKNOWN (2) is never sent by Coffer.
    expect(codeOfGrpcStatus(2)).toBeUndefined();
  });
});

describe('CofferError', () => {
  it('carries code, message, details and cause', () => {
    const cause = new Error('duplicate key value violates unique constraint');
    const error = new CofferError('ALREADY_EXISTS', "project 'web' already exists", { cause, details: { field: 'slug' } });
    expect(isCofferError(error)).toBe(true);
    expect(error).toMatchObject({ name: 'CofferError', code: 'ALREADY_EXISTS', message: "project 'web' already exists" });
    expect(error.details).toEqual({ field: 'slug' });
    expect(error.cause).toBe(cause);
  });

  it('hides anything else as INTERNAL "internal error"', () => {
    const leak = new Error("select * from secrets where value = 'hunter2'");
    const error = toCofferError(leak);
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('internal error');
    expect(error.cause).toBe(leak);
    expect(isCofferError(leak)).toBe(false);
  });
});
