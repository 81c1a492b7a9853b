import type { RequestHandler } from 'express';
import { CofferError, fieldError } from '@coffer/contract';

/** More header fields than any client of this API sends; a request with more is refused, not cut short. */
export const MAX_HEADER_FIELDS = 100;

/**
 * Headers that the gateway, Express or Node read and that a request must send at most once. Of
 * two, Node keeps the first of some and joins others with ", ", and a proxy in front may have
 * read the other one: the request would mean one thing here and another there. Shown by these
 * names, never as sent.
 */
const SINGLE_HEADERS: ReadonlyMap<string, string> = new Map(
  [
    'Authorization',
    'Content-Encoding',
    'Content-Length',
    'Content-Type',
    'Expect',
    'Host',
    'Idempotency-Key',
    'If-Match',
    'If-Modified-Since',
    'If-None-Match',
    'If-Unmodified-Since',
    'Transfer-Encoding',
    'X-Coffer-Checksum',
    'X-Request-Id',
  ].map((name) => [name.toLowerCase(), name]),
);

/** Why the request line and headers cannot be taken at their word, or undefined. */
function headProblem(req: Parameters<RequestHandler>[0]): CofferError | undefined {
  if (req.httpVersionMajor !== 1) return new CofferError('INVALID_ARGUMENT', 'the request must be HTTP/1.1 (or HTTP/1.0)');
  const raw = req.rawHeaders;
  if (raw.length > MAX_HEADER_FIELDS * 2) return new CofferError('HEADERS_TOO_LARGE', `a request may send at most ${MAX_HEADER_FIELDS} header fields`);
  let seen: Set<string> | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const shown = SINGLE_HEADERS.get(name);
    if (shown === undefined) continue;
    if (seen?.has(name)) return fieldError('header', shown, 'must be given only once');
    (seen ??= new Set()).add(name);
  }
  if (req.httpVersionMinor >= 1 && req.headers.host === undefined) return fieldError('header', 'Host', 'required in HTTP/1.1');
  const expect = req.headers.expect;
  if (expect !== undefined && expect.toLowerCase() !== '100-continue') return fieldError('header', 'Expect', 'only 100-continue is supported');
  return undefined;
}

/** Refuses, before anything reads them, a request line and headers that could be read two ways. */
export const checkRequestHead: RequestHandler = (req, _res, next) => {
  next(headProblem(req));
};
