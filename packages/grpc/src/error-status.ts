import { Metadata, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import { CofferError, ERROR_TABLE, INTERNAL_ERROR_MESSAGE, codeOfGrpcStatus, isErrorCode, type ErrorCode, type ErrorDetails } from '@coffer/contract';

// How a CofferError crosses the wire: the gRPC status carries the message, and the
// trailers carry the exact code (several codes share a status) and the details.
export const ERROR_CODE_TRAILER = 'x-coffer-error-code';
export const ERROR_DETAILS_TRAILER = 'x-coffer-error-details';

/** The status a server sends for a CofferError. */
export function toGrpcStatus(error: CofferError): Partial<StatusObject> {
  const metadata = new Metadata();
  metadata.set(ERROR_CODE_TRAILER, error.code);
  if (error.details !== undefined) metadata.set(ERROR_DETAILS_TRAILER, asciiJson(error.details));
  return { code: ERROR_TABLE[error.code].grpc, details: error.message, metadata };
}

/**
 * What the caller is told of a failure the client library decided (no Coffer server answered):
 * grpc-js's own text names internal addresses ("Deadline exceeded after 5.002s, remote_addr=10.0.3.7:4001"),
 * which stays in `cause`.
 */
const LIBRARY_MESSAGES: Partial<Record<ErrorCode, string>> = {
  // A reply the library could not encode or decode ("Error serializing response: ..."): its text is the library's, never the caller's.
  INTERNAL: INTERNAL_ERROR_MESSAGE,
  DEADLINE_EXCEEDED: 'a service did not answer in time',
  UNAVAILABLE: 'a service is unavailable',
  CANCELLED: 'the call was cancelled',
};

/**
 * The CofferError a client raises for a failed call: the exact code and message from the
 * trailer when a Coffer server sent one, otherwise the code of the gRPC status (a deadline
 * or a dropped connection are decided by the client library, without trailers; the standard
 * health service sends none either), with a message of our own where the library wrote it.
 */
export function fromServiceError(error: ServiceError): CofferError {
  const [trailerCode] = error.metadata.get(ERROR_CODE_TRAILER);
  if (typeof trailerCode === 'string' && isErrorCode(trailerCode)) {
    const details = parseDetails(error.metadata.get(ERROR_DETAILS_TRAILER));
    return new CofferError(trailerCode, error.details, details === undefined ? { cause: error } : { cause: error, details });
  }
  const code = codeOfGrpcStatus(error.code);
  if (code === undefined) return new CofferError('INTERNAL', INTERNAL_ERROR_MESSAGE, { cause: error });
  return new CofferError(code, LIBRARY_MESSAGES[code] ?? error.details, { cause: error });
}

// Metadata values must be printable ASCII; JSON can say the rest with \u escapes.
function asciiJson(details: ErrorDetails): string {
  return JSON.stringify(details).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function parseDetails(values: readonly (string | Buffer)[]): ErrorDetails | undefined {
  const [value] = values;
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isDetails(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isDetails(value: unknown): value is ErrorDetails {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
  );
}
