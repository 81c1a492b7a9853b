import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { CofferError, errorEnvelope, httpStatusOf, isCofferError, fieldError, retryAfterOf, successEnvelope, type ErrorCode } from '@coffer/contract';

export function sendData<T>(res: Response, data: T, status = 200, message = 'ok'): void {
  res.status(status).json(successEnvelope(data, message));
}

/** A failure answer: the HTTP status (and Retry-After, for a code that asks the client to back off) is the code's, from the one table. */
export function sendError(res: Response, code: ErrorCode, message: string, data: unknown = null): void {
  const retryAfter = retryAfterOf(code);
  if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
  res.status(httpStatusOf(code)).json(errorEnvelope(code, message, data));
}

/** Body reader failures that carry a `type`: they are the client's fault and say so without echoing the body. */
function bodyReaderError(err: unknown): CofferError | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err)) return undefined;
  switch ((err as { type: unknown }).type) {
    case 'entity.too.large':
      return new CofferError('PAYLOAD_TOO_LARGE', 'request body is too large');
    case 'encoding.unsupported':
      return fieldError('header', 'Content-Encoding', 'must be gzip, deflate, br or identity');
    default:
      return undefined;
  }
}

/**
 * Anything else Express or its parsers mark as the client's fault with a 4xx `status` (a path with
 * broken percent-encoding, a body that does not inflate): a 400, not an internal error.
 */
function clientError(err: unknown): CofferError | undefined {
  const status = typeof err === 'object' && err !== null ? (err as { status?: unknown }).status : undefined;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  return new CofferError('INVALID_ARGUMENT', err instanceof URIError ? 'request path is not valid percent-encoding' : 'request could not be read');
}

/** The path is input: it is not repeated back. */
export const notFound: RequestHandler = (_req, res) => {
  sendError(res, 'NOT_FOUND', 'no route for this method and path');
};

export function errorHandler(onUnexpected: (err: unknown, req: Parameters<RequestHandler>[0]) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = isCofferError(err) ? err : (bodyReaderError(err) ?? clientError(err));
    if (!known) {
      onUnexpected(err, req);
      sendError(res, 'INTERNAL', 'internal error');
      return;
    }
    // A service's INTERNAL (a reply that could not be encoded) says nothing to the caller; the operator needs its cause.
    if (known.code === 'INTERNAL') onUnexpected(err, req);
    if (known.code === 'UNAUTHENTICATED') res.setHeader('WWW-Authenticate', 'Bearer');
    sendError(res, known.code, known.message, known.details ?? null);
  };
}
