import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpResponse {
  status: number;
  statusText: string;
  text: string;
  /** The ETag header, when the answer has one. */
  etag: string | undefined;
}

/** Why a request got no answer: `timed out`, or the socket's error code such as `ECONNREFUSED`. */
export class NetworkError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'NetworkError';
  }
}

/**
 * One request on a connection of its own that closes with the response. node:http rather than
 * fetch: fetch loads undici (~15 ms) and holds its idle socket open after the answer, which delays
 * the exit of every command by ~60 ms, paid again on each `coffer run`.
 */
export function send(url: URL, init: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number }): Promise<HttpResponse> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = { ...init.headers, connection: 'close', ...(init.body !== undefined ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}) };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method, headers, agent: false }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (err: NodeJS.ErrnoException) => reject(new NetworkError(err.code ?? err.message)));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', text: Buffer.concat(chunks).toString('utf8'), etag: res.headers.etag }),
      );
    });
    const timer = setTimeout(() => req.destroy(new NetworkError('timed out')), init.timeoutMs);
    timer.unref();
    req.on('close', () => clearTimeout(timer));
    req.on('error', (err: NodeJS.ErrnoException) => reject(err instanceof NetworkError ? err : new NetworkError(err.code ?? err.message)));
    req.end(init.body);
  });
}
