import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Express } from 'express';

export interface HttpServer {
  port: number;
  /** Stops accepting connections, lets in-flight requests finish, then closes idle keep-alive sockets. */
  close(timeoutMs: number): Promise<void>;
}

/** `onError` hears of a failure of the listening socket after start, which ends the process. */
export async function listen(app: Express, host: string, port: number, onError: (err: Error) => void = () => undefined): Promise<HttpServer> {
  // While draining, every answer says `Connection: close`: otherwise keep-alive clients keep
  // sending on their open sockets and the server serves them until the forced-close deadline.
  let draining = false;
  const unanswered = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    if (draining) res.shouldKeepAlive = false;
    unanswered.add(res);
    res.once('finish', () => unanswered.delete(res)).once('close', () => unanswered.delete(res));
    app(req, res);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      server.on('error', onError);
      resolve();
    });
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    port: bound,
    close(timeoutMs) {
      draining = true;
      for (const res of unanswered) if (!res.headersSent) res.shouldKeepAlive = false;
      return new Promise((resolve) => {
        const force = setTimeout(() => {
          server.closeAllConnections();
          resolve();
        }, timeoutMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}
