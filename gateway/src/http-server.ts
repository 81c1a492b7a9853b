import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Express } from 'express';
import { checkIntervalFor, DEFAULT_HTTP_LIMITS, headersTimeoutFor, type HttpLimits } from './http-limits.js';
import { answerClientError, refuseConnect } from './parser-errors.js';
import { MAX_HEADER_FIELDS } from './request-head.js';
import { bodyStillArriving } from './unread-body.js';

export interface HttpServer {
  port: number;
  /** Stops accepting connections, lets in-flight requests finish, then closes idle keep-alive sockets. */
  close(timeoutMs: number): Promise<void>;
}

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
  // An answer given before the request's body has all arrived (a request refused for its token, its
  // size or its path) closes the connection: Node would otherwise read and throw away the rest,
  // however long and slow it is, to keep the connection open. Every answer's head passes here.
  const { writeHead } = ServerResponse.prototype;
  AppResponse.prototype.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (bodyStillArriving(this.req)) this.shouldKeepAlive = false;
    return (writeHead as (...args: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
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
  limits: HttpLimits = DEFAULT_HTTP_LIMITS,
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
      // Past these Node answers 408 (with the envelope: parser-errors.ts) and closes the connection.
      headersTimeout: headersTimeoutFor(limits),
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: checkIntervalFor(limits),
      // Node closes an idle keep-alive connection a second after the `Keep-Alive: timeout` it announces, so that no client reuses one being closed.
      keepAliveTimeout: limits.idleTimeoutMs,
    },
    handle,
  );
  server.on('checkExpectation', handle);
  // Node would answer `Expect: 100-continue` at once; the body reader answers it instead, when the
  // body is wanted (request-body.ts), so a request refused before (no token) never sends its body.
  server.on('checkContinue', handle);
  // What Node's parser refuses never reaches the app: answered here, with the envelope, not Node's empty body.
  server.on('clientError', answerClientError);
  server.on('connect', refuseConnect);
  // Node silently drops the headers past this count; one more than the app accepts lets it refuse them instead.
  server.maxHeadersCount = MAX_HEADER_FIELDS + 1;
  // Node closes a connection beyond the cap as soon as it is accepted, before reading anything.
  server.maxConnections = limits.maxConnections;
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
