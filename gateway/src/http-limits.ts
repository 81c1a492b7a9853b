/**
 * What the REST API allows one client: how long it may take to send a request, how long a
 * connection may sit idle, and how many connections the server holds at once. A client that
 * sends slowly, or not at all, holds a connection for seconds, not minutes.
 */
export interface HttpLimits {
  /** The request line and headers must arrive within this, counted from the request's first byte (or the connection's opening). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this, counted the same way. */
  requestTimeoutMs: number;
  /** A keep-alive connection with no request on it is closed after this. */
  idleTimeoutMs: number;
  /** Connections beyond this many are closed as they are accepted. */
  maxConnections: number;
}

/**
 * A body is at most the body limit (512kb by default): 30 seconds is plenty even on a slow link.
 * 1024 connections is far above what one instance serves at once (the bench's c=256) and far
 * below a file-descriptor limit.
 */
export const DEFAULT_HTTP_LIMITS: Readonly<HttpLimits> = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, idleTimeoutMs: 5_000, maxConnections: 1024 };

/** The check Node runs for requests past their timeouts costs a walk over the connections still receiving one. */
const MAX_CHECK_INTERVAL_MS = 500;
const MIN_CHECK_INTERVAL_MS = 10;

/**
 * How often the server looks for requests past their timeouts (Node's default is 30 s, so a
 * 10-second timeout could hold for 40): a tenth of the shorter timeout, at most half a second.
 */
export function checkIntervalFor(limits: Pick<HttpLimits, 'headersTimeoutMs' | 'requestTimeoutMs'>): number {
  const shorter = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  return Math.max(MIN_CHECK_INTERVAL_MS, Math.min(MAX_CHECK_INTERVAL_MS, Math.floor(shorter / 10)));
}

/** The headers are part of the request: a headers timeout longer than the request timeout never fires first (and Node refuses it). */
export function headersTimeoutFor(limits: Pick<HttpLimits, 'headersTimeoutMs' | 'requestTimeoutMs'>): number {
  return Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
}
