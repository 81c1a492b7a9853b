import type { IncomingMessage } from 'node:http';

/**
 * The request announced a body (a Content-Length above zero, or Transfer-Encoding) and not all of
 * it has arrived: an answer written now leaves the rest unread.
 */
export function bodyStillArriving(req: IncomingMessage): boolean {
  if (req.complete) return false;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}
