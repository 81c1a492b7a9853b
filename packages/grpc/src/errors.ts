import { status } from '@grpc/grpc-js';

export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'FAILED_PRECONDITION'
  | 'ABORTED'
  | 'RESOURCE_EXHAUSTED'
  | 'PAYLOAD_TOO_LARGE'
  | 'CANCELLED'
  | 'DEADLINE_EXCEEDED'
  | 'UNAVAILABLE'
  | 'UNIMPLEMENTED'
  | 'DATA_LOSS'
  | 'INTERNAL';

/**
 * The one mapping from an error code to its gRPC and HTTP status.
 * Several codes may share a gRPC status; when only the status is known, the
 * first code listed for it wins (see codeOfGrpcStatus).
 */
export const ERROR_TABLE: Readonly<Record<ErrorCode, { grpc: status; http: number }>> = {
  INVALID_ARGUMENT: { grpc: status.INVALID_ARGUMENT, http: 400 },
  // Not retryable and the caller's to fix, so not RESOURCE_EXHAUSTED (which reads as "back off").
  PAYLOAD_TOO_LARGE: { grpc: status.INVALID_ARGUMENT, http: 413 },
  UNAUTHENTICATED: { grpc: status.UNAUTHENTICATED, http: 401 },
  PERMISSION_DENIED: { grpc: status.PERMISSION_DENIED, http: 403 },
  NOT_FOUND: { grpc: status.NOT_FOUND, http: 404 },
  ALREADY_EXISTS: { grpc: status.ALREADY_EXISTS, http: 409 },
  FAILED_PRECONDITION: { grpc: status.FAILED_PRECONDITION, http: 400 },
  // A concurrent write won, e.g. a check-and-set version mismatch: re-read and retry.
  ABORTED: { grpc: status.ABORTED, http: 409 },
  RESOURCE_EXHAUSTED: { grpc: status.RESOURCE_EXHAUSTED, http: 429 },
  // The caller went away; 499 is the de facto "client closed request".
  CANCELLED: { grpc: status.CANCELLED, http: 499 },
  DEADLINE_EXCEEDED: { grpc: status.DEADLINE_EXCEEDED, http: 504 },
  UNAVAILABLE: { grpc: status.UNAVAILABLE, http: 503 },
  UNIMPLEMENTED: { grpc: status.UNIMPLEMENTED, http: 501 },
  // Stored data cannot be read back, e.g. a secret version that fails to decrypt.
  DATA_LOSS: { grpc: status.DATA_LOSS, http: 500 },
  INTERNAL: { grpc: status.INTERNAL, http: 500 },
};

/** Extra facts for the caller, such as `{ field: 'value' }`. Travels over the wire: never put a secret here. */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

export const INTERNAL_ERROR_MESSAGE = 'internal error';

/**
 * The one error type of the platform. Its message reaches the end user, so it must
 * name the field or resource and never carry a stack trace, SQL or a secret value;
 * put the underlying error in `cause`, which never leaves the process.
 */
export class CofferError extends Error {
  override readonly name = 'CofferError';
  readonly code: ErrorCode;
  readonly details?: ErrorDetails;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: ErrorDetails } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.details !== undefined) this.details = options.details;
  }
}

export function isCofferError(error: unknown): error is CofferError {
  return error instanceof CofferError;
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_TABLE, value);
}

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_TABLE[code].http;
}

/** Keeps a CofferError as is; anything else becomes INTERNAL "internal error" with the original as cause. */
export function toCofferError(error: unknown): CofferError {
  return isCofferError(error) ? error : new CofferError('INTERNAL', INTERNAL_ERROR_MESSAGE, { cause: error });
}

const CODE_BY_GRPC_STATUS: ReadonlyMap<status, ErrorCode> = new Map(
  (Object.entries(ERROR_TABLE) as [ErrorCode, { grpc: status }][])
    .reverse()
    .map(([code, { grpc }]) => [grpc, code]),
);

/** The error code for a bare gRPC status, or undefined for OK and statuses Coffer never sends (UNKNOWN, OUT_OF_RANGE). */
export function codeOfGrpcStatus(grpcStatus: status): ErrorCode | undefined {
  return CODE_BY_GRPC_STATUS.get(grpcStatus);
}
