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
  | 'HEADERS_TOO_LARGE'
  | 'REQUEST_TIMEOUT'
  | 'CANCELLED'
  | 'DEADLINE_EXCEEDED'
  | 'UNAVAILABLE'
  | 'UNIMPLEMENTED'
  | 'DATA_LOSS'
  | 'INTERNAL';

/** The gRPC status codes Coffer sends, by number (the wire value), so this package needs no gRPC library. */
export const GRPC_STATUS = {
  CANCELLED: 1,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

/**
 * The one mapping from an error code to its gRPC and HTTP status.
 * Several codes may share a gRPC status; when only the status is known, the
 * first code listed for it wins (see codeOfGrpcStatus).
 */
export const ERROR_TABLE: Readonly<Record<ErrorCode, { grpc: number; http: number; retryAfterSeconds?: number }>> = {
  INVALID_ARGUMENT: { grpc: GRPC_STATUS.INVALID_ARGUMENT, http: 400 },
  // Not retryable and the caller's to fix, so not RESOURCE_EXHAUSTED (which reads as "back off").
  PAYLOAD_TOO_LARGE: { grpc: GRPC_STATUS.INVALID_ARGUMENT, http: 413 },
  UNAUTHENTICATED: { grpc: GRPC_STATUS.UNAUTHENTICATED, http: 401 },
  PERMISSION_DENIED: { grpc: GRPC_STATUS.PERMISSION_DENIED, http: 403 },
  NOT_FOUND: { grpc: GRPC_STATUS.NOT_FOUND, http: 404 },
  ALREADY_EXISTS: { grpc: GRPC_STATUS.ALREADY_EXISTS, http: 409 },
  FAILED_PRECONDITION: { grpc: GRPC_STATUS.FAILED_PRECONDITION, http: 400 },
  // A concurrent write won, e.g. a check-and-set version mismatch: re-read and retry.
  ABORTED: { grpc: GRPC_STATUS.ABORTED, http: 409 },
  // Retry-After: when a client that backs off may try again (every answer of the code carries it).
  RESOURCE_EXHAUSTED: { grpc: GRPC_STATUS.RESOURCE_EXHAUSTED, http: 429, retryAfterSeconds: 1 },
  // The caller went away; 499 is the de facto "client closed request".
  CANCELLED: { grpc: GRPC_STATUS.CANCELLED, http: 499 },
  DEADLINE_EXCEEDED: { grpc: GRPC_STATUS.DEADLINE_EXCEEDED, http: 504 },
  // A backend (PostgreSQL, Redis, a service) cannot be reached: nothing was done, retry.
  UNAVAILABLE: { grpc: GRPC_STATUS.UNAVAILABLE, http: 503, retryAfterSeconds: 1 },
  UNIMPLEMENTED: { grpc: GRPC_STATUS.UNIMPLEMENTED, http: 501 },
  // Stored data cannot be read back, e.g. a secret version whose authentication tag fails.
  DATA_LOSS: { grpc: GRPC_STATUS.DATA_LOSS, http: 500 },
  INTERNAL: { grpc: GRPC_STATUS.INTERNAL, http: 500 },
  // Answered by the HTTP server itself, before a request reaches a route (the request line and
  // headers exceed the limit; the client was too slow to send them): listed last, so that a bare
  // gRPC status never maps to them.
  HEADERS_TOO_LARGE: { grpc: GRPC_STATUS.INVALID_ARGUMENT, http: 431 },
  REQUEST_TIMEOUT: { grpc: GRPC_STATUS.DEADLINE_EXCEEDED, http: 408 },
};

export const ERROR_CODES = Object.keys(ERROR_TABLE) as ErrorCode[];

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

/** The Retry-After (seconds) that answers of this code carry, if any. */
export function retryAfterOf(code: ErrorCode): number | undefined {
  return ERROR_TABLE[code].retryAfterSeconds;
}

/** Keeps a CofferError as is; anything else becomes INTERNAL "internal error" with the original as cause. */
export function toCofferError(error: unknown): CofferError {
  return isCofferError(error) ? error : new CofferError('INTERNAL', INTERNAL_ERROR_MESSAGE, { cause: error });
}

const CODE_BY_GRPC_STATUS: ReadonlyMap<number, ErrorCode> = new Map(
  (Object.entries(ERROR_TABLE) as [ErrorCode, { grpc: number }][]).reverse().map(([code, { grpc }]) => [grpc, code]),
);

/** The error code for a bare gRPC status, or undefined for OK and statuses Coffer never sends (UNKNOWN, OUT_OF_RANGE). */
export function codeOfGrpcStatus(grpcStatus: number): ErrorCode | undefined {
  return CODE_BY_GRPC_STATUS.get(grpcStatus);
}
