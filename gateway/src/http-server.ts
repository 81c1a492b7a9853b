import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Express } from 'express';
import { answerClientError, refuseConnect } from './parser-errors.js';
import { MAX_HEADER_FIELDS } from './request-head.js';

export interface HttpServer {
  port: number;
  /** Stops accepting connections, lets in-flight requests finish, then closes idle keep-alive sockets. */
  close(timeoutMs: number): Promise<void>;
}

export interface HttpTimeouts {
  /** A request line and headers must arrive within this (Node's default is a minute). */
  headersMs: number;
  /** The whole request, body included, must arrive within this (Node's default is five minutes). */
  requestMs: number;
  /** How often the server looks for requests past these limits. */
  checkIntervalMs: number;
}

// A body is at most the body limit (512kb by default): a minute is plenty even on a slow link, and
// a slow client holds a connection no longer than that.
const DEFAULT_TIMEOUTS: HttpTimeouts = { headersMs: 20_000, requestMs: 60_000, checkIntervalMs: 2_000 };

/**
 * Request and response classes born with the app's prototypes. Express gives every request and
 * response the app's prototype with Object.setPrototypeOf, which on a stream object makes V8 keep
 * the whole request (its closures, buffers, parsed headers) alive through two young-generation
 * collections and promote it: about 1 MB per 40 requests to sweep later, and pauses of 5 to 10 ms
 * that made the p99 at one client five times the p50. With the prototype already in place that
 * call changes nothing, and a request's garbage dies young.
 */
function appClasses(app: Express): { IncomingMessage: typeof IncomingMessage; ServerResponse: typeof ServerResponse } {
  class AppRequest extends IncomingMessage {}
  class AppResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {}
  Object.setPrototypeOf(AppRequest.prototype, app.request);
  Object.setPrototypeOf(AppResponse.prototype, app.response);
  app.request = AppRequest.prototype as Express['request'];
  app.response = AppResponse.prototype as Express['response'];
  return { IncomingMessage: AppRequest, ServerResponse: AppResponse };
}

/** `onError` hears of a failure of the listening socket after start, which ends the process. */
export async function listen(
  app: Express,
  host: string,
  port: number,
  onError: (err: Error) => void = () => undefined,
  timeouts: HttpTimeouts = DEFAULT_TIMEOUTS,
): Promise<HttpServer> {
  // While draining, every answer says `Connection: close`: otherwise keep-alive clients keep
  // sending on their open sockets and the server serves them until the forced-close deadline.
  let draining = false;
  const unanswered = new Set<ServerResponse>();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (draining) res.shouldKeepAlive = false;
    unanswered.add(res);
    res.once('finish', () => unanswered.delete(res)).once('close', () => unanswered.delete(res));
    app(req, res);
  };
  const server: Server = createServer(
    {
      ...appClasses(app),
      // Node answers a missing Host, and an Expect other than 100-continue, itself with an empty
      // body; the app answers both instead (request-head.ts), with the envelope.
      requireHostHeader: false,
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
    handle,
  );
  server.on('checkExpectation', handle);
  // What Node's parser refuses never reaches the app: answered here, with the envelope, not Node's empty body.
  server.on('clientError', answerClientError);
  server.on('connect', refuseConnect);
  // Node silently drops the headers past this count; one more than the app accepts lets it refuse them instead.
  server.maxHeadersCount = MAX_HEADER_FIELDS + 1;
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
